import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonErrorOffset } from "../../src/trace/itf-json-error.js";

function parses(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

describe("jsonErrorOffset", () => {
  it("accepts exactly what JSON.parse accepts", () => {
    fc.assert(fc.property(fc.json(), (j) => jsonErrorOffset(j) === -1));
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (j, k, ins) => {
        const at = k % (j.length + 1);
        const s = j.slice(0, at) + ins + j.slice(at);
        expect(jsonErrorOffset(s) === -1).toBe(parses(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("points at the first offending character", () => {
    expect(jsonErrorOffset('{"a": }')).toBe(6);
    expect(jsonErrorOffset("[1, 2,]")).toBe(6);
    expect(jsonErrorOffset('{"a": 1')).toBe(7);
    expect(jsonErrorOffset('{"a": "x\ny"}')).toBe(8);
    expect(jsonErrorOffset("[1] 2")).toBe(4);
    expect(jsonErrorOffset("")).toBe(0);
  });
});
