/**
 * Paxos (specs/paxos.ts). The pinned counts are what the checker computes for the model; they
 * were pinned after the model was checked against the paper by hand (each handler against
 * phases 1a-2b, the shortest counterexamples below read step by step) and after the canonical
 * form (dead messages removed, relative ballots) was compared with the unreduced protocol on
 * small configurations (the last describe block): same verdicts, same shortest counterexamples.
 */

import { describe, expect, it } from "vitest";
import paxos, { chosenValues, type PaxosState, unreduced } from "../../specs/paxos.js";
import { check, defineSpec, each, fingerprint, type Spec, type Trace } from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

/** The spec with extra witnesses (to show a configuration does what it is pinned for). */
function withWitnesses(spec: Spec, witnesses: Record<string, (s: PaxosState) => boolean>): Spec {
  return defineSpec({ ...spec.definition, witnesses: { ...spec.definition.witnesses, ...witnesses } });
}

const SLOW = 180_000; // the default configuration takes ~11 s of CPU; allow for a loaded machine

describe("paxos", () => {
  it(
    "holds at its defaults with 61,377 states (2 proposers, 3 acceptors, 1 learner, maxBallot 2)",
    async () => {
      const r = await check(paxos);
      expect(r.result).toBe("ok");
      expect(r.checked.properties).toEqual(["eventuallyChosen"]);
      expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([61_377, 340_894, 19]);
      expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
        ["valueChosen", true, 6],
        ["valueLearned", true, 8],
        ["valueAdopted", true, 10],
      ]);
    },
    SLOW,
  );

  it("holds with two acceptors and a third ballot, where the leader is refused and outbids p2 (4,483 states)", async () => {
    const spec = withWitnesses(paxos, {
      leaderOutbids: (s) => s.nodes.proposer.p1?.ballot === 3 && chosenValues(s).size > 0,
    });
    const r = await check(spec, { params: { acceptors: 2, maxBallot: 3 } });
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(4_483);
    expect(r.witnesses.every((w) => w.reached)).toBe(true);
  });

  it(
    "holds with one message lost: a majority of three masks it (56,155 states)",
    async () => {
      const spec = withWitnesses(paxos, {
        lossMasked: (s) => s.faults?.drops === 1 && chosenValues(s).size > 0,
      });
      const r = await check(spec, { params: { learners: 0, maxDrops: 1 } });
      expect(r.result).toBe("ok");
      expect(r.distinctStates).toBe(56_155);
      expect(r.witnesses.every((w) => w.reached)).toBe(true);
    },
    SLOW,
  );

  it("cannot mask a loss with two acceptors (no retransmission): the run stops unchosen", async () => {
    const r = await check(paxos, { params: { acceptors: 2, maxBallot: 3, maxDrops: 1 } });
    expect(r.violations.map((v) => v.property)).toEqual(["eventuallyChosen"]);
    const trace = r.violations[0]!.trace!;
    expect(trace.loopsBackTo).toBe(trace.steps.length - 1); // no cycle: nothing left to do
    expect(labels(trace).some((l) => l.startsWith("drop "))).toBe(true);
    expect(r.distinctStates).toBe(16_286);
  });

  it("catches ignorePromisedValue: a second ballot overwrites the chosen v1 with v2 (12 steps)", async () => {
    const r = await check(paxos, { bug: "ignorePromisedValue" });
    expect(r.violations.map((v) => v.property)).toEqual(["agreement"]);
    const trace = r.violations[0]!.trace!;
    expect(labels(trace)).toEqual([
      "deliver Prepare(bal 1) p1 -> a1",
      "deliver Promise(bal 1) a1 -> p1",
      "deliver Prepare(bal 1) p1 -> a2",
      "deliver Promise(bal 1) a2 -> p1",
      "deliver Accept(bal 1, val v1) p1 -> a1",
      "deliver Accept(bal 1, val v1) p1 -> a2",
      "deliver Prepare(bal 2) p2 -> a1",
      "deliver Promise(bal 2, vbal 1, vval v1) a1 -> p2",
      "deliver Prepare(bal 2) p2 -> a2",
      "deliver Promise(bal 2, vbal 1, vval v1) a2 -> p2", // both promises report v1 ...
      "deliver Accept(bal 2, val v2) p2 -> a1", // ... and p2 proposes v2 all the same
      "deliver Accept(bal 2, val v2) p2 -> a2",
    ]);
    const last = trace.steps.at(-1)!.state as PaxosState;
    expect([...chosenValues(last)].sort()).toEqual(["v1", "v2"]);
  });

  it("catches acceptLowerBallot: a late Accept of ballot 1 completes a second majority (12 steps)", async () => {
    const r = await check(paxos, { bug: "acceptLowerBallot" });
    expect(r.violations.map((v) => v.property)).toEqual(["agreement"]);
    const trace = r.violations[0]!.trace!;
    expect(labels(trace)).toEqual([
      "deliver Prepare(bal 1) p1 -> a1",
      "deliver Promise(bal 1) a1 -> p1",
      "deliver Prepare(bal 1) p1 -> a2",
      "deliver Promise(bal 1) a2 -> p1",
      "deliver Accept(bal 1, val v1) p1 -> a1",
      "deliver Prepare(bal 2) p2 -> a2", // a2 promises ballot 2 ...
      "deliver Promise(bal 2) a2 -> p2",
      "deliver Accept(bal 1, val v1) p1 -> a2", // ... then votes in ballot 1: v1 is chosen
      "deliver Prepare(bal 2) p2 -> a3",
      "deliver Promise(bal 2) a3 -> p2", // no promise reports a vote: p2 proposes v2
      "deliver Accept(bal 2, val v2) p2 -> a1",
      "deliver Accept(bal 2, val v2) p2 -> a2",
    ]);
    const last = trace.steps.at(-1)!.state as PaxosState;
    expect([...chosenValues(last)].sort()).toEqual(["v1", "v2"]);
  });

  it("catches duelingProposers: a fair cycle in which both proposers keep preempting each other", async () => {
    const r = await check(paxos, { bug: "duelingProposers" });
    expect(r.violations.map((v) => v.property)).toEqual(["eventuallyChosen"]);
    expect(r.distinctStates).toBe(20_718);
    const trace = r.violations[0]!.trace!;
    const k = trace.loopsBackTo!;
    expect([k, trace.steps.length - 1]).toEqual([2, 27]);
    // A real cycle: the last state is the state it loops back to.
    expect(fingerprint(trace.steps.at(-1)!.state)).toBe(fingerprint(trace.steps[k]!.state));
    const cycle = trace.steps.slice(k + 1).map((s) => s.label);
    for (const p of ["p1", "p2"]) {
      // p restarts phase 1 when refused (a Nack to it), and its new Prepares reach acceptors.
      expect(cycle.some((l) => l.startsWith("deliver Nack") && l.endsWith(`-> ${p}`))).toBe(true);
      expect(cycle.some((l) => l.startsWith("deliver Prepare") && l.includes(` ${p} -> `))).toBe(true);
    }
    // Nothing is ever chosen, and the ballots are shifted back once per lap (relative ballots).
    expect(trace.steps.every((s) => chosenValues(s.state as PaxosState).size === 0)).toBe(true);
    const ballots = trace.steps.slice(k).map((s) => (s.state as PaxosState).nodes.proposer.p1!.ballot);
    expect(ballots.some((b, i) => i > 0 && b < ballots[i - 1]!)).toBe(true);
  });

  it("does not livelock with the duel's params when p1 is the distinguished proposer", async () => {
    const params = { ...paxos.definition.bugs!.duelingProposers!.params, leader: true };
    const r = await check(paxos, { params });
    expect(r.result).toBe("ok");
    expect(r.checked.properties).toEqual(["eventuallyChosen"]);
  });

  it("has exactly the bug presets tested above, each naming the property it breaks", () => {
    const presets = Object.entries(paxos.definition.bugs ?? {}).map(([bug, p]) => [bug, p.violates]);
    expect(presets).toEqual([
      ["ignorePromisedValue", "agreement"],
      ["acceptLowerBallot", "agreement"],
      ["duelingProposers", "eventuallyChosen"],
    ]);
  });

  it.each([
    ["ignorePromisedValue", 3],
    ["acceptLowerBallot", 3],
  ])("random search finds %s (seed %i, 500 walks)", async (bug, seed) => {
    const r = await check(paxos, { bug, strategy: "random", seed, runs: 500 });
    expect(r.violations.map((v) => v.property)).toEqual(["agreement"]);
    // Never shorter than the shortest counterexample BFS finds.
    expect(r.violations[0]!.trace!.steps.length - 1).toBeGreaterThanOrEqual(12);
  });
});

