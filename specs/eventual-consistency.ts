/**
 * Eventual consistency by anti-entropy gossip (Demers, Greene, Hauser, Irish, Larson, Shenker,
 * Sturgis, Swinehart & Terry, "Epidemic algorithms for replicated database maintenance", PODC
 * 1987; the state-based replication of CRDTs, Shapiro, Preguiça, Baquero & Zawirski 2011).
 * docs/protocols/eventual-consistency.md tells the story.
 *
 * Modelled. A set of "likes" is replicated on `replicas` replicas n1, n2, .... Clients c1, c2,
 * ... each run a script of adds and reads (param `scripts`). Each operation goes to one replica,
 * which answers at once from its own copy: an always-available store, where no replica waits
 * for another. A load balancer without sticky sessions deals the operations out round-robin, in
 * script order: at the defaults ("ar,a") c1 adds at n1 and reads at n2, and c2 adds at n3.
 * Replicas spread what they hold by gossip (`gossip` param):
 * - `periodic` (anti-entropy, the default): every replica has a gossip timer that fires again
 *   and again, each time pushing its whole state to every peer (`Sync`); a receiver merges.
 * - `onUpdate` ("direct mail"): a replica pushes its state to its peers once, when it accepts
 *   an add, and never again.
 * The merge (`merge` param) is set union (`union`, the default: a grow-only set, the simplest
 * CRDT; union is commutative, associative and idempotent, so states may arrive in any order,
 * any number of times) or `largerWins` (below).
 *
 * The network is the actor layer's duplicating bag: a message, once sent, may be delivered any
 * number of times, in any order, any time later. That is how periodic gossip looks from the
 * receiver's side (the same or an older state may arrive again at any time), and it keeps the
 * state space finite although the gossip timer never stops: re-sending a message already in
 * flight changes nothing. Client requests may be redelivered too: adds are idempotent, a
 * replica answers each read request once (it keeps the ids it answered, as servers dedupe
 * retries), and a client ignores replies to operations it has finished. `-p maxDrops=k` lets
 * the network lose k messages (a lost message is gone until someone sends it again).
 *
 * Properties.
 * - `converges` (liveness, ◇□): eventually every replica holds every acknowledged add and every
 *   add any replica holds (so all replicas are equal), and stays so. Under weak fairness of
 *   every delivery (`each("deliver")`), every timer (`each("timer")`: gossip happens) and of
 *   restarts (a crashed replica comes back). With
 *   periodic gossip it holds even when a bounded number of messages is lost (`maxDrops`): a
 *   lost push is sent again. With unbounded losses (`-p lossy=true`) it fails: the network may
 *   lose every push.
 * - What a reader may see before that, as witnesses (reachable states, which eventual
 *   consistency allows): `staleRead` — a read misses another client's add, acknowledged before
 *   the read began; `readYourWritesViolated` — a read misses its own client's earlier add (the
 *   history fails the read-your-writes session guarantee, by `checkSessionGuarantees`);
 *   `convergedAfterAll` — every client is done and every replica holds every add.
 *
 * Abstracted, and why: the contents of the likes (ids: `c1.1` is c1's first add, so the history
 * is differentiated, as the checker needs); timing (a timer may fire at any moment); the choice
 * of gossip partner (a push goes to every peer: with a network that may delay any message,
 * pushes to one random peer at a time reach the same states, only in more steps); digests and
 * deltas (Merkle trees, version-vector digests, delta-CRDTs optimise what is sent, not what is
 * merged); removals (a grow-only set needs no tombstones). No crashes by default: replicas keep
 * their state on disk, so a crash (`-p maxCrashes=1`) only pauses one.
 *
 * Bounds (defaults): 3 replicas; scripts "ar,a" (c1 adds a like and reads, c2 adds one);
 * periodic gossip, union merge, no losses: 4,555 distinct states. With three replicas the two
 * adds land on different replicas (concurrent updates to merge) and c1 reads at a third, which
 * may have neither: a stale read and a read-your-writes violation at once. "ar,ar" (c2 reads
 * too, at n1) has 22,913 states.
 *
 * Bugs, each breaking `converges`:
 * - `noAntiEntropy` (gossip=onUpdate, maxDrops=1): direct mail without anti-entropy. One lost
 *   push and the replica it was for never hears of the add: the run reaches a state where
 *   nothing can change any more, and the replicas differ. Without losses direct mail converges
 *   (pinned in the test); with losses, something must send again.
 * - `nonCommutativeMerge` (merge=largerWins): a replica adopts a received state only if it holds
 *   more likes than its own (a single version number standing in for a version vector), and
 *   keeps its own on a tie; so merge(a, b) = a but merge(b, a) = b. After two concurrent adds at
 *   two replicas, one like each, every replica keeps what it has forever: gossip goes on, and
 *   changes nothing.
 */

