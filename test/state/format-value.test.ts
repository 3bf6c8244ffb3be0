import { describe, expect, it } from "vitest";
import { formatValue } from "../../src/index.js";

describe("formatValue", () => {
  it("renders plain data compactly and deterministically", () => {
    expect(
      formatValue({ rm: ["working"], msgs: new Set(["b", "a"]), m: new Map([[2, "x"]]), n: null, big: 5n }),
    ).toBe('{ rm: ["working"], msgs: {"a", "b"}, m: Map{2: "x"}, n: null, big: 5n }');
    expect(formatValue({ "odd key": 1 })).toBe('{ "odd key": 1 }');
    expect(formatValue(new Set([2, 1]))).toBe(formatValue(new Set([1, 2])));
  });

  it("folds long values", () => {
    expect(formatValue("x".repeat(50), 10)).toBe(`"xxxxxxxx…`);
  });
});
