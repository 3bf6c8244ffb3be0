import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shrinkExplained, shrinkFailing } from "../../../src/consistency/search/shrink.js";

describe("shrinkFailing", () => {
  it("finds a 1-minimal failing subset", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(50), { minLength: 1, maxLength: 30 }),
        fc.nat(50),
        fc.nat(50),
        (xs, a, b) => {
          const needs = [a, b].filter((v) => xs.includes(v));
          fc.pre(needs.length > 0);
          const fails = (s: readonly number[]) => needs.every((v) => s.includes(v));
          const r = shrinkFailing(xs, fails, Date.now() + 1000);
          expect([...r.items].sort()).toEqual([...new Set(needs)].sort());
          expect(r.minimal).toBe(true);
        },
      ),
    );
  });

  it("returns the current set, not minimal, past the deadline", () => {
    const r = shrinkFailing([1, 2, 3, 4], () => true, Date.now() - 1);
    expect(r).toEqual({ items: [1, 2, 3, 4], minimal: false });
  });
});

describe("shrinkExplained", () => {
  it("pins back an item whose absence made the rest fail 'from thin air'", () => {
    // "read 1" fails alone; with "write 1" it passes; with "write 2" after both it fails again.
    const fails = (s: readonly string[]) =>
      s.includes("read 1") && (!s.includes("write 1") || s.includes("write 2"));
    const r = shrinkExplained(["write 1", "write 2", "read 1", "noise"], fails, Date.now() + 1000);
    expect(r.items).toEqual(["write 1", "write 2", "read 1"]);
    expect(r.minimal).toBe(true);
  });
});
