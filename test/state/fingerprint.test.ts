import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../../src/index.js";

/** Arbitrary plain-data values, as states may contain them. */
const plain = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.bigInt(),
    fc.array(tie("value")),
    fc.dictionary(fc.string(), tie("value")),
    fc.uniqueArray(fc.oneof(fc.integer(), fc.string())).map((xs) => new Set(xs)),
    fc
      .uniqueArray(fc.tuple(fc.oneof(fc.integer(), fc.string()), tie("value")), { selector: ([k]) => k })
      .map((es) => new Map(es)),
  ),
})).value;

/** Rebuilds a value with every object's keys, Set's and Map's members in reverse order. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (v instanceof Set) return new Set([...v].reverse());
  if (v instanceof Map) return new Map([...v].reverse().map(([k, x]) => [k, reordered(x)]));
  if (v !== null && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reordered(x)]),
    );
  return v;
}

describe("fingerprint", () => {
  it("is stable across runs and platforms (pinned values)", () => {
    // If these change, every recorded fingerprint changes: do it only on purpose.
    expect(fingerprint({ rm: ["working", "prepared"], tm: "init", n: 3 })).toMatchInlineSnapshot(
      `"3472a6328efb9a61"`,
    );
    expect(fingerprint(new Set([1, 2, 3]))).toMatchInlineSnapshot(`"f1d91d4c8cae6faa"`);
    expect(fingerprint(0.5)).toMatchInlineSnapshot(`"214e22e375dceab7"`);
  });

  it("ignores object-key, Set and Map insertion order", () => {
    fc.assert(fc.property(plain, (v) => fingerprint(reordered(v)) === fingerprint(v)));
  });

  it("distinguishes values of different types and shapes", () => {
    const values = [
      0,
      "0",
      false,
      null,
      [0],
      { 0: 0 },
      new Set([0]),
      new Map([[0, 0]]),
      0n,
      [],
      {},
      new Set(),
      [[]],
    ];
    const fps = new Set(values.map(fingerprint));
    expect(fps.size).toBe(values.length);
  });

  it("distinguishes arrays by order and multisets by count", () => {
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
    expect(fingerprint([1, 1, 2])).not.toBe(fingerprint([1, 2, 2]));
    expect(fingerprint({ a: 1, b: 2 })).not.toBe(fingerprint({ a: 2, b: 1 }));
  });

  it("treats -0 as 0 and undefined properties as absent", () => {
    expect(fingerprint(-0)).toBe(fingerprint(0));
    expect(fingerprint({ a: 1, b: undefined })).toBe(fingerprint({ a: 1 }));
  });

  it("has no collisions among many small distinct values", () => {
    const seen = new Map<string, string>();
    for (let i = 0; i < 200; i++)
      for (let j = 0; j < 200; j++) {
        const v = { i, j, s: `${i}:${j}` };
        const fp = fingerprint(v);
        expect(seen.has(fp)).toBe(false);
        seen.set(fp, v.s);
      }
  });

  it("rejects non-plain values with the path", () => {
    expect(() => fingerprint({ a: [1, () => 2] })).toThrow(/state\.a\[1\] is a function/);
    expect(() => fingerprint({ a: Symbol("x") })).toThrow(/state\.a is a symbol/);
    expect(() => fingerprint([1, undefined])).toThrow(/state\[1\] is undefined/);
    expect(() => fingerprint({ x: Number.POSITIVE_INFINITY })).toThrow(/the number Infinity/);
    expect(() => fingerprint(new Map([[{ k: 1 }, 1]]))).toThrow(/Map key that is an object/);
    class Node {}
    expect(() => fingerprint({ n: new Node() })).toThrow(/instance of class Node/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => fingerprint(cyclic)).toThrow(/state\.self is a cycle/);
  });
});
