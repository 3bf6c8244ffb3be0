import { describe, expect, it } from "vitest";
import { historyFromOperations, historyFromSessions, toRwHistory } from "../../src/consistency/index.js";
import { poRfEdges } from "../../src/consistency/rw-history.js";

describe("toRwHistory", () => {
  it("resolves reads-from by (key, value) and records thin-air reads", () => {
    const rw = toRwHistory(
      historyFromSessions({
        a: [
          { f: "write", key: "x", value: 1 },
          { f: "read", key: "y", value: 7 },
        ],
        b: [{ f: "read", key: "x", value: 1 }],
      }),
    );
    expect(rw.ops.map((o) => [o.kind, o.key, o.reads])).toEqual([
      ["write", "x", []],
      ["read", "y", []],
      ["read", "x", [0]],
    ]);
    expect(rw.thinAir).toEqual([{ read: 1, value: 7 }]);
    expect(poRfEdges(rw)).toEqual([[1, 2], [], []]);
  });

  it("keeps unknown writes, drops unknown reads and failures", () => {
    const rw = toRwHistory(
      historyFromOperations([
        { process: 0, f: "write", key: "x", value: 1, status: "unknown" },
        { process: 1, f: "read", key: "x", status: "unknown" },
        { process: 2, f: "write", key: "x", value: 2, status: "fail" },
      ]),
    );
    expect(rw.ops).toHaveLength(1);
  });

  it("reads sets and lists", () => {
    const rw = toRwHistory(
      historyFromSessions({
        a: [
          { f: "append", key: "x", value: 1 },
          { f: "append", key: "x", value: 2 },
          { f: "read", key: "x", value: [2, 1] },
        ],
      }),
      "list-append",
    );
    expect(rw.ops[2]!.reads).toEqual([1, 0]);
  });

  it("rejects non-differentiated histories and foreign operations", () => {
    const twice = historyFromSessions({
      a: [{ f: "write", key: "x", value: 1 }],
      b: [{ f: "write", key: "x", value: 1 }],
    });
    expect(() => toRwHistory(twice)).toThrow(/written to key "x" twice.*differentiated/);
    const cas = historyFromSessions({ a: [{ f: "cas", key: "x", value: [1, 2] }] });
    expect(() => toRwHistory(cas)).toThrow(/'cas'.*not a register read or write/);
    const scalar = historyFromSessions({ a: [{ f: "read", key: "x", value: 3 }] });
    expect(() => toRwHistory(scalar, "grow-set")).toThrow(/not a list/);
  });
});
