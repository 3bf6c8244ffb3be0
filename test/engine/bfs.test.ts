import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check, defineSpec } from "../../src/index.js";
import { distances, graphArb, graphSpec } from "./random-graph.js";
import { counter, dag, dieHard, grid } from "./zoo.js";

describe("bfs on the zoo", () => {
  it("counts the counter's states and reaches its witness", async () => {
    const r = await check(counter, { params: { max: 5 } });
    expect(r.result).toBe("ok");
    expect(r.complete).toBe(true);
    expect(r.distinctStates).toBe(6);
    expect(r.depth).toBe(5);
    expect(r.witnesses).toEqual([expect.objectContaining({ name: "reachesMax", reached: true, depth: 5 })]);
  });

  it("finds Die Hard's shortest solution (6 steps)", async () => {
    const r = await check(dieHard);
    expect(r.result).toBe("violation");
    expect(r.violations[0]?.property).toBe("notFour");
    expect(r.violations[0]?.trace?.steps).toHaveLength(7);
    expect(r.violations[0]?.trace?.steps.at(-1)?.state).toEqual({ small: 3, big: 4 });
  });

  it("explores all 16 Die Hard states when the invariant is not checked", async () => {
    const r = await check(dieHard, { only: [] });
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(16);
  });

  it("reports the DAG's sink as a deadlock, with a shortest path", async () => {
    const r = await check(dag);
    expect(r.violations.map((v) => [v.kind, v.trace?.steps.map((s) => s.label)])).toEqual([
      ["deadlock", ["initial state", "go(1)", "go(3)", "go(5)"]],
    ]);
  });

  it("does not report deadlock with deadlock: false", async () => {
    const r = await check(dag, { deadlock: false });
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(6);
  });

  it("applies the constraint: outside states are generated but not stored", async () => {
    const r = await check(grid);
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(8);
    // (2,2) is generated (by up from (2,1) and right from (1,2)) but not stored.
    expect(r.coverage.up?.enabled).toBeGreaterThan(r.coverage.up?.distinct ?? 0);
  });

  it("drops the constraint when constraintApplies says a param switched it off", async () => {
    const switchable = defineSpec({
      ...grid.definition,
      params: { ...grid.definition.params, bounded: true },
      constraintApplies: (p) => p.bounded === true,
    });
    expect((await check(switchable)).distinctStates).toBe(8);
    const free = await check(switchable, { params: { bounded: false } });
    expect(free.distinctStates).toBe(9);
    expect(free.warnings.some((w) => w.includes("constraint"))).toBe(false);
  });

  it("counts coverage per action", async () => {
    const r = await check(counter, { params: { max: 2 } });
    // inc is enabled in all 3 states, finds 2 new ones; the step at max is a stutter.
    expect(r.coverage).toEqual({ inc: { enabled: 3, distinct: 2 } });
    expect(r.generatedStates).toBe(4);
  });
});

describe("bounds", () => {
  it("stops at --max-states and says the result is incomplete", async () => {
    const r = await check(counter, { params: { max: 100 }, maxStates: 10 });
    expect(r.result).toBe("incomplete");
    expect(r.complete).toBe(false);
    expect(r.stoppedBy).toBe("maxStates");
    expect(r.distinctStates).toBe(10);
    expect(r.warnings.join()).toMatch(/reachesMax was not reached/);
  });

  it("is complete when the space has exactly max-states states", async () => {
    const r = await check(counter, { params: { max: 9 }, maxStates: 10 });
    expect(r.result).toBe("ok");
    expect(r.complete).toBe(true);
  });

  it("stops at --max-depth", async () => {
    const r = await check(counter, { params: { max: 100 }, maxDepth: 4 });
    expect(r.stoppedBy).toBe("maxDepth");
    expect(r.distinctStates).toBe(5);
    expect(r.depth).toBe(4);
  });

  it("stops when the signal is aborted, reporting statistics so far", async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await check(counter, { params: { max: 200_000 }, signal: controller.signal });
    expect(r.stoppedBy).toBe("interrupted");
    expect(r.result).toBe("incomplete");
    expect(r.distinctStates).toBeGreaterThan(0);
  });

  it("rejects bad bounds as usage errors", async () => {
    const r = await check(counter, { maxStates: -1 });
    expect(r.result).toBe("error");
    expect(r.error?.code).toBe("SPC-U006");
  });
});

describe("--continue", () => {
  it("collects one counterexample per property", async () => {
    const r = await check(dieHard, { continue: true });
    expect(r.violations.map((v) => v.property)).toEqual(["notFour"]);
    expect(r.distinctStates).toBe(16);
    expect(r.complete).toBe(true);
  });
});

describe("bfs on random graphs (properties)", () => {
  it("stores exactly the brute-force reachable set", async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, async (g) => {
        const r = await check(graphSpec(g, false));
        const reachable = distances(g).filter((d) => d >= 0).length;
        expect(r.distinctStates).toBe(reachable);
        expect(r.result).toBe("ok");
      }),
      { numRuns: 150 },
    );
  });

  it("finds a shortest counterexample that replays to a bad node", async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, async (g) => {
        const dist = distances(g);
        const reachableBad = g.bad.filter((b) => dist[b]! >= 0);
        const r = await check(graphSpec(g, true));
        if (reachableBad.length === 0) {
          expect(r.result).toBe("ok");
          return;
        }
        const shortest = Math.min(...reachableBad.map((b) => dist[b]!));
        const trace = r.violations[0]!.trace!;
        expect(trace.steps.length - 1).toBe(shortest);
        // The trace is a real path: starts at an initial node, follows edges, ends on a bad node.
        const nodes = trace.steps.map((s) => (s.state as { at: number }).at);
        expect(g.inits).toContain(nodes[0]);
        for (let i = 1; i < nodes.length; i++) expect(g.edges[nodes[i - 1]!]).toContain(nodes[i]);
        expect(g.bad).toContain(nodes.at(-1));
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same counts on every run (determinism)", async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, async (g) => {
        const a = await check(graphSpec(g, true), { continue: true });
        const b = await check(graphSpec(g, true), { continue: true });
        expect([b.distinctStates, b.generatedStates, b.depth]).toEqual([
          a.distinctStates,
          a.generatedStates,
          a.depth,
        ]);
        expect(b.violations.map((v) => v.trace?.steps.map((s) => s.label))).toEqual(
          a.violations.map((v) => v.trace?.steps.map((s) => s.label)),
        );
      }),
      { numRuns: 50 },
    );
  });
});
