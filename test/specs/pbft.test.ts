/**
 * PBFT (specs/pbft.ts). The pinned counts are what the checker computes for the model; they were
 * pinned after the handlers were checked against section 4.2 of the paper by hand, the two
 * shortest counterexamples below were read step by step, and the reductions were compared with
 * the literal model (the last describe block).
 */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import pbft, { committedLocalImpliesCommitted, type PbftState } from "../../specs/pbft.js";
import {
  check,
  compileSpec,
  decodeItf,
  defineSpec,
  fingerprint,
  type Model,
  replayTrace,
  type Spec,
  type Trace,
} from "../../src/index.js";

type Pred = (s: PbftState, p: Record<string, unknown>) => boolean;

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

/** What each replica has committed at seq 1 in a trace's last state (Byzantine ones run no handler). */
function committedAtEnd(trace: Trace): Record<string, string | undefined> {
  const s = trace.steps.at(-1)!.state as PbftState;
  return Object.fromEntries(Object.entries(s.nodes.replica).map(([id, r]) => [id, r.committed[1]]));
}

/** The spec with extra invariants and witnesses. */
function withExtras(
  spec: Spec,
  extra: { invariants?: Record<string, Pred>; witnesses?: Record<string, Pred> },
) {
  const d = spec.definition;
  return defineSpec({
    ...d,
    invariants: { ...d.invariants, ...extra.invariants },
    witnesses: { ...d.witnesses, ...extra.witnesses },
  });
}

const honest = (p: Record<string, unknown>) =>
  Array.from({ length: 3 * (p.f as number) + 1 }, (_, i) => `r${i + 1}`).slice(p.byzantine as number);

/** Two honest replicas accepted different pre-prepares for seq 1: the primary equivocated. */
const equivocated: Pred = (s, p) =>
  new Set(honest(p).flatMap((id) => s.nodes.replica[id]?.prePrepared[1] ?? [])).size > 1;

const extras = {
  invariants: {
    committedLocalImpliesCommitted: (s: PbftState, p: Record<string, unknown>) =>
      committedLocalImpliesCommitted(s, p as { f: number; seqs: number; byzantine: number }),
  },
  witnesses: {
    primaryEquivocated: equivocated,
    // ... and a request commits all the same (at the replicas the primary told the same thing).
    equivocatedYetCommitted: (s: PbftState, p: Record<string, unknown>) =>
      equivocated(s, p) && honest(p).some((id) => s.nodes.replica[id]?.committed[1] !== undefined),
  },
};

/** The spec with the paper's commit invariant and the equivocation witnesses. */
const pbftPlus = withExtras(pbft, extras);

