import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Draft, deepFreeze, GUARDED_STEPS, StateProducer } from "../../src/spec/draft.js";

interface S {
  n: number;
  xs: number[];
  tags: Set<string>;
  m: Map<string, { v: number }>;
}

const base = (): S =>
  deepFreeze({ n: 0, xs: [1, 2, 3], tags: new Set(["a"]), m: new Map([["k", { v: 1 }]]) });

/** One mutation a recipe may make, as generated data. */
type Op =
  | { kind: "inc" }
  | { kind: "set"; i: number; v: number }
  | { kind: "push"; v: number }
  | { kind: "tag"; t: string }
  | { kind: "untag"; t: string }
  | { kind: "put"; k: string; v: number }
  | { kind: "bump"; k: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: "inc" as const }),
  fc.record({ kind: fc.constant("set" as const), i: fc.nat(4), v: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant("push" as const), v: fc.nat(5) }),
  fc.record({ kind: fc.constant("tag" as const), t: fc.constantFrom("a", "b", "c") }),
  fc.record({ kind: fc.constant("untag" as const), t: fc.constantFrom("a", "b", "c") }),
  fc.record({ kind: fc.constant("put" as const), k: fc.constantFrom("k", "l"), v: fc.nat(3) }),
  fc.record({ kind: fc.constant("bump" as const), k: fc.constantFrom("k", "l") }),
);

function recipe(d: Draft<S>, o: Op): void {
  switch (o.kind) {
    case "inc":
      d.n++;
      return;
    case "set":
      if (o.i < d.xs.length) d.xs[o.i] = o.v;
      return;
    case "push":
      if (d.xs.length < 6) d.xs.push(o.v);
      return;
    case "tag":
      d.tags.add(o.t);
      return;
    case "untag":
      d.tags.delete(o.t);
      return;
    case "put":
      d.m.set(o.k, { v: o.v });
      return;
    case "bump": {
      const e = d.m.get(o.k);
      if (e) e.v++;
    }
  }
}

const plain = (s: S) => ({ n: s.n, xs: [...s.xs], tags: [...s.tags].sort(), m: [...s.m].sort() });

/** A producer already past its guarded steps. */
function fastProducer(): StateProducer {
  const p = new StateProducer();
  const s = base();
  for (let i = 0; i < GUARDED_STEPS; i++) p.apply(s, recipe, { kind: "inc" }, undefined);
  expect(p.guarding).toBe(false);
  return p;
}

describe("StateProducer", () => {
  it("freezes the states of the guarded steps, so a mutation outside a draft throws", () => {
    const p = new StateProducer();
    expect(p.guarding).toBe(true);
    const next = p.apply(base(), recipe, { kind: "tag", t: "b" }, undefined);
    expect(Object.isFrozen(next)).toBe(true);
    expect(() => (next as { n: number }).n++).toThrow(TypeError);
    expect(() => next.tags.add("z")).toThrow(/frozen and should not be mutated/);
  });

  it("returns the same reference for a recipe that changes nothing, guarded or fast", () => {
    const s = base();
    expect(new StateProducer().apply(s, recipe, { kind: "tag", t: "a" }, undefined)).toBe(s);
    expect(fastProducer().apply(s, recipe, { kind: "tag", t: "a" }, undefined)).toBe(s);
  });

  it("after the guarded steps produces unfrozen states with the same contents", () => {
    const fast = fastProducer();
    const s = base();
    const next = fast.apply(s, recipe, { kind: "push", v: 9 }, undefined);
    expect(Object.isFrozen(next)).toBe(false);
    expect(next.xs).toEqual([1, 2, 3, 9]);
    expect(s.xs).toEqual([1, 2, 3]);
    // Unchanged subtrees are still shared with the base state.
    expect(next.tags).toBe(s.tags);
    expect(next.m).toBe(s.m);
  });

  it("guarded and fast production agree on every sequence of mutations (property)", () => {
    const fast = fastProducer();
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const guarded = new StateProducer(true);
        let a = base();
        let b = base();
        for (const o of ops) {
          const a2 = guarded.apply(a, recipe, o, undefined);
          const b2 = fast.apply(b, recipe, o, undefined);
          expect(a2 === a).toBe(b2 === b); // a stutter in one is a stutter in the other
          a = a2;
          b = b2;
          expect(plain(b)).toEqual(plain(a));
        }
        // The base states were never changed by either.
        expect(plain(base())).toEqual({ n: 0, xs: [1, 2, 3], tags: ["a"], m: [["k", { v: 1 }]] });
      }),
      { numRuns: 200 },
    );
  });

  it("freezeStates keeps every step guarded", () => {
    const p = new StateProducer(true);
    const s = base();
    for (let i = 0; i < GUARDED_STEPS + 5; i++) p.apply(s, recipe, { kind: "inc" }, undefined);
    expect(p.guarding).toBe(true);
    expect(Object.isFrozen(p.apply(s, recipe, { kind: "inc" }, undefined))).toBe(true);
  });

  it("an error in a fast step carries immer's full message, not a minified code", () => {
    const fast = fastProducer();
    const bad = (d: Draft<S>): void => {
      Object.defineProperty(d, "n", { value: 2 });
    };
    expect(() => fast.apply(base(), bad, undefined, undefined)).toThrow(
      "Object.defineProperty() cannot be used on an Immer draft",
    );
  });

  it("an error the spec throws itself is rethrown as is", () => {
    const fast = fastProducer();
    let calls = 0;
    const boom = (): void => {
      calls++;
      throw new RangeError("boom");
    };
    expect(() => fast.apply(base(), boom, undefined, undefined)).toThrow(RangeError);
    expect(calls).toBe(2); // the fast run, then the guarded run that explains it
  });
});