import {
  type ActorContext,
  type ActorHistoryEvent,
  type ActorState,
  checkSessionGuarantees,
  defineActors,
  each,
  eventuallyAlways,
  historyFromEvents,
  type NodeId,
} from "../src/index.js";

type Msg =
  | { type: "Add"; op: number; item: string }
  | { type: "AddOk"; op: number }
  | { type: "Read"; op: number }
  | { type: "ReadOk"; op: number; items: string[] }
  /** Gossip: the sender's whole state. */
  | { type: "Sync"; items: string[] };

interface Replica {
  /** The likes this replica holds, sorted (a grow-only set). */
  items: string[];
  /** Reads answered, as "client:op", sorted: a redelivered request is not answered again. */
  answered: string[];
}

interface Client {
  /** Operations completed (the open one is `pc + 1`, numbered from 1). */
  pc: number;
}

type State = ActorState<{ replica: Replica; client: Client }, Msg>;

interface Params {
  readonly replicas: number;
  readonly scripts: string;
  readonly gossip: string;
  readonly merge: string;
}

type Ctx = ActorContext<Msg, "replica" | "client", Params>;

export default defineActors({
  name: "eventual-consistency",
  summary:
    "Anti-entropy gossip of a grow-only set: replicas converge once updates stop; reads may be stale before.",
  messages: {} as Msg,
  params: {
    replicas: { default: 3, min: 2, max: 4, doc: "replicas; each answers reads and accepts adds" },
    scripts: {
      default: "ar,a",
      pattern: /^[ar]+(,[ar]+)*$/,
      doc: "one script per client, comma-separated: a = add a like, r = read the likes",
    },
    gossip: {
      default: "periodic",
      values: ["periodic", "onUpdate"],
      doc: "push the state to every peer again and again (anti-entropy), or once after each add (direct mail)",
    },
    merge: {
      default: "union",
      values: ["union", "largerWins"],
      doc: "merge a received state by set union, or adopt it if it holds more likes (own on a tie)",
    },
  },
  network: { order: "unordered", duplicating: true },
  history: true,
  nodes: {
    replica: {
      count: (p) => p.replicas,
      prefix: "n",
      init: (): Replica => ({ items: [], answered: [] }),
      durable: ["items", "answered"],
      onStart(_s, ctx) {
        if (ctx.params.gossip === "periodic") ctx.setTimer("gossip");
      },
      onTimer: {
        gossip(s, ctx) {
          if (s.items.length > 0) ctx.broadcast({ type: "Sync", items: [...s.items] }, "replica");
          ctx.setTimer("gossip");
        },
      },
      onMessage: {
        Add(s, m, ctx) {
          if (!s.items.includes(m.item)) {
            s.items.push(m.item);
            s.items.sort();
            if (ctx.params.gossip === "onUpdate")
              ctx.broadcast({ type: "Sync", items: [...s.items] }, "replica");
          }
          ctx.send(ctx.from, { type: "AddOk", op: m.op });
        },
        Read(s, m, ctx) {
          const key = `${ctx.from}:${m.op}`;
          if (s.answered.includes(key)) return;
          s.answered.push(key);
          s.answered.sort();
          ctx.send(ctx.from, { type: "ReadOk", op: m.op, items: [...s.items] });
        },
        Sync(s, m, ctx) {
          if (ctx.params.merge === "largerWins") {
            if (m.items.length > s.items.length) s.items = [...m.items];
            return;
          }
          for (const item of m.items) if (!s.items.includes(item)) s.items.push(item);
          s.items.sort();
        },
      },
    },
    client: {
      count: (p) => scriptsOf(p).length,
      prefix: "c",
      crashable: false,
      init: (): Client => ({ pc: 0 }),
      onStart: (s, ctx) => begin(s, ctx),
      onMessage: {
        AddOk(s, m, ctx) {
          if (m.op !== s.pc + 1) return; // a redelivered reply to a finished operation
          ctx.complete("ok");
          s.pc++;
          begin(s, ctx);
        },
        ReadOk(s, m, ctx) {
          if (m.op !== s.pc + 1) return;
          ctx.complete("ok", { value: [...m.items] });
          s.pc++;
          begin(s, ctx);
        },
      },
    },
  },
  properties: {
    /** Eventually every replica holds every add there is, and they stay equal. */
    converges: eventuallyAlways((s: State) => converged(s)),
  },
  fairness: { weak: [each("deliver"), each("timer"), "restart"] },
  witnesses: {
    /** A read misses another client's add, acknowledged before the read began. */
    staleRead,
    /** A client's read misses the client's own earlier add (read-your-writes fails). */
    readYourWritesViolated: (s) => !readYourWrites(s),
    /** Every client is done, and the replicas have converged. */
    convergedAfterAll: (s, p) =>
      converged(s) && scriptsOf(p).every((script, i) => s.nodes.client[`c${i + 1}`]?.pc === script.length),
  },
  bugs: {
    noAntiEntropy: {
      params: { gossip: "onUpdate", maxDrops: 1 },
      violates: "converges",
      doc: "Direct mail without anti-entropy: a lost push is never repaired, and one replica never hears of an add.",
    },
    nonCommutativeMerge: {
      params: { merge: "largerWins" },
      violates: "converges",
      doc: "A replica adopts a received state only if it is larger, its own on a tie: two concurrent adds never meet.",
    },
  },
});

