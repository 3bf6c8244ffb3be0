import { describe, expect, it } from "vitest";
import { checkListAppend, historyFromOperations } from "../../src/consistency/index.js";

const txn = (...micro: unknown[][]) => ({ f: "txn", value: micro });

describe("checkListAppend cycle classification", () => {
  it("G1c: each transaction read the other's append", () => {
    const r = checkListAppend(
      historyFromOperations([
        txn(["append", "a", 1], ["r", "b", [1]]),
        txn(["append", "b", 1], ["r", "a", [1]]),
      ]),
    );
    expect(r.anomalyTypes).toEqual(["G1c"]);
    expect(r.snapshotIsolation).toBe("violated");
  });

  it("G-single: a read skew with one anti-dependency", () => {
    // T0 writes a and b; T1 sees T0's b but not T0's a.
    const r = checkListAppend(
      historyFromOperations([
        txn(["append", "a", 1], ["append", "b", 1]),
        txn(["r", "a", null], ["r", "b", [1]]),
        txn(["r", "a", [1]]),
      ]),
    );
    expect(r.anomalyTypes).toEqual(["G-single"]);
  });

  it("G2-item: write skew is allowed by snapshot isolation", () => {
    const r = checkListAppend(
      historyFromOperations([
        txn(["r", "a", null], ["append", "b", 1]),
        txn(["r", "b", null], ["append", "a", 1]),
        txn(["r", "a", [1]], ["r", "b", [1]]),
      ]),
    );
    expect(r.anomalyTypes).toEqual(["G2-item"]);
    expect([r.snapshotIsolation, r.repeatableRead]).toEqual(["holds", "violated"]);
    expect(r.anomalies[0]!.details.every((d) => / -(ww|wr|rw)-> /.test(d))).toBe(true);
  });

  it("a serial history has no anomalies", () => {
    const r = checkListAppend(
      historyFromOperations([
        txn(["append", "a", 1]),
        txn(["r", "a", [1]], ["append", "a", 2]),
        txn(["r", "a", [1, 2]]),
      ]),
    );
    expect(r).toMatchObject({ anomalyTypes: [], serializable: "holds", snapshotIsolation: "holds" });
  });
});
