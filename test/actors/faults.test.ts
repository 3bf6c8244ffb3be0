import { describe, expect, it } from "vitest";
import { faultsUsed, isCrashed, partitionSides } from "../../src/actors/index.js";
import { check } from "../../src/index.js";
import {
  countStates,
  modelOf,
  oneLink,
  restarter,
  sameMessage,
  twoMessages,
  twoMessagesIdempotent,
  voters,
} from "./tiny-specs.js";

// In twoMessages, s1 sends M1 and M2 to r1, which appends each value received to `got`.
describe("message loss", () => {
  // Each message is in flight, delivered or lost (3 x 3 = 9 combinations); when both are
  // delivered, `got` tells their order apart: 9 + 1 = 10 states. `lossy` keeps no counter.
  it("lossy: any message may be lost, with no counter: 10 states", async () => {
    expect(await countStates(twoMessages, { lossy: true })).toBe(10);
    const { model } = modelOf(twoMessages, { lossy: true });
    expect(model.initialStates[0]!.faults).toBeUndefined();
  });

  // The same combinations with at most one lost: 10 - (both lost) = 9. The counter adds no
  // state here: it equals the number of lost messages, which the rest of the state determines.
  it("maxDrops=1: at most one loss: 9 states", async () => {
    expect(await countStates(twoMessages, { maxDrops: 1 })).toBe(9);
  });

  // FIFO: M2 can be delivered only after M1 is delivered or lost. Combinations of
  // (M1, M2) in {in flight, delivered, lost}: all but (in flight, delivered) = 8, `got` fixed.
  it("lossy ordered: 8 states", async () => {
    expect(await countStates(twoMessages, { lossy: true, network: "ordered" })).toBe(8);
  });

  // With at most one loss: queue [1,2]; [2] got [1]; [2] lost 1; [1] lost 2; [] got [1,2];
  // [] got [1] lost 2 (reached two ways); [] got [2] lost 1 = 7 states.
  it("maxDrops=1 ordered: 7 states (a queue loses any position)", async () => {
    expect(await countStates(twoMessages, { maxDrops: 1, network: "ordered" })).toBe(7);
  });
});

describe("duplication", () => {
  // sameMessage with one copy; r1 counts deliveries. (copies, n, duplicates used):
  // (1,0,0) -> deliver (0,1,0) | duplicate (2,0,1) -> (1,1,1) -> (0,2,1) = 5 states.
  it("maxDuplicates=1: 5 states", async () => {
    expect(await countStates(sameMessage, { maxDuplicates: 1 })).toBe(5);
    expect(await countStates(sameMessage, { maxDuplicates: 1, network: "ordered" })).toBe(5);
  });

  // Delivery leaves messages in flight, so r1 (which keeps a set) may see any subset of
  // {1, 2}: 4 states; the network never changes.
  it("duplicating: messages may be received again and again: 4 states", async () => {
    expect(await countStates(twoMessagesIdempotent, { duplicating: true })).toBe(4);
  });

  it("duplicating needs the unordered network", async () => {
    const r = await check(twoMessagesIdempotent, { params: { duplicating: true, network: "ordered" } });
    expect(r.result).toBe("error");
    expect(r.error?.message).toContain("duplicating=true needs network=unordered");
  });
});

describe("crash and restart", () => {
  // n1 starts (starts=1, timer tick armed); tick sets volatile scratch=1. States:
  // S0 {starts 1, scratch 0, tick}; S1 {1, 1}; a crash from S0 or S1 gives the same S2
  // {starts 1, scratch 0, crashed} (volatile state is erased at the crash, so the two merge);
  // restart: S3 {starts 2, scratch 0, tick}; S4 {2, 1}. No second crash (budget 1): 5 states.
  it("maxCrashes=1: durable fields survive, volatile ones reset: 5 states", async () => {
    expect(await countStates(restarter)).toBe(2);
    expect(await countStates(restarter, { maxCrashes: 1 })).toBe(5);
  });

  it("a crash disarms the node's timers; restart runs onStart on the durable fields", () => {
    const { model, a } = modelOf(restarter, { maxCrashes: 1 });
    const s0 = model.initialStates[0]!;
    const s1 = model.apply(a("timer"), s0, model.args(a("timer"), s0)[0]);
    const crashed = model.apply(a("crash"), s1, "n1");
    expect(crashed.nodes.node.n1).toEqual({ starts: 1, scratch: 0 });
    expect(isCrashed(crashed, "n1")).toBe(true);
    expect(model.args(a("timer"), crashed)).toEqual([]);
    expect(model.args(a("crash"), crashed)).toEqual([]);
    expect(faultsUsed(crashed).crashes).toBe(1);
    const restarted = model.apply(a("restart"), crashed, "n1");
    expect(restarted.nodes.node.n1).toEqual({ starts: 2, scratch: 0 });
    expect(model.args(a("timer"), restarted)).toEqual([{ node: "n1", timer: "tick" }]);
  });

  it("holds messages for a crashed node until it restarts", () => {
    const { model, a } = modelOf(oneLink, { maxCrashes: 1 });
    const down = model.apply(a("crash"), model.initialStates[0]!, "b1");
    expect(model.args(a("deliver"), down)).toEqual([]);
    expect(model.args(a("deliver"), model.apply(a("restart"), down, "b1"))).toHaveLength(1);
  });
});

