/**
 * Multi-primary (master-master) replication of a shopping cart, with two ways of resolving
 * concurrent writes: last-writer-wins by timestamp (Cassandra, DynamoDB global tables,
 * multi-master MySQL setups that keep the newest row) or version vectors with siblings kept and
 * merged by the client (Dynamo's shopping cart, Riak). docs/protocols/multi-primary.md tells
 * the story.
 *
 * Modelled. Each replica (n1, n2, ...) is a primary: its local user's write is applied and
 * acknowledged at once, and the new version of the cart is sent to the other primaries in the
 * background (`Replicate`). A user step reads the cart its replica shows and writes it back
 * with one more item (a read-modify-write, as a Riak client does: GET with the causal context,
 * PUT with it), so a write *saw* everything its replica showed. Each replica stores versions:
 * - `conflict=versionVectors`: each version carries a version vector. A write supersedes every
 *   version its replica holds (it saw them) and gets the join of their vectors with its own
 *   entry incremented. A received version is dropped if a held one dominates it, replaces the
 *   held ones it dominates, and is otherwise kept next to them as a *sibling*: the replica
 *   shows the union of its siblings' carts (the client's merge; an add-only cart merged by set
 *   union is what a CRDT does automatically), and the next write there resolves them.
 * - `conflict=lww`: one version per replica, stamped (timestamp, writer); the higher stamp
 *   wins, on every replica alike, and a tie goes to the lower-numbered writer (any fixed rule
 *   would do; Cassandra compares the values). A local write that loses to the held version is
 *   discarded at once, and still acknowledged.
 *
 * Clocks (lww only). There is no global time in an actor's handler, so time is modelled by
 * what a correct clock guarantees: each replica knows a lower bound `now` on real time (the
 * real time of everything it has seen), a write happens one tick later, and a correct clock
 * stamps it with that real time; so a write that saw another is stamped later than it. Clocks
 * are otherwise synchronised: two writes that saw nothing of each other may get the same
 * stamp (the tie rule then decides). `skew` makes the last replica's clock run that many ticks
 * behind, so its writes are stamped in the past. `clock=hybrid` is the usual fix (hybrid
 * logical clocks, as in CockroachDB and MongoDB): stamp with the larger of the local clock and
 * one more than the held version's stamp.
 *
 * Properties.
 * - `noLostWrites` (invariant): no acknowledged write is silently lost. Precisely: whenever the
 *   replicas have converged (nothing in flight, every replica holds the same versions), every
 *   acknowledged add is in the cart they show. An add is in the cart exactly when its version
 *   is still held (as the value or as a sibling) or a version written by someone who had seen
 *   it superseded it — a read-modify-write keeps what it read. So a write may be overwritten
 *   only by a write that saw it. Before convergence a replica may simply not have heard of a
 *   write yet; that is not a loss.
 * - `converges` (liveness, ◇□): eventually the replicas have converged for good, under weak
 *   fairness of every delivery (`each("deliver")`), of every user's next step
 *   (`each("timer")`) and of restarts (`-p maxCrashes=1` only pauses a primary: it keeps
 *   everything on disk). With `-p maxDrops=1` it fails: nothing retransmits a lost version (the
 *   eventual-consistency spec adds anti-entropy for that).
 *
 * Abstracted, and why: the cart's items are opaque ids (`n1.1` is n1's first add); items are
 * only added (removals bring tombstones, or Dynamo's resurrected items, and are not needed to
 * lose a write); users are attached to their replica and each read-modify-write is atomic
 * there (no write from the same replica slips between the user's read and write); clients
 * and acknowledgements are not messages (a write is acknowledged when its replica applied it,
 * which is what asynchronous multi-primary replication does); replication ships the whole
 * version, once, over an unordered network with no losses by default.
 *
 * Bounds (defaults): 2 primaries, scripts "aa,aa" (each user adds two items), version vectors,
 * no faults: 142 distinct states. The first adds at n1 and n2 are concurrent; each second add
 * may or may not have seen the other primary's first; and either version of a primary may
 * overtake the other in the network (an older version arriving late must be ignored). Three
 * primaries and a duplicated message are pinned in the test (`-p scripts=aa,a,a`: 4,769 states).
 *
 * The trade-off, as presets. The default (version vectors) holds both properties.
 * - `lwwConcurrentWrites` (conflict=lww, no skew): two concurrent adds; the replicas converge
 *   on one of them and the other is gone, although its user was told "ok" (breaks
 *   `noLostWrites`). This is last-writer-wins working as designed: it promises convergence,
 *   not that concurrent writes survive. Not a bug for a register where "some recent value" is
 *   good enough, a bug for a cart.
 * - `lwwClockSkew` (conflict=lww, skew=1, scripts "a,A": n2's user adds only after seeing n1's
 *   add, so no two writes are concurrent): without skew LWW keeps both adds here (pinned in the
 *   test); with n2's clock one tick behind, n2's add — written after it saw n1's — is stamped
 *   no later than n1's and loses to it (breaks `noLostWrites`). Clock skew makes LWW lose
 *   writes that were not even concurrent. `-p clock=hybrid` fixes it.
 */

