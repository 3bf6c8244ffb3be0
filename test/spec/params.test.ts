import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/index.js";
import { normalizeParams, parseParamFlags, resolveParams } from "../../src/spec/params.js";

const defs = normalizeParams({
  rms: { default: 3, min: 1, max: 9 },
  mode: { default: "cp", values: ["cp", "ap"] },
  lossy: false,
  ratio: 0.5,
});

describe("params", () => {
  it("fills defaults and converts CLI strings to the declared types", () => {
    expect(
      resolveParams(defs, parseParamFlags(["rms=5", "mode=ap", "lossy=true", "ratio=0.25"]), "-p"),
    ).toEqual({
      rms: 5,
      mode: "ap",
      lossy: true,
      ratio: 0.25,
    });
    expect(resolveParams(defs, {}, "-p")).toEqual({ rms: 3, mode: "cp", lossy: false, ratio: 0.5 });
  });

  it("rejects unknown names, listing the valid params", () => {
    expect(() => resolveParams(defs, { rm: "5" }, "-p")).toThrow(
      'unknown param "rm" (-p). Valid params: rms: number = 3, mode: cp|ap = cp, lossy: boolean = false, ratio: number = 0.5',
    );
  });

  it("rejects ill-typed and out-of-range values", () => {
    const bad = (v: Record<string, string>) => () => resolveParams(defs, v, "-p");
    expect(bad({ rms: "five" })).toThrow(/rms=five \(-p\): expected a number/);
    expect(bad({ rms: "2.5" })).toThrow(/expected an integer/);
    expect(bad({ rms: "0" })).toThrow(/at least 1/);
    expect(bad({ rms: "10" })).toThrow(/at most 9/);
    expect(bad({ mode: "ca" })).toThrow(/expected one of cp, ap/);
    expect(bad({ lossy: "yes" })).toThrow(/expected true or false/);
    expect(bad({ rms: "" })).toThrow(UsageError);
  });

  it("checks strings against a declared pattern, naming it and the param's doc", () => {
    const scripts = normalizeParams({
      scripts: { default: "ab,a", pattern: /^[ab]+(,[ab]+)*$/, doc: "a or b" },
    });
    expect(resolveParams(scripts, { scripts: "b,b" }, "-p")).toEqual({ scripts: "b,b" });
    expect(() => resolveParams(scripts, { scripts: "ax" }, "-p")).toThrow(
      "param scripts=ax (-p): expected a value matching /^[ab]+(,[ab]+)*$/ (a or b)",
    );
  });

  it("parses -p flags and rejects ones without =", () => {
    expect(parseParamFlags(["a=1", "b = x=y"])).toEqual({ a: "1", b: "x=y" });
    expect(() => parseParamFlags(["rms"])).toThrow(/expected name=value/);
  });
});
