/**
 * Causal consistency of a replicated social feed: causal broadcast with vector clocks (Birman,
 * Schiper & Stephenson 1991), the way causal stores such as COPS and Eiger apply remote
 * updates once their dependencies are in. The model is causal consistency (Ahamad et al. 1995)
 * as Bouajjani, Enea, Guerraoui & Hamza define it on histories (POPL 2017).
 * docs/protocols/causal-consistency.md tells the story.
 *
 * A feed is replicated on several replicas (datacentres, or devices in a local-first app), each
 * with one local user. A user's operations run on the local replica and return at once: post an
 * item, read the feed, or read it and reply to the newest post by someone else. The replica
 * then broadcasts the update to its peers, tagged with its vector clock. A receiving replica
 * applies a remote update only when it is causally ready — the next update from its origin, and
 * everything the origin had applied is applied here too — and holds it back otherwise; so
 * nobody sees a reply before the post it answers. Each feed lists items in the order its replica
 * applied them: concurrent posts may appear in different orders on different replicas, and
 * causal consistency allows that forever (making the orders agree needs an arbitration order on
 * top, as "causal+" stores add; this feed has none).
 *
 * Properties:
 * - `causallyConsistent` (invariant): the history of the users' operations is causally
 *   consistent, by `checkCausal(h, "CC")` on list-append data: every read shows every item in
 *   its causal past (program order and reads-from, transitively) and lists causally related
 *   items in causal order. "A reply without its post" breaks the first rule: the post is in
 *   the reply's causal past because the replier read it.
 * - `converges` (liveness, ◇□): eventually every replica has applied every update, holds
 *   nothing back, and the feeds hold the same items (`checkConvergence`, which compares the
 *   feeds of replicas that applied the same updates as multisets, so an item applied twice
 *   would show). Assumes weak fairness of every delivery (`each("deliver")`) and of every
 *   replica's timers (`each("timer")`: users get round to their scripts, resends happen).
 *   "Replicas converge once messages stop being lost": with `-p maxDrops=1` a lost update is
 *   never repaired and `converges` fails; `-p tries=2` broadcasts each replica's own updates
 *   once more, which masks one loss.
 *
 * Modelled: each replica's vector clock, its feed (item ids in application order) and the
 * updates it holds back (sorted: a set). Items are unique ids — `n1.1` is n1's first item,
 * `n2.1>n1.1` is n2's first item, a reply to n1.1 — so the history is differentiated, as the
 * checker needs, and a reply names its post. Users are scripted (param `scripts`, one per
 * replica: p = post, r = read, R = read and reply); a timer per replica (`act`) fires whenever
 * the user gets round to the next step, so every interleaving of users and network is explored.
 * A reply step with no post to answer waits (the timer re-arms: a stutter, not a new state).
 *
 * Abstracted, and why: item contents and wall-clock time (only which items a read shows, in
 * what order, matters); client-replica messages (users are attached to their local replica, as
 * COPS clients are to their datacentre, so their operations are local); acknowledgements
 * (retransmission is `tries` blind broadcasts of each own update: with fewer losses than tries
 * every peer gets a copy, which is what retransmit-until-acked achieves, without ack messages
 * and per-peer bookkeeping in the state). Network: unordered (reordering is what makes causal
 * delivery necessary), no losses by default.
 *
 * Bounds (defaults): 3 replicas with scripts "pr,R,pr" — n1 posts, then reads; n2 reads and
 * replies to the newest post it has; n3 posts, then reads — tries=1, no faults: 10,965
 * distinct states. Three replicas are the fewest in which a reply can overtake its post (with
 * two, the post's author already has the post when the reply arrives), and n1's and n3's posts
 * are concurrent, so they can be shown in different orders. The history is kept as the actor
 * layer records it, with the users' operations interleaved: a `view` forgetting the
 * interleaving would be sound (the properties read each user's operations in order), but the
 * liveness checker cannot know that and warns about views, and the state space is small anyway.
 *
 * Bug: `eventualOnly` — replicas apply remote updates on arrival (eventual consistency without
 * causal delivery): n3 applies n2's reply before n1's post, and n3's reader sees a reply
 * without its post (breaks `causallyConsistent`; the feeds still converge).
 */

import {
  type ActorContext,
  type ActorHistoryEvent,
  type ActorState,
  checkCausal,
  checkConvergence,
  defineActors,
  each,
  eventuallyAlways,
  historyFromEvents,
  type NodeId,
} from "../src/index.js";

/** A vector clock: entry o counts the updates from replica o applied (or issued) here. */
type Clock = number[];

/** An update: the item and its origin's clock right after issuing it. */
interface Update {
  item: string;
  clock: Clock;
}

type Msg = { type: "Update"; item: string; clock: Clock };

