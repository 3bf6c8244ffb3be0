import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FingerprintSet } from "../../src/state/fingerprint-set.js";

describe("FingerprintSet", () => {
  it("behaves like a set of (hi, lo) pairs, keeping parents and steps, through growth", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(50), fc.nat(2000)), { maxLength: 3000 }),
        fc.integer({ min: 2, max: 16 }),
        (pairs, chunkBits) => {
          const set = new FingerprintSet(16, chunkBits);
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
        },
      ),
      { numRuns: 50 },
    );
  });

  it("stores full 32-bit unsigned halves", () => {
    const set = new FingerprintSet();
    const i = set.add(0xffffffff, 0x80000000, -1, 0xffffffff);
    expect(set.indexOf(0xffffffff, 0x80000000)).toBe(i);
    expect(set.step(i)).toBe(0xffffffff);
  });

  it("holds at most 32 bytes per state once past a few chunks, wherever the table's doubling falls", () => {
    const set = new FingerprintSet();
    for (let i = 0; i < 1_500_000; i++) {
      set.add(i, i * 7, i - 1, 0);
      if (i > 300_000 && i % 50_000 === 0) expect(set.bytes / set.size).toBeLessThanOrEqual(32);
    }
  });

  it("truncates, and saves and loads its columns, across chunk boundaries (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 2, max: 5 }),
        (n, cut, chunkBits) => {
          const set = new FingerprintSet(16, chunkBits);
          for (let i = 0; i < n; i++) set.add(i % 7, i, i - 1, i * 2);
          set.truncate(Math.min(cut, n));
          const kept = Math.min(cut, n);
          expect(set.size).toBe(kept);
          for (let i = 0; i < n; i++) expect(set.indexOf(i % 7, i)).toBe(i < kept ? i : -1);
          const cols = set.columns();
          expect([...cols.lo]).toEqual(Array.from({ length: kept }, (_, i) => i));
          const again = new FingerprintSet(16, chunkBits);
          again.load(cols);
          expect(again.size).toBe(kept);
          for (let i = 0; i < kept; i++) {
            expect(again.indexOf(i % 7, i)).toBe(i);
            expect([again.parent(i), again.step(i)]).toEqual([i - 1, i * 2]);
          }
          // adding after a truncate or a load continues the indices
          expect(set.add(99, 99_999, 0, 0)).toBe(kept);
          expect(again.add(99, 99_999, 0, 0)).toBe(kept);
        },
      ),
      { numRuns: 100 },
    );
  });
});
