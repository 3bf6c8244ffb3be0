/**
 * A zoo of tiny actor specs whose state spaces can be counted by hand; the tests that use them
 * explain each count. Network and fault settings come from `check`'s params, so one spec
 * serves several semantics.
 */

import { defineActors } from "../../src/actors/index.js";
import { check, compileSpec, type Model, type Spec } from "../../src/index.js";

type M = { type: "M"; v: number };

/** s1 sends M(v 1) and M(v 2) to r1 at start; r1 appends each value it receives to `got`. */
export const twoMessages = defineActors({
  name: "two-messages",
  messages: {} as M,
  nodes: {
    sender: {
      count: 1,
      init: () => ({}),
      onStart: (_s, ctx) => {
        ctx.send("r1", { type: "M", v: 1 });
        ctx.send("r1", { type: "M", v: 2 });
      },
    },
    receiver: {
      count: 1,
      init: () => ({ got: [] as number[] }),
      onMessage: { M: (s, m) => void s.got.push(m.v) },
    },
  },
});

/** s1 sends M(v 1) `copies` times at start; r1 counts deliveries. */
export const sameMessage = defineActors({
  name: "same-message",
  messages: {} as M,
  params: { copies: 1 },
  nodes: {
    sender: {
      count: 1,
      init: () => ({}),
      onStart: (_s, ctx) => {
        for (let i = 0; i < ctx.params.copies; i++) ctx.send("r1", { type: "M", v: 1 });
      },
    },
    receiver: { count: 1, init: () => ({ n: 0 }), onMessage: { M: (s) => void s.n++ } },
  },
});

/** Like twoMessages, but r1 keeps the set of values seen (so redelivery changes nothing). */
export const twoMessagesIdempotent = defineActors({
  name: "two-messages-idempotent",
  messages: {} as M,
  nodes: {
    sender: {
      count: 1,
      init: () => ({}),
      onStart: (_s, ctx) => {
        ctx.send("r1", { type: "M", v: 1 });
        ctx.send("r1", { type: "M", v: 2 });
      },
    },
    receiver: {
      count: 1,
      init: () => ({ seen: new Set<number>() }),
      onMessage: { M: (s, m) => void s.seen.add(m.v) },
    },
  },
});

/** Two senders, each with a timer "go" that sends M(v = its number) to r1; r1 counts. */
export const twoSenders = defineActors({
  name: "two-senders",
  messages: {} as M,
  nodes: {
    sender: {
      count: 2,
      init: () => ({}),
      onStart: (_s, ctx) => ctx.setTimer("go"),
      onTimer: { go: (_s, ctx) => ctx.send("r1", { type: "M", v: Number(ctx.self.slice(1)) }) },
    },
    receiver: { count: 1, init: () => ({ n: 0 }), onMessage: { M: (s) => void s.n++ } },
  },
});

/** One node n1: `starts` is durable and counts starts; the timer "tick" sets volatile `scratch`. */
export const restarter = defineActors({
  name: "restarter",
  nodes: {
    node: {
      count: 1,
      init: () => ({ starts: 0, scratch: 0 }),
      durable: ["starts"],
      onStart: (s, ctx) => {
        s.starts++;
        ctx.setTimer("tick");
      },
      onTimer: { tick: (s) => void (s.scratch = 1) },
    },
  },
});

/** a1 sends M(v 1) to b1 at start; b1 counts. */
export const oneLink = defineActors({
  name: "one-link",
  messages: {} as M,
  nodes: {
    a: { count: 1, init: () => ({}), onStart: (_s, ctx) => ctx.send("b1", { type: "M", v: 1 }) },
    b: { count: 1, init: () => ({ n: 0 }), onMessage: { M: (s) => void s.n++ } },
  },
});

type Vote = { type: "Vote"; v: number };

/**
 * `replicas` replicas; each honest one sends Vote(v 1) to every other at start and keeps the set
 * of values it received. A Byzantine replica may send Vote(v 0) or Vote(v 1) to anyone.
 */
export const voters = defineActors({
  name: "voters",
  messages: {} as Vote,
  params: { replicas: 2 },
  nodes: {
    replica: {
      count: (p) => p.replicas,
      init: () => ({ votes: new Set<number>() }),
      onStart: (_s, ctx) => ctx.broadcast({ type: "Vote", v: 1 }),
      onMessage: { Vote: (s, m) => void s.votes.add(m.v) },
      byzantine: ({ self, nodes }) =>
        nodes.all
          .filter((id) => id !== self)
          .flatMap((to) => [0, 1].map((v) => ({ to, msg: { type: "Vote", v } as Vote }))),
    },
  },
  witnesses: {
    /** r2 and r3 hold different votes: r1 told them different things. */
    equivocation: (s) => {
      const r2 = s.nodes.replica.r2?.votes;
      const r3 = s.nodes.replica.r3?.votes;
      return r2 !== undefined && r3 !== undefined && r2.size === 1 && r3.size === 1 && !r2.has([...r3][0]!);
    },
  },
});

/** The distinct-state count of a complete check. */
export async function countStates<S>(spec: Spec<S>, params: Record<string, string | number | boolean> = {}) {
  const r = await check(spec, { params });
  if (r.result === "error") throw new Error(r.error?.message);
  if (!r.complete) throw new Error(`incomplete: ${r.stoppedBy}`);
  return r.distinctStates;
}

/** A compiled model and the index of an action, for looking at argument domains. */
export function modelOf<S>(spec: Spec<S>, params = {}): { model: Model<S>; a: (name: string) => number } {
  const model = compileSpec(spec, { params });
  return { model, a: (name) => model.actionNames.indexOf(name) };
}
