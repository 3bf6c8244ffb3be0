import { describe, expect, it } from "vitest";
import { parseJepsenEdn } from "../../src/consistency/index.js";

describe("parseJepsenEdn", () => {
  it("reads Knossos's single collection, skipping nemesis notes, with Knossos's hints", () => {
    const h = parseJepsenEdn(
      `[{:process 0, :type :invoke, :f :write, :value 1}
        {:process :nemesis, :type :info, :f :start}
        {:process 0, :type :ok, :f :write, :value 1}
        {:process 1, :type :invoke, :f :read}]`,
      "k.edn",
    );
    expect(h.ops.map((o) => [o.f, o.value, o.status, o.line])).toEqual([
      ["write", 1, "ok", 1],
      ["read", null, "unknown", 4],
    ]);
    expect(h.hints).toEqual({ initialValue: 0, nilReadMatchesAny: true, datatype: "register" });
  });

  it("reads one map per line with keys (Porcupine kv) and converts keywords in values", () => {
    const h = parseJepsenEdn(
      '{:process 3, :type :invoke, :f :txn, :key "4", :value [[:read :x nil]]}\n' +
        '{:process 3, :type :ok, :f :txn, :key "4", :value [[:read :x 2]]}\n',
    );
    expect(h.ops[0]!.key).toBe("4");
    expect(h.ops[0]!.result).toEqual([["read", "x", 2]]);
    expect(h.hints.datatype).toBe("kv");
  });

  it.each([
    ["[1]", /Jepsen operation is not a map/],
    ["{:type :invoke}", /has no integer :process/],
    ["{:process 1, :type :weird}", /has no valid :type/],
  ])("rejects %j naming the line", (text, message) => {
    expect(() => parseJepsenEdn(`\n${text}`, "x.edn")).toThrow(message);
    expect(() => parseJepsenEdn(`\n${text}`, "x.edn")).toThrow(/^x\.edn:2:/);
  });
});
