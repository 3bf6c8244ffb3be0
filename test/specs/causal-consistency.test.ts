import { describe, expect, it } from "vitest";
import causalConsistency from "../../specs/causal-consistency.js";
import { check, checkCausal, defineSpec, each, historyFromEvents, type Trace } from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

/** Two replicas: n1 posts and reads, n2 posts and replies to n1's post. Cheap for liveness runs. */
const TWO = { scripts: "pr,pR" };

// Pinned counts: the checker's own, after reading the traces of the bug, the witnesses and the
// liveness lassos (each follows the protocol as the header describes it).
describe("causal-consistency", () => {
  it("holds with 10,965 distinct states at its defaults (3 replicas, scripts pr,R,pr), convergence included", async () => {
    const r = await check(causalConsistency);
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(10_965);
    expect(r.checked.invariants).toEqual(["causallyConsistent"]);
    expect(r.checked.properties).toEqual(["converges"]);
    expect(r.warnings).toEqual([]);
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["postsInDifferentOrders", true, 4],
      ["heldBack", true, 4],
      ["repliedAndConverged", true, 6],
    ]);
    // The allowed anomaly: n1 and n3 each show their own post first.
    expect(labels(r.witnesses[0]?.trace)).toEqual([
      "timer act fires at n1",
      "timer act fires at n3",
      "deliver Update(clock [1, 0, 0], item n1.1) n1 -> n3",
      "deliver Update(clock [0, 0, 1], item n3.1) n3 -> n1",
    ]);
  });

  it("rejects malformed scripts before the search, naming the param and what it expects", async () => {
    const r = await check(causalConsistency, { params: { scripts: "pq,r" } });
    expect(r.result).toBe("error");
    expect(r.error?.code).toBe("SPC-U005");
    expect(r.error?.message).toMatch(/^param scripts=pq,r \(-p\): expected a value matching/);
  });

  it("holds on two replicas (108 states)", async () => {
    const r = await check(causalConsistency, { params: TWO });
    expect([r.result, r.distinctStates]).toEqual(["ok", 108]);
  });

  it("catches eventualOnly: a reader sees a reply without the post it answers", async () => {
    const r = await check(causalConsistency, { bug: "eventualOnly" });
    expect(r.violations.map((v) => v.property)).toEqual(["causallyConsistent"]);
    const trace = r.violations[0]?.trace;
    expect(labels(trace)).toEqual([
      "timer act fires at n1",
      "deliver Update(clock [1, 0, 0], item n1.1) n1 -> n2",
      "timer act fires at n2",
      'deliver Update(clock [1, 1, 0], item "n2.1>n1.1") n2 -> n3',
      "timer act fires at n3",
      "timer act fires at n3",
    ]);
    // n3's read shows the reply and n3's own post, not n1.1: the checker's WriteCOMissingRead.
    const last = trace?.steps.at(-1)?.state as { history: never[] };
    const verdict = checkCausal(historyFromEvents(last.history), "CC", { datatype: "list-append" });
    expect(verdict.ok ? "" : verdict.explanation.pattern).toBe("WriteCOMissingRead");
  });

  it("catches every bug preset with the property it names", async () => {
    for (const [bug, preset] of Object.entries(causalConsistency.definition.bugs ?? {})) {
      const r = await check(causalConsistency, { bug });
      expect(
        r.violations.map((v) => v.property),
        bug,
      ).toEqual([preset.violates]);
    }
  });

  it("under eventualOnly the feeds still converge: only causality is lost", async () => {
    const r = await check(causalConsistency, { bug: "eventualOnly", only: ["converges"] });
    expect(r.checked.properties).toEqual(["converges"]);
    expect(r.distinctStates).toBe(17_577);
    // Nothing is ever held back without causal delivery, so that witness is out of reach.
    expect(r.violations.map((v) => [v.property, v.kind])).toEqual([["heldBack", "unreachedWitness"]]);
  });

  it("converges once messages stop being lost: one loss needs one resend", async () => {
    const lost = await check(causalConsistency, { params: { ...TWO, maxDrops: 1 } });
    expect(lost.violations.map((v) => [v.property, v.kind])).toEqual([["converges", "liveness"]]);
    const lasso = labels(lost.violations[0]?.trace);
    expect(lasso.at(-1)).toMatch(/^drop Update/); // and then nothing can repair it
    const resent = await check(causalConsistency, { params: { ...TWO, maxDrops: 1, tries: 2 } });
    expect([resent.result, resent.distinctStates]).toEqual(["ok", 3_250]);
    const twoLosses = await check(causalConsistency, { params: { ...TWO, maxDrops: 2, tries: 2 } });
    expect(twoLosses.violations.map((v) => v.property)).toEqual(["converges"]);
  });

  it("a loss at the defaults leaves an update held back forever", async () => {
    const r = await check(causalConsistency, { params: { maxDrops: 1 } });
    expect(r.distinctStates).toBe(30_663);
    expect(r.violations.map((v) => [v.property, v.kind])).toEqual([["converges", "liveness"]]);
    const stuck = r.violations[0]?.trace?.steps.at(-1)?.state as {
      nodes: { replica: Record<string, { held: unknown[] }> };
    };
    expect(Object.values(stuck.nodes.replica).some((x) => x.held.length > 0)).toBe(true);
  });

  it("needs fairness of every delivery to converge", async () => {
    const unfair = defineSpec({ ...causalConsistency.definition, fairness: { weak: [each("timer")] } });
    const r = await check(unfair, { params: TWO });
    expect(r.violations.map((v) => [v.property, v.kind])).toEqual([["converges", "liveness"]]);
  });

  it.each(Object.entries(causalConsistency.definition.bugs ?? {}))(
    "random search (seed 1) finds %s",
    async (bug, preset) => {
      const r = await check(causalConsistency, { bug, strategy: "random", seed: 1 });
      expect(r.random?.seed).toBe(1);
      expect(r.violations.map((v) => v.property)).toEqual([preset.violates]);
    },
  );
});