describe("pbft", () => {
  it("holds at its defaults with 9,739 states (f = 1, the primary r1 Byzantine, 2 requests, 1 seq)", async () => {
    const r = await check(pbftPlus);
    expect(r.result).toBe("ok");
    expect(r.checked.invariants).toEqual(["agreement", "committedLocalImpliesCommitted"]);
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([9_739, 49_105, 17]);
    // The Byzantine primary sends a to some replicas and b to others; nothing conflicting
    // commits, yet the replicas it told the same thing can still commit.
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["committedEverywhere", true, 15],
      ["primaryEquivocated", true, 4],
      ["equivocatedYetCommitted", true, 11],
    ]);
  });

  it("holds with an honest primary and a Byzantine backup (view 1: r2 primary, r1 Byzantine)", async () => {
    const r = await check(withExtras(pbft, { invariants: extras.invariants }), { params: { view: 1 } });
    expect(r.result).toBe("ok");
    expect([r.distinctStates, r.depth]).toEqual([13_277, 17]);
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([["committedEverywhere", true, 13]]);
  });

  it("catches smallQuorum: r2 commits a and r3 commits b, each with the primary's commit (8 steps)", async () => {
    const r = await check(pbft, { bug: "smallQuorum" });
    expect(r.violations.map((v) => v.property)).toEqual(["agreement"]);
    const trace = r.violations[0]!.trace!;
    expect(labels(trace)).toEqual([
      "byzantine send PrePrepare(req a, seq 1, view 0) r1 -> r2",
      "deliver PrePrepare(req a, seq 1, view 0) r1 -> r2", // pre-prepare + own prepare: prepared
      "byzantine send Commit(req a, seq 1, view 0) r1 -> r2",
      "deliver Commit(req a, seq 1, view 0) r1 -> r2", // own commit + r1's: committed a
      "byzantine send PrePrepare(req b, seq 1, view 0) r1 -> r3", // the primary equivocates
      "deliver PrePrepare(req b, seq 1, view 0) r1 -> r3",
      "byzantine send Commit(req b, seq 1, view 0) r1 -> r3",
      "deliver Commit(req b, seq 1, view 0) r1 -> r3", // committed b
    ]);
    expect(committedAtEnd(trace)).toEqual({ r1: undefined, r2: "a", r3: "b", r4: undefined });
  });

  it("catches tooManyFaulty: the Byzantine primary r1 and backup r2 vouch for a at r3 and b at r4 (16 steps)", async () => {
    const r = await check(pbft, { bug: "tooManyFaulty" });
    expect(r.violations.map((v) => v.property)).toEqual(["agreement"]);
    const trace = r.violations[0]!.trace!;
    const msg = (type: string, req: string) => `${type}(req ${req}, seq 1, view 0)`;
    const pair = (type: string, req: string, from: string, to: string) => [
      `byzantine send ${msg(type, req)} ${from} -> ${to}`,
      `deliver ${msg(type, req)} ${from} -> ${to}`,
    ];
    expect(labels(trace)).toEqual([
      ...pair("PrePrepare", "a", "r1", "r3"),
      ...pair("PrePrepare", "b", "r1", "r4"),
      ...pair("Prepare", "a", "r2", "r3"), // r3: pre-prepare + prepares of r2, r3: prepared
      ...pair("Commit", "a", "r1", "r3"),
      ...pair("Commit", "a", "r2", "r3"), // commits of r1, r2, r3: committed a
      ...pair("Prepare", "b", "r2", "r4"), // the backup r2 equivocates too
      ...pair("Commit", "b", "r1", "r4"),
      ...pair("Commit", "b", "r2", "r4"), // committed b
    ]);
    expect(committedAtEnd(trace)).toEqual({ r1: undefined, r2: undefined, r3: "a", r4: "b" });
  });

  it.each([
    ["smallQuorum", 8],
    ["tooManyFaulty", 16],
  ])("replays %s's counterexample, and the committed one has the same %i steps", async (bug, steps) => {
    const r = await check(pbft, { bug });
    const trace = r.violations[0]!.trace!;
    const target = { property: "agreement", kind: "invariant" } as const;
    const replay = replayTrace(compileSpec(pbft, { bug }), trace, target);
    expect(replay.verdict, replay.message).toBe("reproduced");
    const file = new URL(`../../counterexamples/pbft/${bug}/agreement.itf.json`, import.meta.url);
    const committed = decodeItf(readFileSync(file, "utf8"), file.pathname);
    expect(committed.trace.steps.length - 1).toBe(steps);
    expect(replayTrace(compileSpec(pbft, { bug }), committed.trace, committed.specter).verdict).toBe(
      "reproduced",
    );
  });

  it.each([
    ["smallQuorum", 8],
    ["tooManyFaulty", 16],
  ])("random search finds %s (seed 1, 500 walks), never shorter than %i steps", async (bug, shortest) => {
    const r = await check(pbft, { bug, strategy: "random", seed: 1, runs: 500 });
    expect(r.violations.map((v) => v.property)).toEqual(["agreement"]);
    expect(r.violations[0]!.trace!.steps.length - 1).toBeGreaterThanOrEqual(shortest);
  });

  it("has exactly the bug presets tested above, each breaking agreement", () => {
    const presets = Object.entries(pbft.definition.bugs ?? {}).map(([bug, p]) => [bug, p.violates]);
    expect(presets).toEqual([
      ["smallQuorum", "agreement"],
      ["tooManyFaulty", "agreement"],
    ]);
  });

  it("smallCommitQuorum keeps agreement in one view but breaks committed-local => committed", async () => {
    // --continue: the whole state space is explored, and agreement is never violated.
    const spec = withExtras(pbft, { invariants: extras.invariants });
    const r = await check(spec, { params: { bug: "smallCommitQuorum" }, continue: true });
    expect(r.violations.map((v) => v.property)).toEqual(["committedLocalImpliesCommitted"]);
    expect([r.complete, r.distinctStates]).toEqual([true, 4_129]);
    // r3 is prepared (the pre-prepare, its own prepare and r2's) and commits with its own
    // commit and r1's: committed-local, while r3 is the only honest replica prepared.
    const trace = r.violations[0]!.trace!;
    expect(trace.steps.length - 1).toBe(7);
    const last = trace.steps.at(-1)!.state as PbftState;
    const prepared = ["r2", "r3", "r4"].filter((id) => last.nodes.replica[id]!.prepared[1] !== undefined);
    expect([prepared, last.nodes.replica.r3!.committed[1]]).toEqual([["r3"], "a"]);
  });
});

// ---------------------------------------------------------------------------------------------
// The reductions against the literal model. `reduce=false` is the literal adversary with whole
// states fingerprinted; it is too large to explore to the bugs' depths (138,146 states to find
// smallQuorum at depth 8; tooManyFaulty's depth 16 is out of reach), so each reduction is
// checked on its own: the fingerprint against whole states with the reduced adversary (cheap),
// and the adversary against the literal one on what the properties read.

/** The honest predicates of a state: per honest replica, pre-prepared / prepared / committed at seq 1 (seqs = 1 here). */
function predicates(s: PbftState, ids: readonly string[]): string {
  return ids
    .map((id) => {
      const r = s.nodes.replica[id]!;
      return `${id}:${r.prePrepared[1] ?? "-"}${r.prepared[1] ?? "-"}${r.committed[1] ?? "-"}`;
    })
    .join(" ");
}

