import { describe, expect, it } from "vitest";
import { checkListAppend, dependencyGraph, parseJepsenEdn } from "../../../src/consistency/index.js";
import { dataText } from "../helpers.js";

const history = () => parseJepsenEdn(dataText("elle/si-without-g-single.edn"), "si-without-g-single.edn");

describe("Elle list-append history si-without-g-single.edn", () => {
  it("finds exactly G2-item: repeatable read violated, snapshot isolation holds", () => {
    const r = checkListAppend(history());
    expect(r.anomalyTypes).toEqual(["G2-item"]);
    expect(r.repeatableRead).toBe("violated");
    expect(r.snapshotIsolation).toBe("holds");
    expect(r.serializable).toBe("violated");
    expect(r.complete).toBe(true);
  });

  it("infers the six dependency edges listed in the file's comments", () => {
    const g = dependencyGraph(history());
    // T1..T4 in the comments are transactions 0..3 here.
    const edges = g.edges.map((e) => `T${e.from + 1} ${e.kind} T${e.to + 1} on ${e.key}`).sort();
    expect(edges).toEqual(
      [
        "T1 ww T3 on 9",
        "T1 wr T4 on 9",
        "T2 rw T1 on 9",
        "T3 rw T2 on 8",
        "T3 rw T4 on 6",
        "T4 rw T3 on 9",
      ].sort(),
    );
  });
});
