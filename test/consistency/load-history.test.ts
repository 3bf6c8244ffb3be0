import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectFormat, loadHistory, parseHistory } from "../../src/consistency/index.js";
import { dataPath } from "./helpers.js";

describe("history loading", () => {
  it("detects formats by extension, then by content", () => {
    expect(detectFormat("", "a.json")).toBe("json");
    expect(detectFormat("", "a.edn")).toBe("jepsen-edn");
    expect(detectFormat("", "a.log")).toBe("etcd-log");
    expect(detectFormat("{:process 1, :type :invoke}", "c01.txt")).toBe("jepsen-edn");
    expect(detectFormat('  {"events": []}', "h")).toBe("json");
    expect(detectFormat("; comment\n[", "h")).toBe("jepsen-edn");
    expect(detectFormat("INFO  jepsen.util - 0 :invoke :read nil", "h")).toBe("etcd-log");
    expect(() => detectFormat("hello", "h.txt")).toThrow(/cannot tell the history format/);
  });

  it("parses text in the detected format", () => {
    expect(parseHistory('{"operations": [{"f": "read"}]}').ops).toHaveLength(1);
  });

  it("loads the shared data files in each format", async () => {
    expect((await loadHistory(dataPath("porcupine/jepsen/etcd_000.log"))).ops.length).toBeGreaterThan(0);
    expect((await loadHistory(dataPath("porcupine/kv/c01-ok.txt"))).hints.datatype).toBe("kv");
    expect(
      (await loadHistory(dataPath("knossos/cas-register/bad/bad-analysis.edn"))).hints.initialValue,
    ).toBe(0);
  });

  it("reports unreadable files with SPC-H001", async () => {
    await expect(loadHistory("/nonexistent/h.json")).rejects.toThrow(
      /\/nonexistent\/h\.json: cannot read the file \(ENOENT\)/,
    );
    const dir = mkdtempSync(join(tmpdir(), "specter-h-"));
    writeFileSync(join(dir, "h.json"), "{");
    await expect(loadHistory(join(dir, "h.json"))).rejects.toMatchObject({ code: "SPC-H002" });
  });
});