interface Replica {
  /** The local user's next script step. */
  pc: number;
  clock: Clock;
  /** Item ids in the order this replica applied them (the timeline its readers see). */
  feed: string[];
  /** Received updates waiting for their dependencies, sorted by item (a set). */
  held: Update[];
  /** Re-broadcasts of this replica's own updates still to do (`tries` - 1 after each post). */
  resends: number;
}

type State = ActorState<{ replica: Replica }, Msg>;

interface Params {
  readonly scripts: string;
  readonly tries: number;
  readonly bug: string;
}

type Ctx = ActorContext<Msg, "replica", Params>;

export default defineActors({
  name: "causal-consistency",
  summary: "A social feed under causal broadcast with vector clocks: no reply is seen before its post.",
  messages: {} as Msg,
  params: {
    scripts: {
      default: "pr,R,pr",
      pattern: /^[prR]*(,[prR]*)+$/,
      doc: "one script per replica's user, comma-separated: p = post, r = read, R = read and reply",
    },
    tries: { default: 1, min: 1, max: 3, doc: "broadcasts of each own update: the first and blind resends" },
    bug: { default: "none", values: ["none", "eventualOnly"], doc: "inject a known bug" },
  },
  network: { order: "unordered" },
  history: true,
  nodes: {
    replica: {
      count: (p) => scriptsOf(p).length,
      prefix: "n",
      init: (_id, p): Replica => ({
        pc: 0,
        clock: Array.from({ length: scriptsOf(p).length }, () => 0),
        feed: [],
        held: [],
        resends: 0,
      }),
      // A replica keeps everything on disk: a crash (-p maxCrashes=1) only pauses it.
      durable: ["pc", "clock", "feed", "held", "resends"],
      onStart(s, ctx) {
        if (s.pc < scriptOf(ctx).length) ctx.setTimer("act");
        if (s.resends > 0) ctx.setTimer("resend");
      },
      onTimer: {
        act: (s, ctx) => userStep(s, ctx),
        resend(s, ctx) {
          s.resends--;
          for (const item of s.feed) {
            const u = ownUpdate(item, s.feed, ctx);
            if (u !== undefined) ctx.broadcast({ type: "Update", ...u });
          }
          if (s.resends > 0) ctx.setTimer("resend");
        },
      },
      onMessage: {
        Update(s, m, ctx) {
          receive(s, { item: m.item, clock: [...m.clock] }, ctx.params.bug === "eventualOnly");
        },
      },
    },
  },
  invariants: {
    /** The users' history is causally consistent: no read misses or misorders its causal past. */
    causallyConsistent: (s) => causalOk(s),
  },
  properties: {
    /** Eventually every replica has every update, holds nothing back, and the feeds agree. */
    converges: eventuallyAlways((s: State) => converged(s)),
  },
  fairness: { weak: [each("deliver"), each("timer")] },
  witnesses: {
    /** Two replicas show two posts in opposite orders (causal delivery allows it for concurrent posts only). */
    postsInDifferentOrders,
    /** An update arrived before its dependencies and was held back. */
    heldBack: (s) => Object.values(s.nodes.replica).some((r) => r.held.length > 0),
    /** Somebody replied, and every replica ended with the same items. */
    repliedAndConverged: (s) =>
      Object.values(s.nodes.replica).some((r) => r.feed.some(isReply)) && converged(s),
  },
  bugs: {
    eventualOnly: {
      params: { bug: "eventualOnly" },
      violates: "causallyConsistent",
      doc: "Remote updates are applied on arrival: a reader sees a reply without the post it answers.",
    },
  },
});

// --- scripts ---------------------------------------------------------------------------------

const scriptCache = new Map<string, readonly string[]>();

/** The users' scripts, one per replica, parsed once per `scripts` value. */
function scriptsOf(p: { readonly scripts: string }): readonly string[] {
  let out = scriptCache.get(p.scripts);
  if (out === undefined) {
    out = p.scripts.split(","); // the param's pattern has validated it
    scriptCache.set(p.scripts, out);
  }
  return out;
}

function scriptOf(ctx: Ctx): string {
  return scriptsOf(ctx.params)[indexOf(ctx.self)] ?? "";
}

/** Replica n1 is index 0. */
function indexOf(id: NodeId): number {
  return Number(id.slice(1)) - 1;
}

/** The replica that issued an item: `n2.1>n1.1` is n2's. */
function originOf(item: string): number {
  return indexOf(item.slice(0, item.indexOf(".")));
}

function isReply(item: string): boolean {
  return item.includes(">");
}

// --- the user's operations (local, so they complete at once) --------------------------------

function userStep(s: Replica, ctx: Ctx): void {
  const step = scriptOf(ctx)[s.pc];
  if (step === "R") {
    // The newest post from someone else in the feed this user sees.
    const post = s.feed.findLast((x) => !isReply(x) && originOf(x) !== indexOf(ctx.self));
    if (post === undefined) {
      ctx.setTimer("act"); // nothing to answer yet: wait (a stutter)
      return;
    }
    read(s, ctx);
    publish(s, ctx, `>${post}`);
  } else if (step === "r") read(s, ctx);
  else publish(s, ctx, "");
  s.pc++;
  if (s.pc < scriptOf(ctx).length) ctx.setTimer("act");
}

