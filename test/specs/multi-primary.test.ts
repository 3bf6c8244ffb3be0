import { describe, expect, it } from "vitest";
import multiPrimary from "../../specs/multi-primary.js";
import { check, defineSpec, each, type Trace } from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

interface Version {
  cart: string[];
}

/** The carts the replicas hold in a trace's last state: versions per replica. */
function lastCarts(trace: Trace | undefined): Record<string, string[][]> {
  const state = trace?.steps.at(-1)?.state as { nodes: { replica: Record<string, { versions: Version[] }> } };
  return Object.fromEntries(
    Object.entries(state.nodes.replica).map(([id, r]) => [id, r.versions.map((v) => v.cart)]),
  );
}

/** What a run reports, in one comparable line per violation. */
function violations(r: Awaited<ReturnType<typeof check>>): string[][] {
  return r.violations.map((v) => [v.property, v.kind]);
}

// The pinned counts are the checker's own, accepted after reading the counterexamples and the
// witnesses step by step, and after checking that the counts move the way the model says they
// should (LWW under "a,A" has one behaviour up to interleaving; skew and clock do not change
// the version-vector model, which ignores clocks).
describe("multi-primary", () => {
  it("rejects malformed scripts before the search, naming the param and what it expects", async () => {
    const r = await check(multiPrimary, { params: { scripts: "a" } });
    expect(r.result).toBe("error");
    expect(r.error?.code).toBe("SPC-U005");
    expect(r.error?.message).toMatch(/^param scripts=a \(-p\): expected a value matching/);
  });

  it("holds at its defaults (version vectors, 2 primaries, scripts aa,aa): 142 states", async () => {
    const r = await check(multiPrimary);
    expect(r.result).toBe("ok");
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([142, 281, 8]);
    expect(r.checked.invariants).toEqual(["noLostWrites"]);
    expect(r.checked.properties).toEqual(["converges"]);
    expect(r.warnings).toEqual([]);
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["siblings", true, 3],
      ["sawOtherPrimary", true, 3],
      ["convergedWithEveryAdd", true, 8],
    ]);
    // Two concurrent adds meet at n2, which keeps both versions as siblings.
    const siblings = r.witnesses[0]?.trace;
    expect(labels(siblings)).toEqual([
      "timer add fires at n1",
      "timer add fires at n2",
      "deliver Replicate(cart [n1.1], vv [1, 0]) n1 -> n2",
    ]);
    expect(lastCarts(siblings).n2).toEqual([["n1.1"], ["n2.1"]]);
  });

  it("catches lwwConcurrentWrites: of two concurrent adds, the replicas keep one (4 steps)", async () => {
    const r = await check(multiPrimary, { bug: "lwwConcurrentWrites" });
    expect(violations(r)).toEqual([["noLostWrites", "invariant"]]);
    const trace = r.violations[0]?.trace;
    expect(labels(trace)).toEqual([
      "timer add fires at n1",
      "timer add fires at n2",
      "deliver Replicate(by n1, cart [n1.1], ts 1) n1 -> n2",
      "deliver Replicate(by n2, cart [n2.1], ts 1) n2 -> n1",
    ]);
    // Both stamped 1 (neither saw the other); the tie goes to n1, on both replicas alike.
    expect(lastCarts(trace)).toEqual({ n1: [["n1.1"]], n2: [["n1.1"]] });
  });

  it("catches lwwClockSkew: an add that saw the other loses to it (4 steps)", async () => {
    const r = await check(multiPrimary, { bug: "lwwClockSkew" });
    expect(violations(r)).toEqual([["noLostWrites", "invariant"]]);
    const trace = r.violations[0]?.trace;
    expect(labels(trace)).toEqual([
      "timer add fires at n1",
      "deliver Replicate(by n1, cart [n1.1], ts 1) n1 -> n2",
      "timer add fires at n2",
      "deliver Replicate(by n2, cart [n1.1, n2.1], ts 1) n2 -> n1",
    ]);
    // n2's add happened at real time 2 but n2's clock reads 1: it ties with n1's and loses,
    // at n2 itself at once (step 3 changes no version) and at n1 on arrival.
    const step3 = trace?.steps[3]?.state as { nodes: { replica: Record<string, { versions: Version[] }> } };
    expect(step3.nodes.replica.n2?.versions.map((v) => v.cart)).toEqual([["n1.1"]]);
    expect(lastCarts(trace)).toEqual({ n1: [["n1.1"]], n2: [["n1.1"]] });
  });

  it("has exactly the presets tested above, each naming the property it breaks", () => {
    const presets = Object.entries(multiPrimary.definition.bugs ?? {}).map(([bug, p]) => [bug, p.violates]);
    expect(presets).toEqual([
      ["lwwConcurrentWrites", "noLostWrites"],
      ["lwwClockSkew", "noLostWrites"],
    ]);
  });

  it("LWW keeps causally ordered writes when clocks are right, or hybrid", async () => {
    // Under "a,A" no two writes are concurrent, so there are no siblings to reach: that
    // witness is the only complaint.
    const configs: Record<string, string | number>[] = [
      { conflict: "lww", scripts: "a,A" },
      { conflict: "lww", scripts: "a,A", skew: 1, clock: "hybrid" },
      { conflict: "lww", scripts: "a,A", skew: 2, clock: "hybrid" },
      { conflict: "versionVectors", scripts: "a,A", skew: 2 },
    ];
    for (const params of configs) {
      const r = await check(multiPrimary, { params });
      expect([r.distinctStates, ...violations(r)], JSON.stringify(params)).toEqual([
        5,
        ["siblings", "unreachedWitness"],
      ]);
    }
    const skew2 = await check(multiPrimary, { params: { conflict: "lww", scripts: "a,A", skew: 2 } });
    expect(violations(skew2)).toEqual([["noLostWrites", "invariant"]]);
    // Stamped 0, before the add it saw: no tie needed.
    expect(labels(skew2.violations[0]?.trace).at(-1)).toBe(
      "deliver Replicate(by n2, cart [n1.1, n2.1], ts 0) n2 -> n1",
    );
  });

  it("hybrid clocks do not save concurrent writes from LWW", async () => {
    const r = await check(multiPrimary, { params: { conflict: "lww", clock: "hybrid" } });
    expect(violations(r)).toEqual([["noLostWrites", "invariant"]]);
    expect(labels(r.violations[0]?.trace)).toHaveLength(4);
  });

  it("LWW still converges: it loses writes, not agreement", async () => {
    const r = await check(multiPrimary, { params: { conflict: "lww" }, only: ["converges"] });
    expect(r.checked.properties).toEqual(["converges"]);
    expect(r.distinctStates).toBe(151);
    expect(violations(r)).toEqual([["siblings", "unreachedWitness"]]);
  });

  it("a lost version is never repaired: converges fails with maxDrops=1 (8 steps, then the run stops)", async () => {
    const r = await check(multiPrimary, { params: { maxDrops: 1 } });
    expect(r.distinctStates).toBe(320);
    expect(violations(r)).toEqual([["converges", "liveness"]]);
    const trace = r.violations[0]?.trace;
    expect(labels(trace)).toHaveLength(8);
    expect(labels(trace).at(-1)).toBe("drop Replicate(cart [n1.1, n1.2, n2.1, n2.2], vv [2, 2]) n2 -> n1");
    expect(trace?.loopsBackTo).toBe(8);
    expect(lastCarts(trace)).toEqual({
      n1: [["n1.1", "n1.2", "n2.1"]],
      n2: [["n1.1", "n1.2", "n2.1", "n2.2"]],
    });
  });

  it("needs fairness of every delivery to converge", async () => {
    const unfair = defineSpec({ ...multiPrimary.definition, fairness: { weak: [each("timer")] } });
    const r = await check(unfair);
    expect(violations(r)).toEqual([["converges", "liveness"]]);
  });

  it.each([
    [{ maxDuplicates: 1 }, 769],
    [{ maxCrashes: 1 }, 568],
    [{ scripts: "a,a,a" }, 519],
    [{ scripts: "aa,a,a" }, 4_769],
  ])("holds with %o (%i states)", async (params, states) => {
    const r = await check(multiPrimary, { params });
    expect([r.result, r.distinctStates]).toEqual(["ok", states]);
  });

  it.each(Object.entries(multiPrimary.definition.bugs ?? {}))(
    "random search (seed 1) finds %s",
    async (bug, preset) => {
      const r = await check(multiPrimary, { bug, strategy: "random", seed: 1, runs: 2000 });
      expect(r.random?.seed).toBe(1);
      expect(r.violations.map((v) => v.property)).toEqual([preset.violates]);
      expect(labels(r.violations[0]?.trace)).toHaveLength(4); // shrunk to the shortest
    },
  );
});
