import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FingerprintSet } from "../../src/state/fingerprint-set.js";

describe("FingerprintSet", () => {
  it("behaves like a set of (hi, lo) pairs, keeping parents and steps, through growth", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(50), fc.nat(2000)), { maxLength: 3000 }), (pairs) => {
        const set = new FingerprintSet(16);
        const model = new Map<string, number>();
        for (const [hi, lo] of pairs) {
          const key = `${hi}:${lo}`;
          const idx = set.add(hi, lo, model.size - 1, lo * 3);
          if (model.has(key)) expect(idx).toBe(-1);
          else {
            expect(idx).toBe(model.size);
            model.set(key, idx);
          }
        }
        expect(set.size).toBe(model.size);
        for (const [key, idx] of model) {
          const [hi, lo] = key.split(":").map(Number) as [number, number];
          expect(set.indexOf(hi, lo)).toBe(idx);
          expect(set.parent(idx)).toBe(idx - 1);
          expect(set.step(idx)).toBe(lo * 3);
          expect([set.hi(idx), set.lo(idx)]).toEqual([hi, lo]);
        }
        expect(set.indexOf(999, 999_999)).toBe(-1);
      }),
      { numRuns: 50 },
    );
  });

  it("stores full 32-bit unsigned halves", () => {
    const set = new FingerprintSet();
    const i = set.add(0xffffffff, 0x80000000, -1, 0xffffffff);
    expect(set.indexOf(0xffffffff, 0x80000000)).toBe(i);
    expect(set.step(i)).toBe(0xffffffff);
  });

  it("reports the bytes it holds", () => {
    const set = new FingerprintSet(1024);
    for (let i = 0; i < 100_000; i++) set.add(i, i * 7, i - 1, 0);
    expect(set.bytes / set.size).toBeLessThan(40);
  });
});
