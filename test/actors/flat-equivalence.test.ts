/**
 * The actor layer adds no states and loses none: an actor spec and a flat spec written by hand
 * with defineSpec, modelling the same protocol, the same network (a bag) and the same fault
 * budget, have the same number of distinct states.
 */

import { describe, expect, it } from "vitest";
import { defineActors } from "../../src/actors/index.js";
import { check, defineSpec } from "../../src/index.js";
import { countStates, twoMessages } from "./tiny-specs.js";

type Msg = { type: "Req" } | { type: "Ack" };

/** c1 asks s1, retrying once on a timer; s1 counts requests and acks each; one message may be lost. */
const retryActors = defineActors({
  name: "retry-actors",
  messages: {} as Msg,
  faults: { maxDrops: 1 },
  nodes: {
    client: {
      count: 1,
      init: () => ({ tries: 0, done: false }),
      onStart: (s, ctx) => {
        s.tries = 1;
        ctx.send("s1", { type: "Req" });
        ctx.setTimer("retry");
      },
      onTimer: {
        retry: (s, ctx) => {
          s.tries++;
          ctx.send("s1", { type: "Req" });
          if (s.tries < 2) ctx.setTimer("retry");
        },
      },
      onMessage: {
        Ack: (s, _m, ctx) => {
          if (s.done) return;
          s.done = true;
          ctx.cancelTimer("retry");
        },
      },
    },
    server: {
      count: 1,
      init: () => ({ served: 0 }),
      onMessage: {
        Req: (s, _m, ctx) => {
          s.served++;
          ctx.send(ctx.from, { type: "Ack" });
        },
      },
    },
  },
});

interface Flat {
  tries: number;
  done: boolean;
  timer: boolean;
  served: number;
  req: number;
  ack: number;
  drops: number;
}

/** The same protocol by hand: the bag is two counters, the timer a flag. */
const retryFlat = defineSpec({
  name: "retry-flat",
  init: (): Flat => ({ tries: 1, done: false, timer: true, served: 0, req: 1, ack: 0, drops: 0 }),
  actions: {
    deliverReq: {
      when: (s) => s.req > 0,
      do: (d) => {
        d.req--;
        d.served++;
        d.ack++;
      },
    },
    deliverAck: {
      when: (s) => s.ack > 0,
      do: (d) => {
        d.ack--;
        if (d.done) return;
        d.done = true;
        d.timer = false;
      },
    },
    retry: {
      when: (s) => s.timer,
      do: (d) => {
        d.tries++;
        d.req++;
        d.timer = d.tries < 2;
      },
    },
    drop: {
      over: (s) => [...(s.req > 0 ? ["req" as const] : []), ...(s.ack > 0 ? ["ack" as const] : [])],
      when: (s) => s.drops < 1,
      do: (d, which: "req" | "ack") => {
        d[which]--;
        d.drops++;
      },
    },
  },
  deadlock: false,
});

/** twoMessages by hand: values in flight (sorted), values received (in order), drops. */
const twoMessagesFlat = defineSpec({
  name: "two-messages-flat",
  init: () => ({ inFlight: [1, 2], got: [] as number[], drops: 0 }),
  actions: {
    deliver: {
      over: (s) => s.inFlight,
      do: (d, v: number) => {
        d.inFlight.splice(d.inFlight.indexOf(v), 1);
        d.got.push(v);
      },
    },
    drop: {
      over: (s) => (s.drops < 1 ? s.inFlight : []),
      do: (d, v: number) => {
        d.inFlight.splice(d.inFlight.indexOf(v), 1);
        d.drops++;
      },
    },
  },
  deadlock: false,
});

describe("an actor spec and its hand-written flat twin", () => {
  it("two messages, at most one lost: 9 states each", async () => {
    expect(await countStates(twoMessages, { maxDrops: 1 })).toBe(9);
    expect((await check(twoMessagesFlat)).distinctStates).toBe(9);
  });

  it("a request with one retry over a network that may lose one message: the same count", async () => {
    const [actors, flat] = await Promise.all([check(retryActors), check(retryFlat)]);
    expect(actors.result).toBe("ok");
    expect(actors.distinctStates).toBe(flat.distinctStates);
    expect(actors.distinctStates).toBe(17);
  });
});
