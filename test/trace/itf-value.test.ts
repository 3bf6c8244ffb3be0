import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprint } from "../../src/state/fingerprint.js";
import { formatItf } from "../../src/trace/itf-encode.js";
import { decodeItfValue, encodeItfValue, type Json } from "../../src/trace/itf-value.js";

const place = { file: "t.itf.json", path: "$" };

// Numbers ITF keeps exactly: safe integers and non-integers (an integer beyond 2^53 comes back as bigint).
const number = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter((n) => !Number.isInteger(n) || Number.isSafeInteger(n));
const primitive = fc.oneof(fc.string(), fc.integer(), number, fc.boolean(), fc.constant(null), fc.bigInt());

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    primitive,
    tie("array"),
    tie("object"),
    tie("set"),
    tie("map"),
  ),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.string(), fc.oneof(tie("value"), fc.constant(undefined)), { maxKeys: 4 }),
  set: fc.uniqueArray(primitive, { maxLength: 5, comparator: "SameValueZero" }).map((a) => new Set(a)),
  map: fc
    .uniqueArray(fc.tuple(primitive, tie("value")), {
      maxLength: 4,
      selector: ([k]) => k,
      comparator: "SameValueZero",
    })
    .map((entries) => new Map(entries)),
}));

/** A structurally equal copy with every Set and Map built in reverse insertion order. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v instanceof Set) return new Set([...v].reverse());
  if (v instanceof Map) return new Map([...v].reverse().map(([k, e]) => [k, reversed(e)]));
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, reversed(e)]));
  return v;
}

function roundTrip(v: unknown): unknown {
  const text = formatItf(encodeItfValue(v));
  return decodeItfValue(JSON.parse(text) as Json, place);
}

describe("ITF values", () => {
  it("decode(encode(v)) has the same fingerprint as v", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(fingerprint(roundTrip(v))).toBe(fingerprint(v));
      }),
      { numRuns: 300 },
    );
  });

  it("encodes deterministically, whatever the insertion order of Sets and Maps", () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = formatItf(encodeItfValue(v));
        expect(formatItf(encodeItfValue(v))).toBe(text);
        expect(formatItf(encodeItfValue(reversed(v)))).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("uses the ITF forms for Set, Map and bigint, sorted", () => {
    const v = {
      s: new Set(["b", 2, "a", 1n, null, true]),
      m: new Map<unknown, unknown>([
        ["y", 1],
        ["x", [2n]],
      ]),
      n: 7n,
    };
    expect(encodeItfValue(v)).toEqual({
      s: { "#set": [null, true, 2, { "#bigint": "1" }, "a", "b"] },
      m: {
        "#map": [
          ["x", [{ "#bigint": "2" }]],
          ["y", 1],
        ],
      },
      n: { "#bigint": "7" },
    });
  });

  it("writes integers beyond 2^53 as #bigint (they read back as bigint)", () => {
    expect(encodeItfValue(2 ** 60)).toEqual({ "#bigint": "1152921504606846976" });
    expect(roundTrip(2 ** 60)).toBe(1152921504606846976n);
  });

  it('escapes record keys that start with "#", so they never read as ITF forms', () => {
    const v = { "#set": [1], "#meta": "x", "##": 2 };
    expect(encodeItfValue(v)).toEqual({ "##set": [1], "##meta": "x", "###": 2 });
    expect(roundTrip(v)).toEqual(v);
  });

  it("keeps a __proto__ key as data", () => {
    const v = JSON.parse('{"__proto__": {"a": 1}}') as unknown;
    const back = roundTrip(v) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(fingerprint(back)).toBe(fingerprint(v));
  });

  it("rejects values that are not plain data, naming the path", () => {
    expect(() => encodeItfValue({ a: [new Date(0)] })).toThrow(/state\.a\[0\] is an instance of class Date/);
    expect(() => encodeItfValue({ a: Number.NaN })).toThrow(expect.objectContaining({ code: "SPC-S003" }));
  });

  it.each([
    [{ x: { "#set": "abc" } }, '$.x["#set"]', '"#set" must be an array'],
    [{ x: { "#set": [[1]] } }, '$.x["#set"][0]', "a Set element is an array"],
    [{ x: { "#map": [[1]] } }, '$.x["#map"][0]', "[key, value] pair"],
    [{ x: { "#bigint": "1.5" } }, '$.x["#bigint"]', "decimal digits"],
    [{ x: { "#set": [], y: 1 } }, '$.x["#set"]', "must be the only key"],
    [{ x: { "#frob": 1 } }, '$.x["#frob"]', 'unknown ITF form "#frob"'],
    [{ x: 2 ** 60 }, "$.x", "beyond ±2^53"],
  ])("reports malformed value %j at its JSON path", (json, path, what) => {
    expect(() => decodeItfValue(json as Json, place)).toThrow(
      expect.objectContaining({
        code: "SPC-U010",
        message: expect.stringContaining(`t.itf.json: at ${path}: `),
      }),
    );
    expect(() => decodeItfValue(json as Json, place)).toThrow(what);
  });

  it("reads #tup as an array", () => {
    expect(decodeItfValue({ "#tup": [1, "a"] }, place)).toEqual([1, "a"]);
  });
});
