import { describe, expect, it } from "vitest";
import { checkListAppend, dependencyGraph, historyFromOperations } from "../../src/consistency/index.js";

const txn = (process: number, ...micro: unknown[][]) => ({ process, f: "txn", value: micro });

describe("list-append dependency inference", () => {
  it("infers ww, wr and rw edges from the longest read", () => {
    const g = dependencyGraph(
      historyFromOperations([
        txn(0, ["append", "k", 1]),
        txn(1, ["append", "k", 2]),
        txn(2, ["r", "k", [1]]),
        txn(3, ["r", "k", [1, 2]]),
      ]),
    );
    expect(g.edges.map((e) => `${e.from}${e.kind}${e.to}`).sort()).toEqual(
      ["0wr2", "0ww1", "1wr3", "2rw1"].sort(),
    );
    expect(g.complete).toBe(true);
  });

  it("marks the graph incomplete when two appends were never read", () => {
    const g = dependencyGraph(
      historyFromOperations([txn(0, ["append", "k", 1]), txn(1, ["append", "k", 2])]),
    );
    expect(g.complete).toBe(false);
    expect(
      checkListAppend(historyFromOperations([txn(0, ["append", "k", 1]), txn(1, ["append", "k", 2])]))
        .serializable,
    ).toBe("unknown");
  });

  it("reports reads that no single version order explains", () => {
    const r = checkListAppend(
      historyFromOperations([
        txn(0, ["append", "k", 1]),
        txn(1, ["append", "k", 2]),
        txn(2, ["r", "k", [1, 2]]),
        txn(3, ["r", "k", [2]]),
      ]),
    );
    expect(r.anomalyTypes).toContain("incompatible-order");
    expect(r.snapshotIsolation).toBe("violated");
    const garbage = checkListAppend(historyFromOperations([txn(0, ["r", "k", [9]])]));
    expect(garbage.anomalyTypes).toEqual(["garbage-read"]);
  });

  it("reports a read of an intermediate state (G1b)", () => {
    const r = checkListAppend(
      historyFromOperations([
        txn(0, ["append", "k", 1], ["append", "k", 2]),
        txn(1, ["r", "k", [1]]),
        txn(2, ["r", "k", [1, 2]]),
      ]),
    );
    expect(r.anomalyTypes).toContain("G1b");
    expect(r.snapshotIsolation).toBe("violated");
  });

  it("strips a transaction's own appends from its reads", () => {
    const g = dependencyGraph(historyFromOperations([txn(0, ["append", "k", 1], ["r", "k", [1]])]));
    expect(g.anomalies).toEqual([]);
  });

  it("rejects non-transactions and repeated appends", () => {
    expect(() => dependencyGraph(historyFromOperations([{ f: "read", value: 1 }]))).toThrow(
      /not a list-append transaction/,
    );
    expect(() =>
      dependencyGraph(historyFromOperations([txn(0, ["append", "k", 1]), txn(1, ["append", "k", 1])])),
    ).toThrow(/appended to key k more than once/);
  });
});
