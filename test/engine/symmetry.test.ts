import fc from "fast-check";
import { describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check, defineSpec, type Spec } from "../../src/index.js";
import { permutations } from "../../src/spec/model.js";
import { distances, graphArb } from "./random-graph.js";

type RM = "working" | "prepared" | "committed" | "aborted";
interface TPState {
  rm: RM[];
  tm: string;
  tmPrepared: Set<number>;
  msgs: Set<string>;
}

/** two-phase-commit with the generic `permute` symmetry instead of its `canonical` one. */
const permuteSymmetry = {
  size: ({ rms }: { rms: number }) => rms,
  permute: (s: TPState, perm: readonly number[]): TPState => {
    const rm = new Array<RM>(s.rm.length);
    s.rm.forEach((r, i) => {
      rm[perm[i]!] = r;
    });
    const msgs = [...s.msgs].map((m) =>
      m.startsWith("prepared:") ? `prepared:${perm[Number(m.slice(9))]}` : m,
    );
    return {
      rm,
      tm: s.tm,
      tmPrepared: new Set([...s.tmPrepared].map((i) => perm[i]!)),
      msgs: new Set(msgs),
    };
  },
};
const byPermutation: Spec = defineSpec({
  ...(twoPhaseCommit.definition as unknown as Record<string, unknown>),
  symmetry: permuteSymmetry,
} as never);

describe("symmetry reduction", () => {
  it("enumerates permutations in lexicographic order", () => {
    expect(permutations(3)).toEqual([
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ]);
    expect(permutations(5)).toHaveLength(120);
  });

  // Orbit counts cross-checked by an independent brute force (all reachable TwoPhase states,
  // each minimised over every renaming of the RMs): 80 for 3 RMs, 314 for 5.
  it.each([
    [3, 80],
    [4, 166],
    [5, 314],
  ])(
    "two-phase-commit with %i RMs has %i orbits, by canonical form and by permutation",
    async (rms, orbits) => {
      const canonical = await check(twoPhaseCommit, {
        params: { rms, symmetric: true },
        only: ["consistent"],
      });
      expect([canonical.result, canonical.distinctStates, canonical.checked.symmetry]).toEqual([
        "ok",
        orbits,
        true,
      ]);
      const permuted = await check(byPermutation, { params: { rms }, only: ["consistent"] });
      expect(permuted.distinctStates).toBe(orbits);
    },
  );

  it("keeps verdicts and shortest counterexample lengths", async () => {
    for (const bug of ["commitEarly", "abortAfterPrepare"]) {
      const plain = await check(twoPhaseCommit, { bug });
      const reduced = await check(twoPhaseCommit, { bug, params: { symmetric: true } });
      expect(reduced.violations[0]?.property).toBe(plain.violations[0]?.property);
      expect(reduced.violations[0]?.trace?.steps.length).toBe(plain.violations[0]?.trace?.steps.length);
    }
  });

  it("is switched off by --no-symmetry, and warns with liveness", async () => {
    const off = await check(twoPhaseCommit, { params: { symmetric: true }, symmetry: false });
    expect([off.distinctStates, off.checked.symmetry]).toEqual([288, false]);
    const on = await check(twoPhaseCommit, { params: { symmetric: true } });
    expect(on.warnings.join()).toMatch(/liveness with symmetry reduction/);
  });

  it("counts multisets for n identical independent processes on a random graph (property)", async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, fc.integer({ min: 2, max: 3 }), async (g, n) => {
        const start = g.inits[0]!;
        const spec = defineSpec({
          name: "processes",
          init: () => ({ at: Array<number>(n).fill(start) }),
          actions: {
            move: {
              over: (s) => s.at.flatMap((node, p) => (g.edges[node] ?? []).map((to) => [p, to] as const)),
              do: (d, [p, to]: readonly [number, number]) => void (d.at[p] = to),
            },
          },
          deadlock: false,
          symmetry: {
            size: () => n,
            permute: (s, perm) => {
              const at = new Array<number>(n);
              s.at.forEach((v, i) => {
                at[perm[i]!] = v;
              });
              return { at };
            },
          },
        });
        const reachable = distances({ ...g, inits: [start] }).filter((d) => d >= 0).length;
        // Multisets of size n over `reachable` nodes: C(reachable + n - 1, n).
        let multisets = 1;
        for (let k = 1; k <= n; k++) multisets = (multisets * (reachable + k - 1)) / k;
        const r = await check(spec);
        expect(r.distinctStates).toBe(Math.round(multisets));
        const plain = await check(spec, { symmetry: false });
        expect(plain.distinctStates).toBe(reachable ** n);
      }),
      { numRuns: 40 },
    );
  });
});
