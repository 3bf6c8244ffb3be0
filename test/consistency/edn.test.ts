import { describe, expect, it } from "vitest";
import {
  EdnKeyword,
  EdnSet,
  EdnSymbol,
  EdnTagged,
  type EdnValue,
  kw,
  readEdn,
  toPlain,
} from "../../src/consistency/index.js";

const one = (text: string): EdnValue => readEdn(text).forms[0]!.value;

describe("readEdn", () => {
  it("reads scalars", () => {
    expect(readEdn("nil true false 42 -7 3.5 1e3 12N 1/2").forms.map((f) => f.value)).toEqual([
      null,
      true,
      false,
      42,
      -7,
      3.5,
      1000,
      12,
      0.5,
    ]);
    expect(one('"a\\"b\\n\\u0041"')).toBe('a"b\nA');
    expect(one("\\x")).toBe("x");
    expect(one("\\newline")).toBe("\n");
  });

  it("interns keywords and reads symbols", () => {
    expect(one(":ok")).toBe(kw("ok"));
    expect(one(":ok")).toBeInstanceOf(EdnKeyword);
    expect(String(kw("a/b"))).toBe(":a/b");
    expect(one("foo")).toEqual(new EdnSymbol("foo"));
  });

  it("reads collections, comments, commas, discards and tags", () => {
    const m = one('{:a [1, 2 (3)], :b #{4}, ; comment\n :c #_ 9 #inst "x"}') as Map<EdnValue, EdnValue>;
    expect(m.get(kw("a"))).toEqual([1, 2, [3]]);
    expect(m.get(kw("b"))).toEqual(new EdnSet([4]));
    expect(m.get(kw("c"))).toEqual(new EdnTagged("inst", "x"));
    expect(toPlain(m)).toEqual({ a: [1, 2, [3]], b: [4], c: "x" });
  });

  it("records the line of each top-level form and of nested maps", () => {
    const doc = readEdn("; header\n[{:a 1}\n {:a 2}]\n");
    expect(doc.forms[0]!.line).toBe(2);
    const second = (doc.forms[0]!.value as EdnValue[])[1]!;
    expect(doc.lineOf(second)).toBe(3);
  });

  it.each([
    ["[1 2", /unclosed '\[' opened on line 1/],
    ["[1 2}", /'}' closes '\['/],
    ["{:a}", /odd number of forms/],
    ['"abc', /string opened on line 1 is not closed/],
    ["1x", /malformed number/],
    [")", /unexpected '\)'/],
    [":", /empty keyword/],
  ])("rejects %j with file and line", (text, message) => {
    expect(() => readEdn(text, "bad.edn")).toThrow(message);
    expect(() => readEdn(text, "bad.edn")).toThrow(/^bad\.edn:1: /);
  });
});
