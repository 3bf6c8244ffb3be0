/**
 * Ping-pong: the actor layer's teaching spec (docs/protocols/ping-pong.md).
 *
 * A pinger sends `pings` numbered pings to a ponger, one at a time, and the ponger answers each
 * with a pong of the same number. The network may lose a message, so the pinger has a retry
 * timer and sends each ping up to `tries` times; so pongs may arrive twice, late, and out of
 * order, and the pinger must count only the pong of the ping it is waiting for. Both nodes may
 * crash and restart: the pinger keeps `acked` on disk (durable), the ponger keeps `seen`.
 *
 * The pinger is also a client: it records each ping as an operation (invoke, then ok) in the
 * history, and a crash completes an open ping as `info` (outcome unknown).
 *
 * Every feature of the layer appears: handlers for start, messages and timers; a durable field;
 * the fault budgets (one drop and one crash by default; partitions and duplicates from the
 * command line); the history; a Byzantine generator for the ponger (`-p byzantine=1`); and a
 * liveness property under fairness of the layer's actions (every ping is eventually answered).
 *
 * Bugs: `countEveryPong` — the pinger counts every pong, so a retried ping is acked twice
 * (breaks `ackedBounded`); `forgetAcked` — the pinger forgets `acked` when it restarts and
 * pings 1 again (breaks `okOnce`); `byzantinePonger` — the ponger forges pongs (breaks
 * `acksAreGenuine`: authentication would be needed to prevent it).
 */

import { type ActorContext, type ActorState, defineActors, each, eventually } from "../src/index.js";

type Msg = { type: "Ping"; seq: number } | { type: "Pong"; seq: number };

interface Pinger {
  /** The ping being sent (volatile: recomputed from `acked` on restart). */
  seq: number;
  /** Sends of the current ping so far (volatile). */
  tries: number;
  /** Pings answered (durable). */
  acked: number;
}

interface Ponger {
  /** The highest ping number received (durable). */
  seen: number;
}

/** The global state, named for the liveness helpers (which cannot infer it). */
type State = ActorState<{ pinger: Pinger; ponger: Ponger }, Msg>;

export default defineActors({
  name: "ping-pong",
  summary: "A pinger and a ponger over a lossy network, with retries, crashes and a client history.",
  messages: {} as Msg,
  params: {
    pings: { default: 2, min: 1, max: 6, doc: "pings to send, one after another" },
    tries: { default: 2, min: 1, max: 4, doc: "sends per ping: the first and its retries" },
    bug: { default: "none", values: ["none", "countEveryPong", "forgetAcked"], doc: "inject a known bug" },
  },
  network: { order: "unordered" },
  faults: { maxDrops: 1, maxCrashes: 1 },
  history: true,
  nodes: {
    pinger: {
      count: 1,
      init: (): Pinger => ({ seq: 0, tries: 0, acked: 0 }),
      durable: ["acked"],
      onStart(s, ctx) {
        if (ctx.params.bug === "forgetAcked") s.acked = 0; // reads a stale, never-persisted counter
        nextPing(s, ctx);
      },
      onTimer: {
        retry(s, ctx) {
          s.tries++;
          ctx.send("q1", { type: "Ping", seq: s.seq });
          if (s.tries < ctx.params.tries) ctx.setTimer("retry");
        },
      },
      onMessage: {
        Pong(s, m, ctx) {
          const awaited = m.seq === s.seq && s.acked < s.seq;
          if (!awaited && ctx.params.bug !== "countEveryPong") return; // late or duplicate pong
          s.acked++;
          ctx.complete("ok", { f: "ping", value: m.seq });
          ctx.cancelTimer("retry");
          nextPing(s, ctx);
        },
      },
    },
    ponger: {
      count: 1,
      prefix: "q",
      init: (): Ponger => ({ seen: 0 }),
      durable: ["seen"],
      onMessage: {
        Ping(s, m, ctx) {
          s.seen = Math.max(s.seen, m.seq);
          ctx.send(ctx.from, { type: "Pong", seq: m.seq });
        },
      },
      // A Byzantine ponger may answer any ping number at any time, without having seen it.
      byzantine: ({ params, nodes }) =>
        nodes.byKind.pinger.flatMap((to) =>
          Array.from({ length: params.pings }, (_, i) => ({
            to,
            msg: { type: "Pong", seq: i + 1 } as const,
          })),
        ),
    },
  },
  invariants: {
    /** The pinger never counts more pongs than it sent pings. */
    ackedBounded: (s, { pings }) => Object.values(s.nodes.pinger).every((p) => p.acked <= pings),
    /** No ping completes twice (a consistency property of the client history). */
    okOnce: (s) => {
      const oks = (s.history ?? []).filter((e) => e.type === "ok").map((e) => e.value);
      return new Set(oks).size === oks.length;
    },
    /** Every acked ping was seen by the ponger. */
    acksAreGenuine: (s) =>
      Object.values(s.nodes.pinger).every((p) => p.acked <= (s.nodes.ponger.q1?.seen ?? 0)),
  },
  properties: {
    /** Every ping is eventually answered: retries mask the one loss, restarts end crashes. */
    everyPingAnswered: eventually(
      (s: State, { pings }: { pings: number }) => s.nodes.pinger.p1?.acked === pings,
    ),
  },
  // Each in-flight message is eventually delivered, an armed timer eventually fires, a crashed
  // node eventually restarts and a partition eventually heals (without the last two, a crash or
  // a partition may last forever, and no protocol can make progress through that).
  fairness: { weak: [each("deliver"), "timer", "restart", "heal"] },
  witnesses: {
    allAcked: (s, { pings }) => s.nodes.pinger.p1?.acked === pings,
    retried: (s) => (s.nodes.pinger.p1?.tries ?? 0) > 1,
    /** A loss was masked by a retry: one drop, yet every ping was answered. */
    lossMasked: (s, { pings }) => s.faults?.drops === 1 && s.nodes.pinger.p1?.acked === pings,
    /** The pinger crashed during a ping (its op completed as info) and still finished. */
    crashSurvived: (s, { pings }) =>
      (s.history ?? []).some((e) => e.type === "info") && s.nodes.pinger.p1?.acked === pings,
  },
  bugs: {
    countEveryPong: {
      params: { bug: "countEveryPong", pings: 1 },
      violates: "ackedBounded",
      doc: "Counts every pong: with one ping, the two pongs of its retry make acked 2.",
    },
    forgetAcked: {
      params: { bug: "forgetAcked" },
      violates: "okOnce",
      doc: "Forgets acked on restart and pings 1 again, which completes a second time.",
    },
    byzantinePonger: {
      params: { byzantine: 1 },
      violates: "acksAreGenuine",
      doc: "A Byzantine ponger forges a pong for a ping it never saw.",
    },
  },
});

/** Starts the next ping, if any is left: one invocation, one send, and the retry timer. */
function nextPing(
  s: Pinger,
  ctx: ActorContext<Msg, string, { readonly pings: number; readonly tries: number }>,
): void {
  if (s.acked >= ctx.params.pings) return;
  s.seq = s.acked + 1;
  s.tries = 1;
  ctx.invoke({ f: "ping", value: s.seq });
  ctx.send("q1", { type: "Ping", seq: s.seq });
  if (ctx.params.tries > 1) ctx.setTimer("retry");
}
