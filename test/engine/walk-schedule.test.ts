import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EnabledAges } from "../../src/engine/enabled-age.js";
import { pickStep } from "../../src/engine/step-pick.js";
import { SCHEDULE_SCALE, stepWeight, stepWeights } from "../../src/engine/walk-schedule.js";

const weightsArb = fc.array(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 });
const choiceArb = fc.nat();

describe("pickStep", () => {
  it("uniform: the choice modulo the number of candidates", () => {
    fc.assert(
      fc.property(choiceArb, fc.integer({ min: 1, max: 50 }), (c, n) => pickStep(c, n, undefined) === c % n),
    );
  });

  it("weighted: takes the candidate whose cumulative weight passes the choice's fraction of the total", () => {
    fc.assert(
      fc.property(weightsArb, choiceArb, (ws, c) => {
        const w = Float64Array.from(ws);
        const i = pickStep(c, w.length, w);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThan(w.length);
        const total = ws.reduce((x, y) => x + y, 0);
        const target = (c / 2 ** 31) * total;
        const before = ws.slice(0, i).reduce((x, y) => x + y, 0);
        expect(before).toBeLessThanOrEqual(target * (1 + 1e-12));
        if (i < w.length - 1) expect(target).toBeLessThan(before + ws[i]! + 1e-9 * total);
      }),
    );
  });

  it("weighted: a smaller choice never takes a later candidate (shrinking prefers earlier steps)", () => {
    fc.assert(
      fc.property(weightsArb, choiceArb, choiceArb, (ws, a, b) => {
        const w = Float64Array.from(ws);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(pickStep(lo, w.length, w)).toBeLessThanOrEqual(pickStep(hi, w.length, w));
        expect(pickStep(0, w.length, w)).toBe(0);
      }),
    );
  });

  it("weighted: only the first `count` weights count (candidates dropped from the end)", () => {
    const w = Float64Array.from([1, 1, 1e9]);
    for (const c of [0, 2 ** 30, 2 ** 31 - 1]) expect(pickStep(c, 2, w)).toBeLessThan(2);
  });
});

describe("stepWeights", () => {
  const active = [true, true, false, true];

  it("equal priority keys give every action the same weight (a schedule shrunk to 0 is uniform)", () => {
    const w = stepWeights({ priority: [0, 0, 0, 0], spread: 0, aging: 0 }, active);
    expect([...w.base]).toEqual([1, 1, 1, 1]);
  });

  it("ranks the active actions by key, each rank `spread` (10 to 100) times less likely", () => {
    const low = stepWeights({ priority: [5, 900, 999, 10], spread: 0, aging: 0 }, active);
    // Action 2 is inactive: its higher key does not push the others down.
    expect(low.base[1]).toBeCloseTo(1);
    expect(low.base[3]).toBeCloseTo(1 / 10);
    expect(low.base[0]).toBeCloseTo(1 / 100);
    const high = stepWeights({ priority: [5, 900, 999, 10], spread: SCHEDULE_SCALE, aging: 0 }, active);
    expect(high.base[3]).toBeCloseTo(1 / 100);
    expect(high.base[0]).toBeCloseTo(1 / 10_000);
  });

  it("maps the aging key to an exponent from 1.5 to 2.5: an older step weighs more", () => {
    const w = stepWeights({ priority: [0, 0, 0, 0], spread: 0, aging: 0 }, active);
    expect(w.aging).toBeCloseTo(1.5);
    expect(
      stepWeights({ priority: [0, 0, 0, 0], spread: 0, aging: SCHEDULE_SCALE }, active).aging,
    ).toBeCloseTo(2.5);
    expect(stepWeight(w, 0, 0, false)).toBe(1);
    expect(stepWeight(w, 0, 3, false)).toBeCloseTo(4 ** 1.5);
  });
});

describe("stepWeight", () => {
  it("makes a repeat (a step still enabled since it was taken) ten times less likely, at any age", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: SCHEDULE_SCALE }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: SCHEDULE_SCALE }),
        fc.integer({ min: 0, max: SCHEDULE_SCALE }),
        fc.integer({ min: 0, max: 2 }),
        fc.nat(1000),
        (priority, spread, aging, a, age) => {
          const w = stepWeights({ priority, spread, aging }, [true, true, true]);
          expect(stepWeight(w, a, age, true) / stepWeight(w, a, age, false)).toBeCloseTo(0.1, 12);
        },
      ),
    );
  });
});

describe("EnabledAges", () => {
  it("counts the steps a pair has been enabled, by value, and starts again after a gap or once taken", () => {
    const ages = new EnabledAges(2);
    const msg = { from: "a", to: "b", n: 1 };
    expect(ages.age(0, msg, 1)).toBe(0);
    expect(ages.age(0, { ...msg }, 2)).toBe(1); // an equal value is the same pair
    expect(ages.age(1, msg, 2)).toBe(0); // another action: another pair
    expect(ages.age(0, msg, 3)).toBe(2);
    expect(ages.age(0, msg, 5)).toBe(0); // not enabled at step 4
    expect(ages.age(0, msg, 6)).toBe(1);
    ages.taken(0, msg, 6);
    expect(ages.age(0, msg, 7)).toBe(0); // enabled again after being taken: a new occurrence
    expect(ages.age(0, undefined, 7)).toBe(0); // actions without arguments
    expect(ages.age(0, undefined, 8)).toBe(1);
    ages.reset();
    expect(ages.age(0, msg, 9)).toBe(0);
  });

  it("tells a repeat (taken, and enabled ever since) from a new occurrence (disabled in between)", () => {
    const ages = new EnabledAges(1);
    const msg = { from: "a", to: "b", n: 1 };
    ages.age(0, msg, 1);
    expect(ages.lastRepeat).toBe(false);
    ages.taken(0, msg, 1);
    ages.age(0, msg, 2); // still deliverable: the network keeps it (duplication)
    expect(ages.lastRepeat).toBe(true);
    ages.age(0, msg, 3);
    expect(ages.lastRepeat).toBe(true); // still the same message again, however long it waits
    ages.age(0, { n: 2 }, 4); // another pair; msg is not enabled at step 4
    expect(ages.lastRepeat).toBe(false);
    ages.age(0, msg, 5); // enabled again after a gap: sent anew, not a duplicate
    expect(ages.lastRepeat).toBe(false);
    ages.taken(0, msg, 5);
    ages.reset();
    ages.age(0, msg, 6);
    expect(ages.lastRepeat).toBe(false); // a new walk forgets what was taken
  });
});