/** Breadth-first search over a model: each honest-predicate tuple reached, with its least depth. */
function predicateDepths(model: Model<PbftState>, maxDepth: number): Map<string, number> {
  const ids = honest(model.params);
  const key = (s: PbftState) => fingerprint(model.view ? model.view(s) : s);
  const seen = new Set(model.initialStates.map(key));
  const out = new Map<string, number>();
  let frontier = [...model.initialStates];
  for (let depth = 0; frontier.length > 0; depth++) {
    const next: PbftState[] = [];
    for (const s of frontier) {
      const k = predicates(s, ids);
      if (!out.has(k)) out.set(k, depth);
      if (depth === maxDepth) continue;
      for (let a = 0; a < model.actionNames.length; a++)
        for (const arg of model.args(a, s)) {
          if (!model.enabled(a, s, arg)) continue;
          const t = model.apply(a, s, arg);
          const fp = key(t);
          if (seen.has(fp)) continue;
          seen.add(fp);
          next.push(t);
        }
    }
    frontier = next;
  }
  return out;
}

/** A small seeded generator (mulberry32), so that the walks are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Random walks on a model; calls `visit` with every state and its step number. */
function walks(
  model: Model<PbftState>,
  seed: number,
  runs: number,
  steps: number,
  visit: (s: PbftState, k: number) => void,
) {
  const random = prng(seed);
  for (let run = 0; run < runs; run++) {
    let s = model.initialStates[0]!;
    visit(s, 0);
    for (let k = 1; k <= steps; k++) {
      const moves: [number, unknown][] = [];
      for (let a = 0; a < model.actionNames.length; a++)
        for (const arg of model.args(a, s)) if (model.enabled(a, s, arg)) moves.push([a, arg]);
      if (moves.length === 0) break;
      const [a, arg] = moves[Math.floor(random() * moves.length)]!;
      s = model.apply(a, s, arg);
      visit(s, k);
    }
  }
}

const compile = (options: { bug?: string; params?: Record<string, boolean | number | string> }) =>
  compileSpec(pbft, options) as Model<PbftState>;

describe("pbft: the reductions lose nothing", () => {
  const whole = defineSpec({ ...pbft.definition, view: undefined });

  it.each(["smallQuorum", "tooManyFaulty"])(
    "the fingerprint: %s is found by the same shortest trace with whole states fingerprinted",
    async (bug) => {
      const a = await check(whole, { bug });
      const b = await check(pbft, { bug });
      expect(a.violations.map((v) => v.property)).toEqual(["agreement"]);
      expect(labels(a.violations[0]!.trace)).toEqual(labels(b.violations[0]!.trace));
      expect(a.distinctStates).toBeGreaterThan(b.distinctStates);
    },
  );

  it("the fingerprint: the same honest predicates at every depth up to 10 with whole states (defaults)", () => {
    const a = predicateDepths(compileSpec(whole) as Model<PbftState>, 10);
    const b = predicateDepths(compile({}), 10);
    expect(new Map([...a].sort())).toEqual(new Map([...b].sort()));
    expect([...b.keys()].some((k) => /:([ab])\1/.test(k))).toBe(true); // as far as prepared replicas
  });

  it.each([
    [{ bug: "smallQuorum" }, 5],
    [{ bug: "tooManyFaulty" }, 5],
    [{}, 5],
  ])("the adversary: %o reaches the same honest predicates at every depth up to %i", (options, depth) => {
    const literal = predicateDepths(compile({ ...options, params: { reduce: false } }), depth);
    const reduced = predicateDepths(compile(options), depth);
    expect(new Map([...literal].sort())).toEqual(new Map([...reduced].sort()));
    expect(literal.size).toBeGreaterThan(3);
  });

  it.each([
    [{ bug: "smallQuorum" }, "agreement", 8], // its violation
    [{ bug: "tooManyFaulty" }, "agreement", 16],
    [{}, "committedEverywhere", 15], // the witness
  ])(
    "the adversary: literal random walks (%o) are never ahead of the reduced model, and get to %s (not before step %i)",
    (options, goal, least) => {
      const reduced = predicateDepths(compile(options), Number.POSITIVE_INFINITY);
      const model = compile({ ...options, params: { reduce: false } });
      const ids = honest(model.params);
      const invariant = model.invariants.find((i) => i.name === goal);
      const reached = (s: PbftState) =>
        invariant ? !invariant.test(s) : model.witnesses.find((w) => w.name === goal)!.test(s);
      let ahead = 0;
      let first = Number.POSITIVE_INFINITY;
      walks(model, 1, 150, 60, (s, k) => {
        const d = reduced.get(predicates(s, ids));
        if (d === undefined || d > k) ahead++;
        if (reached(s)) first = Math.min(first, k);
      });
      expect(ahead).toBe(0); // each state's honest predicates: reached by the reduced model, no later
      expect(first).toBeGreaterThanOrEqual(least);
      expect(first).toBeLessThan(Number.POSITIVE_INFINITY); // the walks do get there
    },
  );
});
