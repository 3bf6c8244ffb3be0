import { describe, expect, it } from "vitest";
import { checkConvergence } from "../../src/consistency/index.js";

describe("checkConvergence", () => {
  it("passes when replicas with the same updates agree, whatever the delivery order", () => {
    expect(
      checkConvergence([
        { replica: "a", delivered: ["u1", "u2"], value: { n: 2 } },
        { replica: "b", delivered: ["u2", "u1"], value: { n: 2 } },
        { replica: "c", delivered: ["u1"], value: { n: 1 } },
      ]).ok,
    ).toBe(true);
  });

  it("reports two replicas that delivered the same updates but differ", () => {
    const r = checkConvergence([
      { replica: "a", delivered: [1, 2], value: [1, 2] },
      { replica: "b", delivered: [2, 1], value: [2, 1] },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.explanation.pattern).toBe("Divergence");
      expect(r.explanation.details).toEqual(["a: [1 2]", "b: [2 1]", "updates delivered by both: 2, 1"]);
    }
  });

  it("uses a custom equality (e.g. sets as sorted lists)", () => {
    const sameSet = (x: number[], y: number[]) => [...x].sort().join() === [...y].sort().join();
    const snaps = [
      { replica: "a", delivered: [1, 2], value: [1, 2] },
      { replica: "b", delivered: [1, 2], value: [2, 1] },
    ];
    expect(checkConvergence(snaps, { equal: sameSet }).ok).toBe(true);
  });
});
