import { describe, expect, it } from "vitest";
import partitioning from "../../specs/partitioning.js";
import { check, type Trace } from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

// The pinned counts are what the checker computes for this model; they were accepted after
// reading the shortest counterexamples below step by step and checking that the correct
// protocol holds for every scheme, with a duplicating network, and without the client's
// retries cut short. Each scheme has its own count because it groups the written keys (a, b, c)
// differently: range moves a and b together, hash moves a with c, directory moves a alone.
describe("partitioning", () => {
  it("holds at its defaults (range, 2 clients × 3 writes, 2 moves) and reaches its witnesses", async () => {
    const r = await check(partitioning);
    expect(r.result).toBe("ok");
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([7_550, 18_163, 28]);
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["moveCompleted", true, 4],
      ["moveCompletedWhileWriteInFlight", true, 4],
      ["writeRerouted", true, 10],
    ]);
  });

  it.each([
    ["hash", 5_817, 14_021, 36],
    ["directory", 3_394, 8_195, 36],
  ])("holds with scheme=%s (%i states)", async (scheme, states, generated, depth) => {
    const r = await check(partitioning, { params: { scheme } });
    expect(r.result).toBe("ok");
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([states, generated, depth]);
    expect(r.witnesses.every((w) => w.reached)).toBe(true);
  });

  // A duplicated message is what a retried request looks like on the wire. The epochs make it
  // harmless; without duplicates they are never needed (fencing off gives the same model).
  it("holds when the network may duplicate a message (maxDuplicates=1, one client)", async () => {
    const r = await check(partitioning, { params: { maxDuplicates: 1, clients: 1 } });
    expect([r.result, r.distinctStates]).toEqual(["ok", 3_532]);
  });

  it("needs its epochs only once messages can be duplicated", async () => {
    const fenced = await check(partitioning, { params: { clients: 1 } });
    const unfenced = await check(partitioning, { params: { clients: 1, fencing: false } });
    expect([fenced.result, unfenced.result]).toEqual(["ok", "ok"]);
    expect([fenced.distinctStates, unfenced.distinctStates]).toEqual([222, 222]);
  });

  it("catches staleDirectory: the old owner acknowledges a write after the hand-off (4 steps)", async () => {
    const r = await check(partitioning, { bug: "staleDirectory", continue: true });
    // The claims stay unique: only the write path is wrong. (No write is ever refused by the
    // old owner, so the writeRerouted witness is not reached either.)
    expect(r.violations.filter((v) => v.kind === "invariant").map((v) => v.property)).toEqual([
      "noLostWrite",
    ]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "timer rebalance fires at d1",
      "deliver Handoff(epoch 2, part a..b, to n2) d1 -> n1",
      "deliver Write(id c1.1, key a) c1 -> n1",
      "deliver WriteOk(id c1.1) n1 -> c1",
    ]);
  });

  it("catches unfencedTransfer: a duplicated transfer of the first move resurrects an owner (9 steps)", async () => {
    const r = await check(partitioning, { bug: "unfencedTransfer" });
    expect(r.violations.map((v) => v.property)).toEqual(["oneOwner"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "timer rebalance fires at d1",
      "deliver Handoff(epoch 2, part a..b, to n2) d1 -> n1",
      "duplicate Transfer(epoch 2, ids [], part a..b) n1 -> n2",
      "deliver Transfer(epoch 2, ids [], part a..b) n1 -> n2",
      "deliver Installed(epoch 2, part a..b) n2 -> d1",
      "timer rebalance fires at d1",
      "deliver Handoff(epoch 3, part a..b, to n1) d1 -> n2",
      "deliver Transfer(epoch 2, ids [], part a..b) n1 -> n2",
      "deliver Transfer(epoch 3, ids [], part a..b) n2 -> n1",
    ]);
  });

  it("has exactly the bug presets tested above, each naming the property it breaks", () => {
    const presets = Object.entries(partitioning.definition.bugs ?? {}).map(([bug, p]) => [bug, p.violates]);
    expect(presets).toEqual([
      ["staleDirectory", "noLostWrite"],
      ["unfencedTransfer", "oneOwner"],
    ]);
  });

  it("random search finds staleDirectory (seed 1, 2,000 walks)", async () => {
    const r = await check(partitioning, { bug: "staleDirectory", strategy: "random", seed: 1, runs: 2000 });
    expect(r.result).toBe("violation");
    expect(r.violations.map((v) => v.property)).toEqual(["noLostWrite"]);
  });

  it("random search finds unfencedTransfer (seed 1, 2,000 walks)", async () => {
    const r = await check(partitioning, { bug: "unfencedTransfer", strategy: "random", seed: 1, runs: 2000 });
    expect(r.result).toBe("violation");
    expect(r.violations.map((v) => v.property)).toEqual(["oneOwner"]);
  });
});
