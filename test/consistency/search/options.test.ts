import { describe, expect, it } from "vitest";
import { resolveSearchOptions } from "../../../src/consistency/index.js";

describe("resolveSearchOptions", () => {
  it("fills defaults and freezes", () => {
    const o = resolveSearchOptions();
    expect(o).toEqual({
      timeoutMs: Infinity,
      maxConfigurations: 4_000_000,
      explain: true,
      explainTimeoutMs: 2000,
      partition: true,
    });
    expect(Object.isFrozen(o)).toBe(true);
  });
  it("rejects non-positive numbers", () => {
    expect(() => resolveSearchOptions({ timeoutMs: 0 })).toThrow(
      /option timeoutMs is 0; give a positive number/,
    );
  });
});
