import { describe, expect, it } from "vitest";
import { inFlight } from "../../src/actors/index.js";
import { check } from "../../src/index.js";
import { countStates, modelOf, sameMessage, twoMessages, twoSenders } from "./tiny-specs.js";

describe("unordered network (the default): a bag", () => {
  // s1 sends M1 and M2 to r1, which appends what it receives to `got`. Either can be delivered
  // first: {got []}, {got [1]}, {got [2]}, {got [1, 2]}, {got [2, 1]} = 5 states.
  it("delivers in any order: 5 states", async () => {
    expect(await countStates(twoMessages)).toBe(5);
  });

  // Three copies of the same message: one delivery action per distinct message, not per copy,
  // so the states are copies 3, 2, 1, 0 (with n = 0..3) = 4 states, and each state has exactly
  // one delivery.
  it("gives identical copies one delivery action: 4 states for 3 copies", async () => {
    expect(await countStates(sameMessage, { copies: 3 })).toBe(4);
    const { model, a } = modelOf(sameMessage, { copies: 3 });
    const init = model.initialStates[0]!;
    expect(model.args(a("deliver"), init)).toHaveLength(1);
    expect(inFlight(init)).toEqual([{ from: "s1", to: "r1", msg: { type: "M", v: 1 }, copies: 3 }]);
  });

  // s1 and s2 each fire a timer that sends a message to r1. Per sender: timer armed, message in
  // flight, or delivered (3 states), independently: 3 x 3 = 9. Both messages in flight is one
  // state whichever timer fired first (a network kept in send order would make it two: 10).
  it("forgets the order messages were sent in: 9 states", async () => {
    expect(await countStates(twoSenders)).toBe(9);
  });

  it("stores each distinct message once, with its number of copies, under a canonical text", () => {
    const { model } = modelOf(sameMessage, { copies: 2 });
    expect([...model.initialStates[0]!.net]).toEqual([["s1->r1 M{v: 1}", 2]]);
  });
});

describe("ordered network: FIFO per directed pair", () => {
  // Only the head of s1->r1 can be delivered: {got []}, {got [1]}, {got [1, 2]} = 3 states.
  it("delivers in send order: 3 states", async () => {
    expect(await countStates(twoMessages, { network: "ordered" })).toBe(3);
  });

  it("keeps one queue per link, heads first", () => {
    const { model, a } = modelOf(twoMessages, { network: "ordered" });
    const init = model.initialStates[0]!;
    expect([...init.net]).toEqual([["s1->r1", ["M{v: 1}", "M{v: 2}"]]]);
    expect(model.args(a("deliver"), init)).toEqual([{ from: "s1", to: "r1", msg: { type: "M", v: 1 } }]);
  });

  // Interleavings across links stay free: the 9 states of the unordered two-senders spec
  // (each sender's message is alone on its link).
  it("still interleaves different links: 9 states", async () => {
    expect(await countStates(twoSenders, { network: "ordered" })).toBe(9);
  });
});

describe("network param", () => {
  it("is validated like any param", async () => {
    const r = await check(twoMessages, { params: { network: "fifo" } });
    expect(r.result).toBe("error");
    expect(r.error?.message).toContain("expected one of unordered, ordered");
  });
});