import {
  type ActorContext,
  type ActorState,
  defineActors,
  each,
  eventuallyAlways,
  inFlight,
  type NodeId,
} from "../src/index.js";

/**
 * A version of the cart. Version vectors: `vv`. Last-writer-wins: `ts`, the writer's clock,
 * and `by`, the writer (for ties).
 */
interface Version {
  cart: string[];
  vv?: number[];
  ts?: number;
  by?: NodeId;
}

type Msg = { type: "Replicate" } & Version;

interface Replica {
  /** The local user's next script step (= adds done: every step adds). */
  pc: number;
  /** The versions held, sorted (siblings, under version vectors; at most one under lww). */
  versions: Version[];
  /** lww: the latest real time this replica knows of (0 under version vectors). */
  now: number;
}

type State = ActorState<{ replica: Replica }, Msg>;

interface Params {
  readonly scripts: string;
  readonly conflict: string;
  readonly skew: number;
  readonly clock: string;
}

type Ctx = ActorContext<Msg, "replica", Params>;

export default defineActors({
  name: "multi-primary",
  summary:
    "Multi-primary replication of a cart: last-writer-wins (with clock skew) against version vectors with siblings.",
  messages: {} as Msg,
  params: {
    scripts: {
      default: "aa,aa",
      pattern: /^[aA]*(,[aA]*)+$/,
      doc: "one script per primary's user, comma-separated: a = add an item, A = add once the cart shows another primary's item",
    },
    conflict: {
      default: "versionVectors",
      values: ["versionVectors", "lww"],
      doc: "conflict resolution: siblings under version vectors, or last-writer-wins by timestamp",
    },
    skew: { default: 0, min: 0, max: 2, doc: "lww: ticks the last primary's clock runs behind" },
    clock: {
      default: "physical",
      values: ["physical", "hybrid"],
      doc: "lww: stamp with the local clock, or a hybrid logical clock (never below a held stamp + 1)",
    },
  },
  network: { order: "unordered" },
  nodes: {
    replica: {
      count: (p) => scriptsOf(p).length,
      prefix: "n",
      init: (): Replica => ({ pc: 0, versions: [], now: 0 }),
      durable: ["pc", "versions", "now"],
      onStart(s, ctx) {
        if (s.pc < scriptOf(ctx).length) ctx.setTimer("add");
      },
      onTimer: { add: (s, ctx) => userStep(s, ctx) },
      onMessage: {
        Replicate(s, m, ctx) {
          const { type: _, ...v } = m;
          receive(s, copyVersion(v), ctx.params);
        },
      },
    },
  },
  invariants: {
    /** Once the replicas agree, they show every acknowledged add. */
    noLostWrites: (s) => !converged(s) || missing(s).length === 0,
  },
  properties: {
    /** Eventually the replicas agree for good. */
    converges: eventuallyAlways((s: State) => converged(s)),
  },
  fairness: { weak: [each("deliver"), each("timer"), "restart"] },
  witnesses: {
    /** A replica keeps two concurrent versions side by side (version vectors only). */
    siblings: (s) => Object.values(s.nodes.replica).some((r) => r.versions.length > 1),
    /** A write saw another primary's write: its version follows writes of two primaries. */
    sawOtherPrimary: (s) =>
      Object.values(s.nodes.replica).some((r) => r.versions.some((v) => writers(v).size > 1)),
    /** Every user is done, and the replicas agree on a cart with every add. */
    convergedWithEveryAdd: (s, p) =>
      converged(s) &&
      missing(s).length === 0 &&
      scriptsOf(p).every((script, i) => s.nodes.replica[`n${i + 1}`]?.pc === script.length),
  },
  bugs: {
    lwwConcurrentWrites: {
      params: { conflict: "lww" },
      violates: "noLostWrites",
      doc: "Last-writer-wins: of two concurrent adds the replicas keep one; the other, acknowledged, is gone.",
    },
    lwwClockSkew: {
      params: { conflict: "lww", skew: 1, scripts: "a,A" },
      violates: "noLostWrites",
      doc: "n2's clock is a tick behind: its add, written after it saw n1's, loses to n1's and is gone.",
    },
  },
});

// --- scripts ---------------------------------------------------------------------------------

const scriptCache = new Map<string, readonly string[]>();

/** The users' scripts, one per primary, parsed once per `scripts` value. */
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

