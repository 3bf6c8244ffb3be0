/**
 * Quorum replication (specs/quorum-replication.ts). The pinned counts are what the checker
 * computes for the model; they were pinned after reading the shortest counterexamples below
 * step by step, and after comparing the canonical form (dead messages removed) with the
 * protocol without it (last test).
 */

import { describe, expect, it } from "vitest";
import quorum, { readsLatestCompletedWrite, unreduced } from "../../specs/quorum-replication.js";
import { type CheckResult, check, defineSpec, type Spec, type Trace } from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

/** The properties a result found violated (unreached witnesses left out). */
function broken(r: CheckResult): string[] {
  return r.violations.filter((v) => v.kind !== "unreachedWitness").map((v) => v.property);
}

/** The spec without some witnesses (for configurations where they cannot happen). */
function without(...names: string[]): Spec {
  const witnesses = Object.fromEntries(
    Object.entries(quorum.definition.witnesses ?? {}).filter(([name]) => !names.includes(name)),
  );
  return defineSpec({ ...quorum.definition, witnesses });
}

describe("quorum-replication", () => {
  it("holds at its defaults (N = 3, r = w = 2, blocking read repair, 1 write, 2 reads)", async () => {
    const r = await check(quorum);
    expect(r.result).toBe("ok");
    expect(r.checked.invariants).toEqual(["readsLatestCompletedWrite", "linearizable"]);
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([9_701, 41_461, 18]);
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["readSeesWriteInProgress", true, 7],
      ["writeDoneReplicaStale", true, 4],
      ["readRepair", true, 6],
      ["readsLastWrite", true, 11],
    ]);
  });

  it("catches weakQuorum: r = w = 1, the read asks a replica the write never reached (5 steps)", async () => {
    const r = await check(quorum, { bug: "weakQuorum" });
    expect(r.result).toBe("violation");
    // A stale read after a completed write is also not linearizable: both fail in that state.
    expect(broken(r)).toEqual(["readsLatestCompletedWrite", "linearizable"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "deliver Write(version 1) w1 -> n1",
      "deliver Written(version 1) n1 -> w1", // w = 1: the write is done
      "timer begin fires at r1",
      "deliver Read(op 1) r1 -> n2",
      "deliver Value(op 1, version 0) n2 -> r1", // r = 1: n2's answer is the read's
    ]);
  });

  it("catches noReadRepair: new, then old, while the write is in progress (10 steps)", async () => {
    const r = await check(quorum, { bug: "noReadRepair" });
    expect(broken(r)).toEqual(["linearizable"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "deliver Write(version 1) w1 -> n1", // only n1 has the write; it is not done
      "timer begin fires at r1",
      "deliver Read(op 1) r1 -> n1",
      "deliver Value(op 1, version 1) n1 -> r1",
      "deliver Read(op 1) r1 -> n2",
      "deliver Value(op 1, version 0) n2 -> r1", // read 1 returns 1: new
      "deliver Read(op 2) r1 -> n2",
      "deliver Value(op 2, version 0) n2 -> r1",
      "deliver Read(op 2) r1 -> n3",
      "deliver Value(op 2, version 0) n3 -> r1", // read 2 returns 0: old
    ]);
  });

  // What r + w > N gives without read repair, and what it does not.
  it("without read repair, every read still sees every completed write (4,100 states)", async () => {
    const r = await check(without("readRepair"), {
      params: { readRepair: "off" },
      only: ["readsLatestCompletedWrite"],
    });
    expect([r.result, r.distinctStates]).toEqual(["ok", 4_100]);
  });

  it("async read repair is not enough: the repair is still in flight when the next read starts (10 steps)", async () => {
    const r = await check(quorum, { params: { readRepair: "async" } });
    expect(broken(r)).toEqual(["linearizable"]);
    const steps = labels(r.violations[0]?.trace);
    expect(steps).toEqual(labels((await check(quorum, { bug: "noReadRepair" })).violations[0]?.trace));
  });

  // r + w > N with r < w: a read of one replica can see a write in progress that no other
  // replica has. The repair must reach a write quorum, not just the replicas read.
  it("r = 1, w = 3 holds with blocking read repair, and without it is new-then-old in 6 steps", async () => {
    const held = await check(without("writeDoneReplicaStale"), { params: { r: 1, w: 3 } });
    expect([held.result, held.distinctStates]).toEqual(["ok", 4_256]);
    const r = await check(quorum, { params: { r: 1, w: 3, readRepair: "off" } });
    expect(broken(r)).toEqual(["linearizable"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "deliver Write(version 1) w1 -> n1",
      "timer begin fires at r1",
      "deliver Read(op 1) r1 -> n1",
      "deliver Value(op 1, version 1) n1 -> r1",
      "deliver Read(op 2) r1 -> n2",
      "deliver Value(op 2, version 0) n2 -> r1",
    ]);
  });

  it("has exactly the bug presets tested above, each naming the property it breaks", () => {
    const presets = Object.entries(quorum.definition.bugs ?? {}).map(([bug, p]) => [bug, p.violates]);
    expect(presets).toEqual([
      ["weakQuorum", "readsLatestCompletedWrite"],
      ["noReadRepair", "linearizable"],
    ]);
  });

  it.each(["weakQuorum", "noReadRepair"])("random search finds %s (seed 1, 5,000 walks)", async (bug) => {
    const r = await check(quorum, { bug, strategy: "random", seed: 1, runs: 5000 });
    expect(r.result).toBe("violation");
    expect(r.violations.map((v) => v.property)).toEqual([quorum.definition.bugs?.[bug]?.violates]);
  });

  it("readsLatestCompletedWrite compares each read with the writes completed before it started", () => {
    const write = [
      { process: "w1", type: "invoke", f: "write", value: 1 },
      { process: "w1", type: "ok", f: "write", value: 1 },
    ] as const;
    const read = (value: number) =>
      [
        { process: "r1", type: "invoke", f: "read" },
        { process: "r1", type: "ok", f: "read", value },
      ] as const;
    expect(readsLatestCompletedWrite([...write, ...read(1)])).toBe(true);
    expect(readsLatestCompletedWrite([...write, ...read(0)])).toBe(false);
    // A read that started before the write completed may return the old value.
    const [invoke, ok] = read(0);
    expect(readsLatestCompletedWrite([write[0], invoke, write[1], ok])).toBe(true);
  });

  // The canonical form removes messages nobody will act on; it must not change any verdict or
  // shortest counterexample (compared where the unreduced model is small: 261,737 states at
  // the defaults).
  it("the canonical form keeps verdicts and shortest counterexamples", async () => {
    const params = { readOps: 1 };
    const [reduced, full] = await Promise.all([check(quorum, { params }), check(unreduced, { params })]);
    expect([reduced.result, full.result]).toEqual(["ok", "ok"]);
    expect([reduced.distinctStates, full.distinctStates]).toEqual([1_941, 6_063]);
    expect(reduced.witnesses.map((w) => w.depth)).toEqual(full.witnesses.map((w) => w.depth));
    for (const bug of ["weakQuorum", "noReadRepair"]) {
      const [a, b] = await Promise.all([check(quorum, { bug }), check(unreduced, { bug })]);
      expect(labels(a.violations[0]?.trace)).toEqual(labels(b.violations[0]?.trace));
    }
  });
});