describe("partitions", () => {
  // a1 sends M to b1. (net, partition, partitions used): init ({M}, -, 0); partition
  // ({M}, {b1}, 1) where M cannot be delivered; heal ({M}, -, 1); deliver from init ({}, -, 0);
  // deliver after heal ({}, -, 1); partition after delivery ({}, {b1}, 1), whose heal gives
  // ({}, -, 1) again: 6 states.
  it("maxPartitions=1: 6 states", async () => {
    expect(await countStates(oneLink, { maxPartitions: 1 })).toBe(6);
  });

  it("blocks messages across the cut until it heals", () => {
    const { model, a } = modelOf(oneLink, { maxPartitions: 1 });
    const init = model.initialStates[0]!;
    expect(model.args(a("partition"), init)).toEqual([["b1"]]);
    const cut = model.apply(a("partition"), init, ["b1"]);
    expect(partitionSides(cut)).toEqual([["a1"], ["b1"]]);
    expect(model.args(a("deliver"), cut)).toEqual([]);
    expect(model.args(a("partition"), cut)).toEqual([]);
    expect(model.args(a("heal"), cut)).toEqual([["b1"]]);
    expect(model.args(a("deliver"), model.apply(a("heal"), cut, ["b1"]))).toHaveLength(1);
  });

  it("offers each cut once: 2^(n-1) - 1 groups, named by the side without the first node", () => {
    const { model, a } = modelOf(voters, { replicas: 3, maxPartitions: 1 });
    expect(model.args(a("partition"), model.initialStates[0]!)).toEqual([["r2"], ["r3"], ["r2", "r3"]]);
  });
});

describe("Byzantine nodes", () => {
  // Two replicas, honest: each sends Vote(1) to the other; each message in flight or
  // delivered: 2 x 2 = 4 states.
  it("byzantine=0: everyone follows the handlers: 4 states", async () => {
    expect(await countStates(voters)).toBe(4);
  });

  // r1 is Byzantine: it runs no handler (r2's Vote to it is never in flight) and may send
  // Vote(0) or Vote(1) to r2 whenever no copy is in flight. Per value v, independently:
  // (in flight?, in r2's votes?) = 4 combinations, all reachable (send, deliver, send again):
  // 4 x 4 = 16 states.
  it("byzantine=1: a Byzantine node sends what its generator allows: 16 states", async () => {
    expect(await countStates(voters, { byzantine: 1 })).toBe(16);
  });

  // Three replicas, r1 Byzantine. r2's inputs: the forged Vote(0) (4 combinations as above),
  // and for value 1 the honest Vote from r3 (in flight or delivered), the forged Vote(1) (in
  // flight or not) and whether 1 is in r2's votes (forced once r3's is delivered): 4 + 2 = 6.
  // So 4 x 6 = 24 per honest replica, 24 x 24 = 576 states.
  it("byzantine=1 of 3: 576 states, equivocation included", async () => {
    const r = await check(voters, { params: { replicas: 3, byzantine: 1 } });
    expect(r.distinctStates).toBe(576);
    expect(r.witnesses.find((w) => w.name === "equivocation")?.reached).toBe(true);
  });

  it("refuses more Byzantine nodes than kinds with a generator have", async () => {
    const r = await check(twoMessages, { params: { byzantine: 1 } });
    expect(r.result).toBe("error");
    expect(r.error?.message).toContain("no kind declares a `byzantine` generator");
  });
});
