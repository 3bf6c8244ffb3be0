import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatValue, hashValue, valueEqual, valueKey } from "../../src/consistency/index.js";

const data = fc.jsonValue();

describe("values", () => {
  it("equal values hash and key alike", () => {
    fc.assert(
      fc.property(data, (v) => {
        const copy = JSON.parse(JSON.stringify(v));
        expect(valueEqual(v, copy)).toBe(true);
        expect(hashValue(v)).toBe(hashValue(copy));
        expect(valueKey(v)).toBe(valueKey(copy));
      }),
    );
  });

  it("distinguishes structure, treats null and undefined alike", () => {
    expect(valueEqual([1, 2], [2, 1])).toBe(false);
    expect(valueEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(valueEqual([1], { 0: 1 })).toBe(false);
    expect(valueEqual(null, undefined)).toBe(true);
    expect(valueKey({ b: 1, a: 2 })).toBe(valueKey({ a: 2, b: 1 }));
    expect(valueKey("1")).not.toBe(valueKey(1));
  });

  it("formats values Jepsen-style", () => {
    expect(formatValue(null)).toBe("nil");
    expect(formatValue([1, "x", [null]])).toBe('[1 "x" [nil]]');
    expect(formatValue({ x: 0 })).toBe("{x: 0}");
  });
});
