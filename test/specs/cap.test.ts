/**
 * CAP (specs/cap.ts). The pinned counts are what the checker computes for the model; they were
 * pinned after reading the shortest counterexamples below step by step, and after comparing
 * the canonical form (dead answers removed) with the protocol without it (last test).
 */

import { describe, expect, it } from "vitest";
import cap, { type CapState, unreduced } from "../../specs/cap.js";
import {
  type CheckResult,
  check,
  checkLinearizable,
  defineSpec,
  historyFromEvents,
  registerModel,
  type Trace,
} from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

/** The properties a result found violated (unreached witnesses left out). */
function broken(r: CheckResult): string[] {
  return r.violations.filter((v) => v.kind !== "unreachedWitness").map((v) => v.property);
}

describe("cap", () => {
  it("holds at its defaults (cp, 3 replicas, 1 write, 2 reads, 1 partition): linearizable, and the majority side available", async () => {
    const r = await check(cap);
    expect(r.result).toBe("ok");
    expect(r.checked.invariants).toEqual(["linearizable"]);
    expect(r.checked.actionInvariants).toEqual(["available"]);
    expect(r.checked.properties).toEqual(["everyRequestAnswered"]);
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([15_466, 51_710, 18]);
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["timedOutAnswer", true, 3],
      ["cutOffReplicaStale", true, 5],
      ["readSeesWrite", true, 6],
      ["healedAndConverged", true, 5],
    ]);
  });

  it("catches cpUnavailable: n1, cut off with its writer, refuses the write (3 steps)", async () => {
    const r = await check(cap, { bug: "cpUnavailable" });
    expect(r.result).toBe("violation");
    expect(broken(r)).toEqual(["available"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "deliver Write(value 1) w1 -> n1",
      "partition {n1, w1} | {n2, n3, r1}",
      "timer timeout fires at n1",
    ]);
  });

  it("catches apInconsistent: n3, cut off with its reader, answers alone with the old value (9 steps)", async () => {
    const r = await check(cap, { bug: "apInconsistent" });
    expect(broken(r)).toEqual(["linearizable"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "deliver Write(value 1) w1 -> n1",
      "deliver Replicate(value 1) n1 -> n2",
      "deliver Ack(value 1) n2 -> n1",
      "deliver WriteOk(value 1) n1 -> w1", // the write is done: n1 and n2 have it
      "timer begin fires at r1", // the read starts after it
      "deliver Read(op 1) r1 -> n3",
      "partition {n1, n2, w1} | {n3, r1}",
      "timer timeout fires at n3",
      "deliver ReadOk(alone true, op 1, value 0) n3 -> r1",
    ]);
  });

  // The other half of each preset: cp keeps linearizability (the default run above explores
  // the same cp model), and ap keeps CAP's availability — nothing but linearizability breaks.
  it("ap answers every request, never refusing (12,069 states, --continue)", async () => {
    const r = await check(cap, { params: { mode: "ap", availability: "total" }, continue: true });
    expect(r.complete).toBe(true);
    expect(r.checked.properties).toEqual(["everyRequestAnswered"]);
    expect(r.distinctStates).toBe(12_069);
    expect(r.violations.map((v) => v.property)).toEqual(["linearizable"]);
  });

  it("has exactly the bug presets tested above, each naming the property it breaks", () => {
    const presets = Object.entries(cap.definition.bugs ?? {}).map(([bug, p]) => [bug, p.violates]);
    expect(presets).toEqual([
      ["cpUnavailable", "available"],
      ["apInconsistent", "linearizable"],
    ]);
  });

  // apInconsistent needs the partition between the read's start and the timeout: seed 1
  // first hits it at walk 1,882 of 2,000.
  it.each(["cpUnavailable", "apInconsistent"])(
    "random search finds %s (seed 1, 2,000 walks)",
    async (bug) => {
      const r = await check(cap, { bug, strategy: "random", seed: 1, runs: 2000 });
      expect(r.result).toBe("violation");
      expect(r.violations.map((v) => v.property)).toEqual([cap.definition.bugs?.[bug]?.violates]);
    },
  );

  // A timeout cannot tell a partition from a slow network. When it may fire at any moment,
  // cp refuses on the majority side and ap loses linearizability, with no partition at all.
  it("timeouts=any: cp refuses with no partition (2 steps)", async () => {
    const r = await check(cap, { params: { timeouts: "any" } });
    expect(broken(r)).toEqual(["available"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "deliver Write(value 1) w1 -> n1",
      "timer timeout fires at n1",
    ]);
  });

  it("timeouts=any: ap answers alone with no partition, and a read misses the write (7 steps)", async () => {
    const r = await check(cap, { params: { timeouts: "any", mode: "ap" } });
    expect(broken(r)).toEqual(["linearizable"]);
    const steps = labels(r.violations[0]?.trace);
    expect(steps.some((l) => l.startsWith("partition"))).toBe(false);
    expect(steps).toEqual([
      "deliver Write(value 1) w1 -> n1",
      "timer timeout fires at n1",
      "deliver WriteOk(alone true, value 1) n1 -> w1",
      "timer begin fires at r1",
      "deliver Read(op 1) r1 -> n3",
      "timer timeout fires at n3",
      "deliver ReadOk(alone true, op 1, value 0) n3 -> r1",
    ]);
  });

  // Why a refused write is recorded as unknown (info) and not as failed: its value is already
  // on n1 and spreads when the partition heals. A failed write that a later read returns
  // would not be linearizable; an unknown one is.
  it("a refused write may take effect after the heal, so it is unknown, not failed", async () => {
    const spec = defineSpec({
      ...cap.definition,
      witnesses: {
        refusedWriteTakesEffect: (s: CapState) => {
          const h = s.history ?? [];
          const refused = h.findIndex((e) => e.type === "info" && e.f === "write");
          return (
            refused >= 0 && h.slice(refused).some((e) => e.type === "ok" && e.f === "read" && e.value === 1)
          );
        },
      },
    });
    const r = await check(spec, { params: { readOps: 1 } });
    expect(r.result).toBe("ok");
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["refusedWriteTakesEffect", true, 9],
    ]);

    const model = registerModel({ initial: 0 });
    const events = (outcome: "info" | "fail") =>
      historyFromEvents([
        { process: "w1", type: "invoke", f: "write", value: 1 },
        { process: "w1", type: outcome, f: "write" },
        { process: "r1", type: "invoke", f: "read" },
        { process: "r1", type: "ok", f: "read", value: 1 },
      ]);
    expect(checkLinearizable(events("info"), model).ok).toBe(true);
    expect(checkLinearizable(events("fail"), model).ok).toBe(false);
  });

  // The canonical form removes answers the coordinator will ignore; it must not change any
  // verdict or shortest counterexample (compared where the unreduced model is small).
  it("the canonical form keeps verdicts and shortest counterexamples", async () => {
    const params = { readOps: 1 };
    const [reduced, full] = await Promise.all([check(cap, { params }), check(unreduced, { params })]);
    expect([reduced.result, reduced.distinctStates]).toEqual(["ok", 2_337]);
    expect([full.result, full.distinctStates]).toEqual(["ok", 6_074]);
    expect(reduced.witnesses.map((w) => w.depth)).toEqual(full.witnesses.map((w) => w.depth));
    for (const bug of ["cpUnavailable", "apInconsistent"]) {
      const [a, b] = await Promise.all([check(cap, { bug }), check(unreduced, { bug })]);
      expect(labels(a.violations[0]?.trace)).toEqual(labels(b.violations[0]?.trace));
    }
  });
});
