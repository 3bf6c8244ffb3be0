import { describe, expect, it } from "vitest";
import { historyFromSessions, toRwHistory } from "../../src/consistency/index.js";
import {
  derivation,
  leastVisibility,
  type SessionGuarantee,
} from "../../src/consistency/session-visibility.js";

const ALL = new Set<SessionGuarantee>(["RYW", "MR", "MW", "WFR"]);

describe("leastVisibility", () => {
  // p0 adds x0; p1 reads {x0} then adds y0; p2 reads {y0} then reads x.
  const rw = toRwHistory(
    historyFromSessions({
      p0: [{ f: "add", key: "x", value: 0 }],
      p1: [
        { f: "read", key: "x", value: [0] },
        { f: "add", key: "y", value: 0 },
      ],
      p2: [
        { f: "read", key: "y", value: [0] },
        { f: "read", key: "x", value: [] },
      ],
    }),
    "grow-set",
  );

  it("closes the returned writes under the selected guarantees", () => {
    expect(leastVisibility(rw, 4, ALL).writes).toEqual([2, 0]);
    expect(leastVisibility(rw, 4, new Set(["MR"])).writes).toEqual([2]);
    expect(leastVisibility(rw, 4, new Set()).writes).toEqual([]);
  });

  it("keeps the derivation: MR then WFR", () => {
    const vis = leastVisibility(rw, 4, ALL);
    expect(derivation(vis, 0).map((s) => [s.write, s.step.rule, s.step.via])).toEqual([
      [2, "MR", 3],
      [0, "WFR", 1],
    ]);
  });

  it("gives a write's companions (MW and WFR)", () => {
    expect(leastVisibility(rw, 2, ALL).writes).toEqual([0]);
  });
});