// --- scripts and routing -----------------------------------------------------------------------

const scriptCache = new Map<string, readonly string[]>();

/** The clients' scripts, parsed once per `scripts` value. */
function scriptsOf(p: { readonly scripts: string }): readonly string[] {
  let out = scriptCache.get(p.scripts);
  if (out === undefined) {
    out = p.scripts.split(","); // the param's pattern has validated it
    scriptCache.set(p.scripts, out);
  }
  return out;
}

/** Client c1 is index 0. */
function indexOf(id: NodeId): number {
  return Number(id.slice(1)) - 1;
}

/** The like added by operation `pc` of a script: `c1.2` is client c1's second add. */
function itemOf(client: NodeId, script: string, pc: number): string {
  let n = 0;
  for (let i = 0; i <= pc; i++) if (script[i] === "a") n++;
  return `${client}.${n}`;
}

/** The operations of the scripts before client `i`'s: where the round-robin deal of its operations starts. */
function opsBefore(p: { readonly scripts: string }, i: number): number {
  return scriptsOf(p)
    .slice(0, i)
    .reduce((n, script) => n + script.length, 0);
}

/** Invokes the client's next operation, if any, at the next replica round-robin. */
function begin(s: Client, ctx: Ctx): void {
  const script = scriptsOf(ctx.params)[indexOf(ctx.self)] ?? "";
  if (s.pc >= script.length) return;
  const replicas = ctx.nodes.byKind.replica;
  const to = replicas[(opsBefore(ctx.params, indexOf(ctx.self)) + s.pc) % replicas.length]!;
  const op = s.pc + 1;
  if (script[s.pc] === "a") {
    const item = itemOf(ctx.self, script, s.pc);
    ctx.invoke({ f: "add", value: item });
    ctx.send(to, { type: "Add", op, item });
  } else {
    ctx.invoke({ f: "read" });
    ctx.send(to, { type: "Read", op });
  }
}

// --- properties ------------------------------------------------------------------------------

const NO_HISTORY: readonly ActorHistoryEvent[] = [];

const ackedCache = new WeakMap<readonly ActorHistoryEvent[], readonly string[]>();

/** Adds acknowledged so far (ok completions of adds; cached per history array). */
function acknowledged(events: readonly ActorHistoryEvent[]): readonly string[] {
  let out = ackedCache.get(events);
  if (out === undefined) {
    const open = new Map<string, unknown>();
    const list: string[] = [];
    for (const e of events) {
      if (e.type === "invoke") open.set(e.process, e.value);
      else if (e.type === "ok" && e.f === "add") list.push(String(open.get(e.process)));
    }
    out = list;
    ackedCache.set(events, out);
  }
  return out;
}

/** Every replica holds every add there is: acknowledged, or held somewhere (each holds a subset). */
function converged(s: State): boolean {
  const replicas = Object.values(s.nodes.replica);
  const all = new Set(acknowledged(s.history ?? NO_HISTORY));
  for (const r of replicas) for (const item of r.items) all.add(item);
  return replicas.every((r) => r.items.length === all.size);
}

const staleCache = new WeakMap<readonly ActorHistoryEvent[], boolean>();

/**
 * Whether some completed read misses an add by another client that was acknowledged before the
 * read was invoked (cached per history array: immer shares it between states that did not
 * touch it).
 */
function staleRead(s: State): boolean {
  const events = s.history ?? NO_HISTORY;
  let out = staleCache.get(events);
  if (out === undefined) {
    out = false;
    const acked: { process: string; item: string }[] = [];
    const open = new Map<string, { value: unknown; ackedBefore: number }>();
    for (const e of events) {
      if (e.type === "invoke") open.set(e.process, { value: e.value, ackedBefore: acked.length });
      else if (e.type === "ok") {
        const o = open.get(e.process);
        if (e.f === "add") acked.push({ process: e.process, item: String(o?.value) });
        else {
          const seen = new Set(e.value as string[]);
          const before = acked.slice(0, o?.ackedBefore ?? 0);
          if (before.some((a) => a.process !== e.process && !seen.has(a.item))) out = true;
        }
      }
    }
    staleCache.set(events, out);
  }
  return out;
}

const rywCache = new WeakMap<readonly ActorHistoryEvent[], boolean>();

function readYourWrites(s: State): boolean {
  const events = s.history ?? NO_HISTORY;
  let ok = rywCache.get(events);
  if (ok === undefined) {
    ok = checkSessionGuarantees(historyFromEvents(events), { guarantees: ["RYW"], datatype: "grow-set" }).ok;
    rywCache.set(events, ok);
  }
  return ok;
}
