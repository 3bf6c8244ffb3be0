import fc from "fast-check";
import { describe, expect, it } from "vitest";
import tcommit from "../../specs/tcommit.js";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check, type Spec } from "../../src/index.js";
import { distances, graphArb, graphSpec } from "./random-graph.js";
import { counter, dag, dieHard, grid } from "./zoo.js";

describe("dfs", () => {
  it("stores the same distinct states as bfs on random graphs", async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, async (g) => {
        const dfs = await check(graphSpec(g, false), { strategy: "dfs" });
        const bfs = await check(graphSpec(g, false), { strategy: "bfs" });
        expect(dfs.distinctStates).toBe(bfs.distinctStates);
        expect(dfs.generatedStates).toBe(bfs.generatedStates);
        expect(dfs.strategy).toBe("dfs");
      }),
      { numRuns: 150 },
    );
  });

  it("finds a violation exactly when one is reachable, with a valid (maybe longer) path", async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, async (g) => {
        const dist = distances(g);
        const reachable = g.bad.some((b) => dist[b]! >= 0);
        const r = await check(graphSpec(g, true), { strategy: "dfs" });
        expect(r.result).toBe(reachable ? "violation" : "ok");
        if (!reachable) return;
        const nodes = r.violations[0]!.trace!.steps.map((s) => (s.state as { at: number }).at);
        expect(g.inits).toContain(nodes[0]);
        for (let i = 1; i < nodes.length; i++) expect(g.edges[nodes[i - 1]!]).toContain(nodes[i]);
        expect(g.bad).toContain(nodes.at(-1));
        expect(nodes.length - 1).toBeGreaterThanOrEqual(
          Math.min(...g.bad.filter((b) => dist[b]! >= 0).map((b) => dist[b]!)),
        );
      }),
      { numRuns: 150 },
    );
  });

  it.each([
    ["counter", counter, {}],
    ["dieHard", dieHard, { only: [] as string[] }],
    ["dag", dag, { deadlock: false }],
    ["grid", grid, {}],
    ["tcommit", tcommit, {}],
    ["two-phase-commit rms=4", twoPhaseCommit, { params: { rms: 4 } }],
  ])("agrees with bfs on %s", async (_name, spec, options) => {
    const dfs = await check(spec as never, { ...options, strategy: "dfs" });
    const bfs = await check(spec as never, { ...options, strategy: "bfs" });
    expect([dfs.result, dfs.distinctStates, dfs.generatedStates]).toEqual([
      bfs.result,
      bfs.distinctStates,
      bfs.generatedStates,
    ]);
  });

  it("catches every bundled bug", async () => {
    for (const [spec, bug] of [
      [twoPhaseCommit, "commitEarly"],
      [twoPhaseCommit, "abortAfterPrepare"],
      [tcommit, "commitAlone"],
    ] as const) {
      const r = await check(spec as Spec, { bug, strategy: "dfs" });
      expect(r.violations[0]?.property).toBe("consistent");
    }
  });

  it("explores depth-first: the counter's states come in one chain", async () => {
    const r = await check(counter, { params: { max: 4 }, strategy: "dfs", maxDepth: 2 });
    expect(r.stoppedBy).toBe("maxDepth");
    expect(r.distinctStates).toBe(3);
  });
});
