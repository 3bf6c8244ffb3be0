import { describe, expect, it } from "vitest";
import eventualConsistency from "../../specs/eventual-consistency.js";
import {
  type ActorState,
  check,
  defineSpec,
  each,
  historyOf,
  inFlight,
  type Trace,
} from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

/** The state as the test reads it: the replicas, and messages of which only pushes carry likes. */
type Last = ActorState<{ replica: { items: string[] } }, { type: string; items?: string[] }>;

/** A trace's last state. */
function last(trace: Trace | undefined): Last {
  return trace?.steps.at(-1)?.state as Last;
}

/** The likes each replica holds in a trace's last state. */
function items(trace: Trace | undefined): Record<string, string[]> {
  return Object.fromEntries(Object.entries(last(trace).nodes.replica).map(([id, r]) => [id, r.items]));
}

function violations(r: Awaited<ReturnType<typeof check>>): string[][] {
  return r.violations.map((v) => [v.property, v.kind]);
}

/** Two replicas: both of the default scripts' adds go to n1 (the round-robin deal). Cheap. */
const TWO = { replicas: 2 };

// The pinned counts are the checker's own, accepted after reading the witnesses and the lassos
// step by step (each follows the protocol as the spec's header describes it).
describe("eventual-consistency", () => {
  it("rejects malformed scripts before the search, naming the param and what it expects", async () => {
    const r = await check(eventualConsistency, { params: { scripts: "ar," } });
    expect(r.result).toBe("error");
    expect(r.error?.code).toBe("SPC-U005");
    expect(r.error?.message).toMatch(/^param scripts=ar, \(-p\): expected a value matching/);
  });

  it("holds at its defaults (3 replicas, scripts ar,a, periodic anti-entropy, union): 4,555 states", async () => {
    const r = await check(eventualConsistency);
    expect(r.result).toBe("ok");
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([4_555, 70_582, 16]);
    expect(r.checked.properties).toEqual(["converges"]);
    expect(r.warnings).toEqual([]);
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["staleRead", true, 6],
      ["readYourWritesViolated", true, 4],
      ["convergedAfterAll", true, 11],
    ]);
    // c1 reads at n2 after both adds were acknowledged (at n1 and n3), and sees neither.
    const stale = r.witnesses[0]?.trace;
    expect(labels(stale)).toEqual([
      "deliver Add(item c1.1, op 1) c1 -> n1",
      "deliver Add(item c2.1, op 1) c2 -> n3",
      "deliver AddOk(op 1) n3 -> c2",
      "deliver AddOk(op 1) n1 -> c1",
      "deliver Read(op 2) c1 -> n2",
      "deliver ReadOk(items [], op 2) n2 -> c1",
    ]);
    // The shortest read-your-writes violation: c1's own add is missing from its read.
    expect(labels(r.witnesses[1]?.trace)).toEqual([
      "deliver Add(item c1.1, op 1) c1 -> n1",
      "deliver AddOk(op 1) n1 -> c1",
      "deliver Read(op 2) c1 -> n2",
      "deliver ReadOk(items [], op 2) n2 -> c1",
    ]);
    expect(historyOf(last(r.witnesses[1]?.trace)).at(-1)).toEqual({
      type: "ok",
      process: "c1",
      f: "read",
      value: [],
    });
    expect(items(r.witnesses[2]?.trace)).toEqual({
      n1: ["c1.1", "c2.1"],
      n2: ["c1.1", "c2.1"],
      n3: ["c1.1", "c2.1"],
    });
  });

  it("catches nonCommutativeMerge: two concurrent adds, and replicas that keep their own forever (10 steps)", async () => {
    const r = await check(eventualConsistency, { bug: "nonCommutativeMerge" });
    expect(r.distinctStates).toBe(2_321);
    expect(violations(r)).toEqual([["converges", "liveness"]]);
    const trace = r.violations[0]?.trace;
    expect(labels(trace)).toEqual([
      "deliver Add(item c1.1, op 1) c1 -> n1",
      "deliver Add(item c2.1, op 1) c2 -> n3",
      "deliver AddOk(op 1) n1 -> c1",
      "deliver Read(op 2) c1 -> n2",
      "deliver ReadOk(items [], op 2) n2 -> c1",
      "deliver AddOk(op 1) n3 -> c2",
      "timer gossip fires at n1",
      "deliver Sync(items [c1.1]) n1 -> n2",
      "timer gossip fires at n2",
      "timer gossip fires at n3",
    ]);
    // The run ends in a state that stutters forever: the last state is the whole cycle.
    expect(trace?.loopsBackTo).toBe(10);
    expect(items(trace)).toEqual({ n1: ["c1.1"], n2: ["c1.1"], n3: ["c2.1"] });
    // Every push in flight (the network keeps delivered ones: they may arrive again) holds one
    // like, as its receiver does: a tie, so its delivery changes nothing. Gossip goes on, and
    // the replicas never agree.
    const syncs = inFlight(last(trace)).filter((m) => m.msg.type === "Sync");
    expect(syncs.map((m) => `${m.from}->${m.to}`).sort()).toEqual([
      "n1->n2",
      "n1->n3",
      "n2->n1",
      "n2->n3",
      "n3->n1",
      "n3->n2",
    ]);
    for (const m of syncs) expect(m.msg.items?.length).toBe(last(trace).nodes.replica[m.to]?.items.length);
  });

  it("catches noAntiEntropy: one lost push, never repaired (9 steps, then the run stops)", async () => {
    const r = await check(eventualConsistency, { bug: "noAntiEntropy" });
    expect(r.distinctStates).toBe(6_653);
    expect(violations(r)).toEqual([["converges", "liveness"]]);
    // Direct mail has no timer at all.
    expect(r.warnings).toEqual(["action timer is never enabled"]);
    const trace = r.violations[0]?.trace;
    expect(labels(trace)).toEqual([
      "deliver Add(item c1.1, op 1) c1 -> n1",
      "deliver AddOk(op 1) n1 -> c1",
      "deliver Read(op 2) c1 -> n2",
      "deliver Sync(items [c1.1]) n1 -> n3",
      "deliver Add(item c2.1, op 1) c2 -> n3",
      "deliver ReadOk(items [], op 2) n2 -> c1",
      "deliver AddOk(op 1) n3 -> c2",
      "deliver Sync(items [c1.1, c2.1]) n3 -> n2",
      "drop Sync(items [c1.1, c2.1]) n3 -> n1",
    ]);
    expect(trace?.loopsBackTo).toBe(9);
    expect(items(trace)).toEqual({ n1: ["c1.1"], n2: ["c1.1", "c2.1"], n3: ["c1.1", "c2.1"] });
  });

  it("has exactly the presets tested above, each breaking convergence", () => {
    const presets = Object.entries(eventualConsistency.definition.bugs ?? {}).map(([bug, p]) => [
      bug,
      p.violates,
    ]);
    expect(presets).toEqual([
      ["noAntiEntropy", "converges"],
      ["nonCommutativeMerge", "converges"],
    ]);
  });

  it("direct mail converges while no message is lost (589 states)", async () => {
    const r = await check(eventualConsistency, { params: { gossip: "onUpdate" } });
    expect([r.result, r.distinctStates]).toEqual(["ok", 589]);
  });

  it("anti-entropy masks a loss; direct mail does not (2 replicas, maxDrops=1)", async () => {
    const periodic = await check(eventualConsistency, { params: { ...TWO, maxDrops: 1 } });
    expect([periodic.result, periodic.distinctStates]).toEqual(["ok", 4_229]);
    const direct = await check(eventualConsistency, { params: { ...TWO, maxDrops: 1, gossip: "onUpdate" } });
    expect(direct.distinctStates).toBe(1_149);
    expect(violations(direct)).toEqual([["converges", "liveness"]]);
    expect(labels(direct.violations[0]?.trace).at(-1)).toBe("drop Sync(items [c1.1, c2.1]) n1 -> n2");
  });

  it("the merge only matters for concurrent adds: with both adds at n1, largerWins converges", async () => {
    const plain = await check(eventualConsistency, { params: TWO });
    expect([plain.result, plain.distinctStates]).toEqual(["ok", 499]);
    const larger = await check(eventualConsistency, { params: TWO, bug: "nonCommutativeMerge" });
    expect([larger.result, larger.distinctStates]).toEqual(["ok", 499]);
  });

  it("a crashed replica keeps its likes on disk and catches up after its restart (2 replicas)", async () => {
    const r = await check(eventualConsistency, { params: { ...TWO, maxCrashes: 1 } });
    expect([r.result, r.distinctStates]).toEqual(["ok", 1_996]);
  });

  it("needs fairness of gossip: a timer that never fires spreads nothing", async () => {
    const unfair = defineSpec({ ...eventualConsistency.definition, fairness: { weak: [each("deliver")] } });
    const r = await check(unfair, { params: TWO });
    expect(violations(r)).toEqual([["converges", "liveness"]]);
  });

  it("random search does not check liveness, so it cannot catch these presets", async () => {
    const r = await check(eventualConsistency, {
      bug: "nonCommutativeMerge",
      strategy: "random",
      seed: 1,
      runs: 200,
    });
    expect(r.result).toBe("incomplete");
    expect(r.violations).toEqual([]);
    expect(r.warnings).toEqual([
      "liveness properties (converges) are not checked by random search: use bfs or dfs",
    ]);
  });
});
