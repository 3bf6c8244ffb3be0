import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balancePlan, MovedStates } from "../../src/engine/parallel/rebalance.js";

/** Applies a plan to segments of global positions and returns the new segments. */
function apply(sizes: readonly number[]): number[][] | undefined {
  const plan = balancePlan(sizes);
  if (!plan) return undefined;
  const segments: number[][] = [];
  let p = 0;
  for (const n of sizes) {
    segments.push(Array.from({ length: n }, (_, i) => p + i));
    p += n;
  }
  const moved = new MovedStates();
  p = 0;
  plan.forEach((m, k) => {
    const seg = segments[k]!;
    moved.add(p, seg.slice(0, m.takeHead));
    moved.add(p + seg.length - m.takeTail, seg.slice(seg.length - m.takeTail));
    segments[k] = seg.slice(m.takeHead, seg.length - m.takeTail);
    p += sizes[k]!;
  });
  return plan.map((m, k) => [
    ...(moved.slice(m.gainHead[0], m.gainHead[1]) as number[]),
    ...segments[k]!,
    ...(moved.slice(m.gainTail[0], m.gainTail[1]) as number[]),
  ]);
}

describe("segment rebalancing", () => {
  it("keeps level order and evens the segments out", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 3000 }), { minLength: 2, maxLength: 5 }), (sizes) => {
        const total = sizes.reduce((a, b) => a + b, 0);
        const after = apply(sizes);
        if (!after) return;
        expect(after.flat()).toEqual(Array.from({ length: total }, (_, i) => i));
        const lengths = after.map((s) => s.length);
        expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("leaves even or small levels alone", () => {
    expect(balancePlan([1000, 1010])).toBeUndefined();
    expect(balancePlan([10, 0])).toBeUndefined();
    expect(balancePlan([100, 0])).toBeDefined();
  });
});