function read(s: Replica, ctx: Ctx): void {
  ctx.invoke({ f: "read" });
  ctx.complete("ok", { value: [...s.feed] });
}

/** Issues a local update (a post, or a reply when `suffix` names its post) and broadcasts it. */
function publish(s: Replica, ctx: Ctx, suffix: string): void {
  const self = indexOf(ctx.self);
  s.clock[self]!++;
  const item = `${ctx.self}.${s.clock[self]}${suffix}`;
  ctx.invoke({ f: "append", value: item });
  ctx.complete("ok");
  s.feed.push(item);
  ctx.broadcast({ type: "Update", item, clock: [...s.clock] });
  if (ctx.params.tries > 1) {
    s.resends = ctx.params.tries - 1;
    ctx.setTimer("resend");
  }
}

/**
 * This replica's own update for `item`, rebuilt for a resend: its clock is the replica's clock
 * when it issued the item: the count of items from each origin in its feed up to this one.
 */
function ownUpdate(item: string, feed: readonly string[], ctx: Ctx): Update | undefined {
  if (!item.startsWith(`${ctx.self}.`)) return undefined;
  const clock = Array.from({ length: scriptsOf(ctx.params).length }, () => 0);
  for (const x of feed) {
    clock[originOf(x)]!++;
    if (x === item) break;
  }
  return { item, clock };
}

// --- causal delivery -------------------------------------------------------------------------

/** Whether `u` is the next update from its origin and everything it depends on is applied here. */
function ready(s: Replica, u: Update): boolean {
  const origin = originOf(u.item);
  return u.clock.every((v, o) => (o === origin ? v === s.clock[o]! + 1 : v <= s.clock[o]!));
}

function apply(s: Replica, u: Update): void {
  const origin = originOf(u.item);
  s.feed.push(u.item);
  s.clock[origin] = Math.max(s.clock[origin]!, u.clock[origin]!);
}

function receive(s: Replica, u: Update, onArrival: boolean): void {
  if (onArrival) {
    // eventualOnly: apply at once, whatever it depends on (a resent copy is still recognised).
    if (!s.feed.includes(u.item)) apply(s, u);
    return;
  }
  const origin = originOf(u.item);
  if (u.clock[origin]! <= s.clock[origin]! || s.held.some((h) => h.item === u.item)) return; // a resent copy
  if (!ready(s, u)) {
    s.held.push(u);
    s.held.sort((a, b) => (a.item < b.item ? -1 : 1));
    return;
  }
  apply(s, u);
  // Applying an update may make held ones ready, and applying those may make others ready.
  for (let i = 0; i < s.held.length; ) {
    const h = s.held[i]!;
    if (!ready(s, h)) {
      i++;
      continue;
    }
    s.held.splice(i, 1);
    apply(s, h);
    i = 0;
  }
}

// --- properties ------------------------------------------------------------------------------

/** The CC verdict per history array (immer shares it between states that did not touch it). */
const verdicts = new WeakMap<readonly ActorHistoryEvent[], boolean>();
const NO_HISTORY: readonly ActorHistoryEvent[] = [];

function causalOk(s: State): boolean {
  const events = s.history ?? NO_HISTORY;
  let ok = verdicts.get(events);
  if (ok === undefined) {
    ok = checkCausal(historyFromEvents(events), "CC", { datatype: "list-append" }).ok;
    verdicts.set(events, ok);
  }
  return ok;
}

function converged(s: State): boolean {
  const replicas = Object.entries(s.nodes.replica);
  const first = replicas[0]?.[1];
  if (first === undefined) return true;
  const sameClock = replicas.every(
    ([, r]) => r.held.length === 0 && r.clock.every((v, o) => v === first.clock[o]),
  );
  if (!sameClock) return false;
  const snapshots = replicas.map(([replica, r]) => ({
    replica,
    delivered: r.clock.flatMap((n, o) => Array.from({ length: n }, (_, k) => `${o}:${k + 1}`)),
    value: [...r.feed].sort(),
  }));
  return checkConvergence(snapshots).ok;
}

function postsInDifferentOrders(s: State): boolean {
  const feeds = Object.values(s.nodes.replica).map((r) => r.feed.filter((x) => !isReply(x)));
  for (const a of feeds)
    for (const b of feeds)
      for (let i = 0; i < a.length; i++)
        for (let j = i + 1; j < a.length; j++) {
          const bi = b.indexOf(a[i]!);
          const bj = b.indexOf(a[j]!);
          if (bi >= 0 && bj >= 0 && bj < bi) return true;
        }
  return false;
}
