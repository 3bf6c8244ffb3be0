import { describe, expect, it } from "vitest";
import { parseEtcdLog } from "../../src/consistency/index.js";

const LOG = [
  "INFO  jepsen.util - 0\t:invoke\t:read\tnil",
  "INFO  jepsen.util - 1\t:invoke\t:cas\t[1 2]",
  "INFO  jepsen.util - 2   :invoke  :write  3",
  "INFO  jepsen.util - 0\t:ok\t:read\tnil",
  "INFO  jepsen.util - 1\t:fail\t:cas\t[1 2]",
  "INFO  jepsen.util - 2\t:info\t:write\t:timed-out",
  "INFO  jepsen.util - 5\t:invoke\t:read\tnil",
  "INFO  jepsen.util - 5\t:fail\t:read\t:timed-out",
].join("\n");

describe("parseEtcdLog", () => {
  it("reads every event type, with tabs or spaces", () => {
    const h = parseEtcdLog(LOG, "e.log");
    expect(h.ops.map((o) => [o.process, o.f, o.value, o.result, o.status])).toEqual([
      [0, "read", null, null, "ok"],
      [1, "cas", [1, 2], [1, 2], "fail"],
      [2, "write", 3, undefined, "unknown"],
      [5, "read", null, null, "fail"],
    ]);
    expect(h.hints.initialValue).toBeNull();
    expect(h.ops[0]!.line).toBe(1);
  });

  it("skips lines that are not operations, such as the rest of a console log", () => {
    const h = parseEtcdLog(`INFO  jepsen.core - Setting up\n${LOG}\n`, "e.log");
    expect(h.ops).toHaveLength(4);
  });

  it("names the file and line of a malformed operation line", () => {
    expect(() =>
      parseEtcdLog(
        "INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:read\tx",
        "e.log",
      ),
    ).toThrow(/^e\.log:2: etcd log line has value 'x'/);
    expect(() => parseEtcdLog("INFO  jepsen.util - 0\t:frob\t:read\tnil", "e.log")).toThrow(/e\.log:1:/);
  });

  it("rejects a file with no operation lines at all", () => {
    expect(() => parseEtcdLog("hello\nworld\n", "e.log")).toThrow(/SPC|no 'INFO jepsen.util/);
  });
});