// --- versions --------------------------------------------------------------------------------

function copyVersion(v: Version): Version {
  const out: Version = { cart: [...v.cart] };
  if (v.vv !== undefined) out.vv = [...v.vv];
  if (v.ts !== undefined) out.ts = v.ts;
  if (v.by !== undefined) out.by = v.by;
  return out;
}

/** The cart a replica shows: the union of its versions' carts (the client's merge of siblings). */
function cartOf(r: Replica): string[] {
  return [...new Set(r.versions.flatMap((v) => v.cart))].sort();
}

/** The primaries whose adds a version holds. */
function writers(v: Version): Set<string> {
  return new Set(v.cart.map((item) => item.slice(0, item.indexOf("."))));
}

/** `a` ≤ `b` entrywise: everything `a` saw, `b` saw. */
function dominatedBy(a: readonly number[], b: readonly number[]): boolean {
  return a.every((x, i) => x <= (b[i] ?? 0));
}

/** Whether lww stamp `a` beats `b`: a later timestamp, or the same from a lower-numbered writer. */
function beats(a: Version, b: Version): boolean {
  if (a.ts! !== b.ts!) return a.ts! > b.ts!;
  return indexOf(a.by!) < indexOf(b.by!);
}

function sortVersions(vs: Version[]): void {
  vs.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Real time as the replica knows it, from an lww stamp: the writer's clock plus its skew. */
function realTime(v: Version, p: Params, replicas: number): number {
  return v.ts! + skewOf(v.by!, p, replicas);
}

/** The last primary's clock runs `skew` ticks behind; the others are exact. */
function skewOf(id: NodeId, p: Params, replicas: number): number {
  return indexOf(id) === replicas - 1 ? p.skew : 0;
}

function receive(s: Replica, v: Version, p: Params): void {
  if (p.conflict === "lww") {
    const replicas = scriptsOf(p).length;
    s.now = Math.max(s.now, realTime(v, p, replicas));
    const held = s.versions[0];
    if (held === undefined || beats(v, held)) s.versions = [v];
    return;
  }
  // Version vectors: keep every version no other version dominates.
  if (s.versions.some((h) => dominatedBy(v.vv!, h.vv!))) return; // seen already, or superseded
  s.versions = s.versions.filter((h) => !dominatedBy(h.vv!, v.vv!));
  s.versions.push(v);
  sortVersions(s.versions);
}

// --- the user's step: read the cart, add an item, write it back -------------------------------

function userStep(s: Replica, ctx: Ctx): void {
  const script = scriptOf(ctx);
  const cart = cartOf(s);
  if (script[s.pc] === "A" && !cart.some((item) => !item.startsWith(`${ctx.self}.`))) {
    ctx.setTimer("add"); // nothing from another primary yet: wait (a stutter)
    return;
  }
  s.pc++;
  const item = `${ctx.self}.${s.pc}`;
  const next: Version = { cart: [...cart, item].sort() };
  const p = ctx.params;
  if (p.conflict === "lww") {
    const replicas = scriptsOf(p).length;
    s.now++;
    next.ts = s.now - skewOf(ctx.self, p, replicas);
    const held = s.versions[0];
    if (p.clock === "hybrid" && held !== undefined) next.ts = Math.max(next.ts, held.ts! + 1);
    next.by = ctx.self;
    // Applied like any other version: if the held one beats it, the write is discarded here.
    if (held === undefined || beats(next, held)) s.versions = [next];
  } else {
    // It saw every version held here, so it supersedes them all.
    const vv = Array.from({ length: scriptsOf(p).length }, (_, o) =>
      Math.max(0, ...s.versions.map((v) => v.vv![o]!)),
    );
    vv[indexOf(ctx.self)]!++;
    next.vv = vv;
    s.versions = [next];
  }
  ctx.broadcast({ type: "Replicate", ...copyVersion(next) });
  if (s.pc < script.length) ctx.setTimer("add");
}

// --- properties ------------------------------------------------------------------------------

/** Nothing in flight, and every replica holds the same versions. */
function converged(s: State): boolean {
  if (inFlight(s).length > 0) return false;
  const texts = Object.values(s.nodes.replica).map((r) => JSON.stringify(r.versions));
  return texts.every((t) => t === texts[0]);
}

/** Acknowledged adds (every add is acknowledged at once) missing from some replica's cart. */
function missing(s: State): string[] {
  const out: string[] = [];
  const replicas = Object.entries(s.nodes.replica);
  for (const [id, r] of replicas)
    for (let k = 1; k <= r.pc; k++) {
      const item = `${id}.${k}`;
      if (replicas.some(([, other]) => !cartOf(other).includes(item))) out.push(item);
    }
  return out;
}
