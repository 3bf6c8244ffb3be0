import fc from "fast-check";
import { describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import {
  alwaysEventually,
  check,
  defineSpec,
  each,
  eventually,
  eventuallyAlways,
  type Fairness,
  fingerprint,
  leadsTo,
  range,
} from "../../src/index.js";
import { type Graph, graphArb } from "./random-graph.js";

/** The state of the loop spec. */
interface N {
  n: number;
}

/** 0 ⇄ 1 → 2: `finish` is enabled only at 1, so a behaviour can cycle 0, 1, 0, 1 forever. */
const loop = (fairness: Fairness) =>
  defineSpec({
    name: "loop",
    init: () => ({ n: 0 }),
    actions: {
      up: { when: (s) => s.n === 0, do: (d) => void (d.n = 1) },
      down: { when: (s) => s.n === 1, do: (d) => void (d.n = 0) },
      finish: { when: (s) => s.n === 1, do: (d) => void (d.n = 2) },
    },
    deadlock: false,
    properties: {
      reachesTwo: eventually((s: N) => s.n === 2),
      oneOften: alwaysEventually((s: N) => s.n === 1),
      settles: eventuallyAlways((s: N) => s.n === 2),
      zeroLeadsToTwo: leadsTo(
        (s: N) => s.n === 0,
        (s: N) => s.n === 2,
      ),
    },
    fairness,
  });

const labels = (r: Awaited<ReturnType<typeof check>>, property: string) =>
  r.violations.find((v) => v.property === property)?.trace?.steps.map((s) => s.label);

describe("liveness on hand-made graphs", () => {
  it("without fairness, a behaviour may stutter in the initial state forever", async () => {
    const r = await check(loop({}), { continue: true });
    const v = r.violations.find((x) => x.property === "reachesTwo")!;
    expect(v.kind).toBe("liveness");
    expect(v.trace?.steps).toHaveLength(1);
    expect(v.trace?.loopsBackTo).toBe(0);
    expect(v.message).toMatch(/may stutter forever/);
  });

  it("weak fairness does not force an action that is only enabled now and then: a fair cycle", async () => {
    const r = await check(loop({ weak: ["up", "down", "finish"] }));
    expect(labels(r, "reachesTwo")).toEqual(["initial state", "up", "down"]);
    const v = r.violations.find((x) => x.property === "reachesTwo")!;
    expect(v.trace?.loopsBackTo).toBe(0);
    expect(v.message).toMatch(/steps 1\.\.2 repeat forever \(back to step 0\)/);
    expect(fingerprint(v.trace!.steps.at(-1)!.state)).toBe(fingerprint(v.trace!.steps[0]!.state));
  });

  it("strong fairness does: the same cycle is unfair, so it holds", async () => {
    const r = await check(loop({ weak: ["up", "down"], strong: ["finish"] }));
    expect(
      r.violations.filter((v) => ["reachesTwo", "settles", "zeroLeadsToTwo"].includes(v.property)),
    ).toEqual([]);
    expect(r.checked.properties).toEqual(["reachesTwo", "oneOften", "settles", "zeroLeadsToTwo"]);
  });

  it("reports a run that stops where the property never holds again", async () => {
    const r = await check(loop({ weak: ["up", "down"], strong: ["finish"] }));
    const v = r.violations.find((x) => x.property === "oneOften")!;
    expect(v.message).toMatch(/the run stops at step 2/);
    expect(v.trace?.steps.map((s) => s.label)).toEqual(["initial state", "up", "finish"]);
  });

  it("each(action) is fair to every argument; the action as a whole is not", async () => {
    // tick(0) toggles a flag forever; tick(1) sets done once. WF(tick) is satisfied by ticking 0.
    const spec = (fairness: Fairness) =>
      defineSpec({
        name: "starve",
        init: () => ({ flag: 0, done: false }),
        actions: {
          tick: {
            over: () => range(2),
            when: (s, i) => i === 0 || !s.done,
            do: (d, i) => {
              if (i === 0) d.flag = 1 - d.flag;
              else d.done = true;
            },
          },
        },
        properties: { finishes: eventually((s: { done: boolean }) => s.done) },
        fairness,
      });
    const whole = await check(spec({ weak: ["tick"] }));
    expect(whole.violations[0]?.trace?.steps.map((s) => s.label)).toEqual([
      "initial state",
      "tick(0)",
      "tick(0)",
    ]);
    expect((await check(spec({ weak: [each("tick")] }))).result).toBe("ok");
  });

  it("names bad fairness entries at definition time", () => {
    expect(() => loop({ weak: ["nope"] })).toThrow(/fairness\.weak names "nope", which is not an action/);
  });
});

describe("liveness on two-phase commit", () => {
  it("every RM eventually decides, under weak fairness", async () => {
    const r = await check(twoPhaseCommit, { params: { rms: 3 } });
    expect(r.result).toBe("ok");
    expect(r.checked.properties).toEqual(["everyoneDecides"]);
  });

  it("is not checked (and says so) when a bound cuts the graph", async () => {
    const r = await check(twoPhaseCommit, { maxDepth: 3 });
    expect(r.checked.properties).toEqual([]);
    expect(r.warnings.join()).toMatch(/liveness properties \(everyoneDecides\) were not checked/);
  });

  it("--only can select liveness alone, or leave it out", async () => {
    expect((await check(twoPhaseCommit, { only: ["everyoneDecides"] })).checked).toMatchObject({
      invariants: [],
      properties: ["everyoneDecides"],
    });
    expect((await check(twoPhaseCommit, { only: ["consistent"] })).checked.properties).toEqual([]);
  });

  it("warns that random search does not check liveness", async () => {
    const r = await check(twoPhaseCommit, { strategy: "random", runs: 10, seed: 1 });
    expect(r.warnings.join()).toMatch(/not checked by random search/);
  });
});

/** eventually(bad) with WF(go) on a random graph, decided by a direct oracle. */
function oracleViolated(g: Graph): boolean {
  const bad = (n: number) => g.bad.includes(n);
  const succ = (n: number) => (g.edges[n] ?? []).filter((m) => m !== n);
  const seen = new Set<number>();
  const queue = g.inits.filter((n) => !bad(n));
  for (const n of queue) seen.add(n);
  for (let h = 0; h < queue.length; h++)
    for (const m of succ(queue[h]!))
      if (!bad(m) && !seen.has(m)) {
        seen.add(m);
        queue.push(m);
      }
  // A reachable ¬bad state with no real step (the run stops there), or a cycle among them.
  if ([...seen].some((n) => succ(n).length === 0)) return true;
  const color = new Map<number, number>();
  const hasCycle = (n: number): boolean => {
    color.set(n, 1);
    for (const m of succ(n)) {
      if (!seen.has(m)) continue;
      if (color.get(m) === 1 || (!color.has(m) && hasCycle(m))) return true;
    }
    color.set(n, 2);
    return false;
  };
  return [...seen].some((n) => !color.has(n) && hasCycle(n));
}

describe("liveness on random graphs (property)", () => {
  it("eventually(bad) under WF(go) is violated exactly when the oracle says, with a valid lasso", async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, async (g) => {
        const spec = defineSpec({
          name: "random-graph-liveness",
          inits: () => g.inits.map((at) => ({ at })),
          actions: { go: { over: (s) => g.edges[s.at] ?? [], do: (d, to: number) => void (d.at = to) } },
          properties: { reachesBad: eventually((s: { at: number }) => g.bad.includes(s.at)) },
          fairness: { weak: ["go"] },
          deadlock: false,
        });
        const r = await check(spec);
        const v = r.violations.find((x) => x.property === "reachesBad");
        expect(v !== undefined).toBe(oracleViolated(g));
        if (!v) return;
        const nodes = v.trace!.steps.map((s) => (s.state as { at: number }).at);
        expect(g.inits).toContain(nodes[0]);
        for (let i = 1; i < nodes.length; i++) expect(g.edges[nodes[i - 1]!]).toContain(nodes[i]);
        for (const n of nodes) expect(g.bad).not.toContain(n);
        const k = v.trace!.loopsBackTo!;
        expect(nodes.at(-1)).toBe(nodes[k]);
      }),
      { numRuns: 200 },
    );
  });
});