describe("paxos: the canonical form loses nothing", () => {
  it("agrees with the unreduced protocol on two acceptors and three ballots", async () => {
    const reduced = await check(paxos, { params: { acceptors: 2, maxBallot: 3 } });
    const plain = await check(unreduced, { params: { acceptors: 2, maxBallot: 3 } });
    expect([reduced.result, plain.result]).toEqual(["ok", "ok"]);
    expect(plain.distinctStates).toBe(7_765);
    expect(plain.witnesses.map((w) => w.depth)).toEqual(reduced.witnesses.map((w) => w.depth));
  });

  it.each(["ignorePromisedValue", "acceptLowerBallot"])(
    "finds %s in the unreduced protocol at the same depth",
    async (bug) => {
      const r = await check(unreduced, { bug, params: { acceptors: 2 } });
      const s = await check(paxos, { bug, params: { acceptors: 2 } });
      expect(r.violations.map((v) => v.property)).toEqual(["agreement"]);
      expect(r.violations[0]!.trace!.steps.length).toBe(s.violations[0]!.trace!.steps.length);
    },
  );

  it("needs relative ballots for the livelock: with absolute ballots the duel runs out of ballots", async () => {
    const params = { leader: false, acceptors: 2, maxBallot: 4, learners: 0 };
    const r = await check(unreduced, { params });
    expect(r.result).toBe("ok"); // the owner of ballot 4 is never refused, so it wins
  });

  it("gives the same liveness verdicts under fairness of each delivery", async () => {
    const perMessage = defineSpec({
      ...paxos.definition,
      fairness: { weak: [each("deliver"), "restart", "heal"] },
    });
    const holds = await check(perMessage, { params: { acceptors: 2, maxBallot: 3 } });
    expect(holds.result).toBe("ok");
    const duel = await check(perMessage, { bug: "duelingProposers" });
    expect(duel.violations.map((v) => v.property)).toEqual(["eventuallyChosen"]);
    expect(duel.violations[0]!.trace!.loopsBackTo).toBeDefined();
  });
});
