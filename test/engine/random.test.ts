import fc from "fast-check";
import { describe, expect, it } from "vitest";
import tcommit from "../../specs/tcommit.js";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check, defineSpec, type Spec } from "../../src/index.js";
import { distances, graphArb, graphSpec } from "./random-graph.js";
import { counter, dieHard } from "./zoo.js";

const labels = (r: Awaited<ReturnType<typeof check>>) => r.violations[0]?.trace?.steps.map((s) => s.label);

/** Climbs by 1 or jumps by 10; the constraint keeps n <= 5, where the invariant breaks. */
const ladder = defineSpec({
  name: "ladder",
  init: () => ({ n: 0 }),
  actions: {
    jump: { do: (d) => void (d.n += 10) },
    up: { do: (d) => void (d.n += 1) },
  },
  constraint: (s) => s.n <= 5,
  invariants: { belowFive: (s) => s.n < 5 },
});

/** A step that changes nothing beside one that counts to 3. */
const idler = defineSpec({
  name: "idler",
  init: () => ({ n: 0 }),
  actions: {
    idle: { do: () => {} },
    up: { do: (d) => void (d.n += 1) },
  },
  invariants: { belowThree: (s) => s.n < 3 },
});

describe("random search", () => {
  it("is reproducible bit for bit from its seed", async () => {
    const a = await check(twoPhaseCommit, {
      strategy: "random",
      bug: "abortAfterPrepare",
      seed: 11,
      runs: 2000,
    });
    const b = await check(twoPhaseCommit, {
      strategy: "random",
      bug: "abortAfterPrepare",
      seed: 11,
      runs: 2000,
    });
    expect(a.random?.seed).toBe(11);
    expect([b.random?.walks, b.random?.steps, b.random?.path, b.distinctStates, b.generatedStates]).toEqual([
      a.random?.walks,
      a.random?.steps,
      a.random?.path,
      a.distinctStates,
      a.generatedStates,
    ]);
    expect(labels(b)).toEqual(labels(a));
  });

  it("does not canonicalise states by symmetry unless asked (it only counts them; ADR 9)", async () => {
    const symmetric = { params: { rms: 4, symmetric: true } };
    const bfs = await check(twoPhaseCommit, symmetric);
    const walks = { ...symmetric, strategy: "random" as const, seed: 3, runs: 3000 };
    const plain = await check(twoPhaseCommit, walks);
    const reduced = await check(twoPhaseCommit, { ...walks, symmetry: true });
    expect(bfs.checked.symmetry).toBe(true);
    expect(plain.checked.symmetry).toBe(false);
    expect(reduced.checked.symmetry).toBe(true);
    // The same walks either way; only the count differs: states against orbits.
    expect(plain.random?.steps).toBe(reduced.random?.steps);
    expect(reduced.distinctStates).toBeLessThanOrEqual(bfs.distinctStates);
    expect(plain.distinctStates).toBeGreaterThan(bfs.distinctStates);
  });

  it("replays a reported counterexample from --seed and --path", async () => {
    const a = await check(dieHard, { strategy: "random", seed: 5 });
    expect(a.result).toBe("violation");
    const b = await check(dieHard, { strategy: "random", seed: 5, path: a.random!.path! });
    expect(b.random?.walks).toBeLessThan(a.random!.walks + 1);
    expect(labels(b)).toEqual(labels(a));
  });

  it("shrinks Die Hard's walk to the shortest solution, as BFS finds it", async () => {
    const bfs = await check(dieHard);
    const rnd = await check(dieHard, { strategy: "random", seed: 1 });
    expect(rnd.random!.foundLength).toBeGreaterThanOrEqual(rnd.violations[0]!.trace!.steps.length - 1);
    expect(rnd.violations[0]?.trace?.steps.length).toBe(bfs.violations[0]?.trace?.steps.length);
  });

  it.each([
    ["two-phase-commit", twoPhaseCommit, "commitEarly", 5],
    ["two-phase-commit", twoPhaseCommit, "abortAfterPrepare", 9],
    ["tcommit", tcommit, "commitAlone", 3],
  ] as const)(
    "finds %s bug %s with default settings, minimised close to BFS's %i steps",
    async (_n, spec, bug, shortest) => {
      const r = await check(spec as Spec, { strategy: "random", bug, seed: 2024 });
      expect(r.violations[0]?.property).toBe("consistent");
      expect(r.violations[0]!.trace!.steps.length - 1).toBeLessThanOrEqual(shortest + 2);
    },
  );

  it("with swarm testing too", async () => {
    const r = await check(twoPhaseCommit, {
      strategy: "random",
      bug: "abortAfterPrepare",
      seed: 9,
      swarm: true,
    });
    expect(r.violations[0]?.property).toBe("consistent");
  });

  it.each(["weighted", "mixed", "uniform"] as const)(
    "scheduler %s: reproducible from the seed, and --path replays the walk with its schedule",
    async (scheduler) => {
      const opts = { strategy: "random", bug: "abortAfterPrepare", seed: 7, runs: 3000, scheduler } as const;
      const a = await check(twoPhaseCommit, opts);
      const b = await check(twoPhaseCommit, opts);
      expect(a.violations[0]?.property).toBe("consistent");
      expect([b.random?.walks, b.random?.steps, b.random?.path, b.generatedStates]).toEqual([
        a.random?.walks,
        a.random?.steps,
        a.random?.path,
        a.generatedStates,
      ]);
      expect(labels(b)).toEqual(labels(a));
      const replay = await check(twoPhaseCommit, { ...opts, path: a.random!.path! });
      expect(replay.random?.walks).toBe(1);
      expect(labels(replay)).toEqual(labels(a));
      expect(replay.random?.shrunkLength).toBe(a.random?.shrunkLength);
    },
  );

  it("the schedule is part of the walk: other schedulers take other walks from the same seed", async () => {
    const run = (scheduler: "weighted" | "uniform") =>
      check(twoPhaseCommit, { strategy: "random", seed: 3, runs: 200, scheduler });
    const [w, u] = [await run("weighted"), await run("uniform")];
    expect(w.random?.steps).not.toBe(u.random?.steps);
  });

  it("steps leading outside the constraint are dropped, not the end of the walk", async () => {
    // Every walk of 5 steps or more climbs to 5 (the jumps are never taken), so one of the first
    // walks long enough finds it; ending walks at the constraint would take ~32 times as many.
    for (const scheduler of ["weighted", "uniform"] as const)
      for (let seed = 1; seed <= 20; seed++) {
        const r = await check(ladder, { strategy: "random", seed, runs: 100, depth: 8, scheduler });
        expect(r.violations[0]?.property).toBe("belowFive");
        expect(Number(r.random!.path!.split(":")[0])).toBeLessThan(15);
        expect(r.random?.foundLength).toBe(5);
      }
  });

  it("steps that change nothing are dropped too", async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = await check(idler, { strategy: "random", seed, runs: 100, depth: 6 });
      expect(r.random?.foundLength).toBe(3);
      expect(r.violations[0]?.trace?.steps.map((s) => s.action)).toEqual(["<init>", "up", "up", "up"]);
    }
  });

  it("rejects an unknown scheduler", async () => {
    const r = await check(counter, { strategy: "random", scheduler: "fair" as never });
    expect(r.error?.code).toBe("SPC-U006");
  });

  it("is never complete: finding nothing is 'incomplete', not 'ok'", async () => {
    const r = await check(counter, { strategy: "random", runs: 50, seed: 1 });
    expect([r.result, r.complete, r.stoppedBy]).toEqual(["incomplete", false, "runs"]);
    expect(r.random?.walks).toBe(50);
    expect(r.witnesses[0]?.reached).toBe(true);
  });

  it("reports only real violations, with valid paths (random graphs)", async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, fc.integer(), async (g, seed) => {
        const dist = distances(g);
        const r = await check(graphSpec(g, true), { strategy: "random", seed, runs: 200, depth: 20 });
        if (r.result !== "violation") return;
        const nodes = r.violations[0]!.trace!.steps.map((s) => (s.state as { at: number }).at);
        expect(g.inits).toContain(nodes[0]);
        for (let i = 1; i < nodes.length; i++) expect(g.edges[nodes[i - 1]!]).toContain(nodes[i]);
        expect(g.bad).toContain(nodes.at(-1));
        expect(dist[nodes.at(-1)!]).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it("rejects --path without --seed", async () => {
    const r = await check(counter, { strategy: "random", path: "1:2" });
    expect(r.error?.code).toBe("SPC-U006");
  });
});
