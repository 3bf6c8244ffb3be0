import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigSet, configHash, fmix, zobristTable } from "../../../src/consistency/search/config-set.js";

describe("ConfigSet", () => {
  it("behaves like a set of (vector, state) pairs, even with colliding hashes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.nat(2)), { maxLength: 300 }), (items) => {
        const budget = { used: 0, max: 1e9 };
        const set = new ConfigSet(2, budget, 2);
        const seen = new Set<string>();
        for (const [a, b, s] of items) {
          const isNew = !seen.has(`${a},${b},${s}`);
          seen.add(`${a},${b},${s}`);
          // a deliberately weak hash (a only) forces collisions
          expect(set.add(new Uint32Array([a, b]), s, a)).toBe(isNew);
        }
        expect(set.size).toBe(seen.size);
        expect(budget.used).toBe(seen.size);
      }),
    );
  });

  it("has deterministic Zobrist words and a spreading mix", () => {
    expect(zobristTable(4)).toEqual(zobristTable(4));
    expect(new Set(zobristTable(1000)).size).toBe(1000);
    expect(fmix(1)).not.toBe(fmix(2));
    expect(configHash(5, 3)).toBe(5 ^ 3);
  });
});
