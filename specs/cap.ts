/**
 * CAP: a replicated register under a network partition (docs/protocols/cap.md).
 *
 * Modelled. Replicas n1..nN each hold a copy of one register, initially 0. A writer w1 writes
 * 1, 2, ... (`writeOps`) through n1; a reader r1 reads (`readOps`, back to back, starting at
 * any moment: a timer) through the last replica nN. The replica a client talks to coordinates
 * its request with a majority, counting itself:
 * - a write: the replica applies the value, sends it to the other replicas (`Replicate`) and
 *   waits for floor(N/2) of them to acknowledge (`Ack`); then it answers `WriteOk`;
 * - a read: the replica asks the others (`Query`) and waits for floor(N/2) answers
 *   (`Current`); it answers the newest value among them and its own, and keeps that value
 *   itself, so the reader (who always reads there) never sees the register go back.
 * A majority of the replicas meets every other majority, so a read started after a write
 * completed sees it: this is linearizable. The network may partition once (and heal).
 *
 * The one choice CAP is about is what a replica does when it cannot reach a majority. It
 * arms a `timeout` with every request; when the timeout fires before the majority answered:
 * - `mode=cp`: it refuses (`Unavailable`). The writer records its write as unknown (`info`:
 *   the value may already be on some replica, and spreads when the partition heals); the
 *   reader records a failed read.
 * - `mode=ap`: it answers on its own: the write is done (it has the value), the read returns
 *   the newest value it has seen.
 *
 * Properties.
 * - `linearizable` (invariant): the client history is linearizable for a register initially 0
 *   (Specter's checkLinearizable with registerModel).
 * - `available` (action invariant): no replica answers a request with a refusal — under
 *   `availability=total`, CAP's availability: every request received by a non-failing node
 *   gets a (useful) response; under `availability=majority`, the default, what a CP system
 *   promises instead: a replica refuses only while it is cut off from a majority.
 * - `everyRequestAnswered` (liveness, under weak fairness of each delivery and of timers;
 *   partitions may last forever): every client gets an answer to every request. In both
 *   modes the timeout guarantees an answer; what differs is whether it is a useful one. So
 *   availability splits in two: the answer comes (liveness, holds in both modes), and it is
 *   not a refusal (`available`, a safety property: a refusal is a finite event with a short
 *   counterexample, which random search finds too — it does not check liveness).
 *
 * Abstracted, and why.
 * - Timeouts are accurate by default (`timeouts=partition`): a replica's timeout fires only
 *   while it is cut off from a majority. That is the network CAP reasons about — messages are
 *   delivered, except across a partition — and it keeps each counterexample about the
 *   partition. Real timeouts cannot tell a partition from a slow network: `-p timeouts=any`
 *   lets them fire at any moment, and then cp refuses and ap loses linearizability with no
 *   partition at all (pinned in the test; the PACELC point).
 * - Clients stay on their replica's side of a partition (the layer's other cuts are left
 *   out): a client cut off from every replica cannot send a request, and CAP's availability
 *   is about requests a replica receives.
 * - One writer writing increasing values, so a value is also its version and "newest" is
 *   "largest". The register is the whole store; there are no keys.
 * - No crashes by default: to the other side, a replica cut off by the partition is a crashed
 *   replica, and CAP's availability asks only non-failing nodes to answer. `-p maxCrashes=1`
 *   adds them: the value is durable, the request being coordinated is not, and a replica
 *   counts only the replicas that are up when it decides whether it is cut off.
 * - A refused or late request is not retried: one client request, one answer.
 * - Answers the coordinator will ignore (an Ack or Current after its majority, or for a
 *   request it no longer coordinates) are removed from the network as soon as they are dead:
 *   see `canonical` below (15,466 states instead of 92,003 at the defaults).
 *
 * Bounds and defaults: 3 replicas, 1 write, 2 reads, 1 partition (it may heal), mode=cp,
 * availability=majority, timeouts=partition. This holds (15,466 distinct states, pinned in
 * test/specs/cap.test.ts).
 *
 * Bugs — each mode's side of the trade-off, under CAP's own availability (`total`):
 * - `cpUnavailable` (mode=cp, availability=total): a replica cut off from the majority
 *   refuses its client's request (breaks `available`); `linearizable` holds.
 * - `apInconsistent` (mode=ap, availability=total): the cut-off replica answers alone, and a
 *   read that starts after a write completed on the other side returns the old value (breaks
 *   `linearizable`, 9 steps); `available` holds.
 * The first is 3 steps: the write reaches n1, the partition cuts n1 off, n1's timeout fires.
 */

import {
  type ActorContext,
  type ActorState,
  defineActors,
  defineSpec,
  each,
  eventually,
  inFlight,
  isCrashed,
  linearizableHistory,
  type NodeId,
  parseEnvelope,
  parseMessage,
  registerModel,
  type TimerRef,
} from "../src/index.js";

type Msg =
  | { type: "Write"; value: number }
  | { type: "Read"; op: number }
  | { type: "WriteOk"; value: number; alone?: true }
  | { type: "ReadOk"; op: number; value: number; alone?: true }
  | { type: "Unavailable"; op: number }
  | { type: "Replicate"; value: number }
  | { type: "Ack"; value: number }
  | { type: "Query"; op: number }
  | { type: "Current"; op: number; value: number };

/** The request a replica is coordinating. */
interface Request {
  readonly f: "write" | "read";
  /** The client that sent it. */
  readonly client: NodeId;
  /** The write's value, or the read's number. */
  readonly op: number;
  /** Replicas that answered, sorted. */
  heard: NodeId[];
  /** Reads: the newest value seen so far (the replica's own included). */
  best: number;
}

interface Replica {
  value: number;
  /** The request being coordinated, or null. */
  request: Request | null;
}

interface Client {
  /** The operation in progress, numbered from 1 (the write's value); past the last: done. */
  op: number;
}

type Nodes = { replica: Replica; writer: Client; reader: Client };
export type CapState = ActorState<Nodes, Msg>;

interface Params {
  readonly mode: string;
  readonly availability: string;
  readonly timeouts: string;
  readonly replicas: number;
  readonly writeOps: number;
  readonly readOps: number;
}

type Ctx = ActorContext<Msg, keyof Nodes, Params>;

const WRITER = "w1";
const READER = "r1";

/** The replica each client talks to: the writer n1, the reader the last one. */
function home(client: NodeId, replicas: number): NodeId {
  return client === WRITER ? "n1" : `n${replicas}`;
}

/** Answers a coordinating replica waits for besides its own: with itself, a majority. */
function needed(p: Params): number {
  return Math.floor(p.replicas / 2);
}

// ---- properties -------------------------------------------------------------------------------

/** Linearizability of the clients' history for one register, initially 0 (memoised per history). */
const linearizable = linearizableHistory(registerModel({ initial: 0 }));

/** The replicas `id` can reach: those up and on its side of the partition (itself included). */
function reachable(s: CapState, id: NodeId): NodeId[] {
  const cut = s.partition;
  const inCut = cut?.includes(id) ?? false;
  return Object.keys(s.nodes.replica).filter(
    (r) => r === id || (!isCrashed(s, r) && (cut?.includes(r) ?? false) === inCut),
  );
}

/**
 * Whether replica `id` is cut off from a majority of the replicas: by the partition, or (with
 * `maxCrashes`) because replicas on its side are down, which to it looks the same.
 */
export function cutOff(s: CapState, id: NodeId): boolean {
  return reachable(s, id).length <= Object.keys(s.nodes.replica).length / 2;
}

/** Refusals in flight from replica `id` (copies counted). */
function refusals(s: CapState, id: NodeId): number {
  let n = 0;
  for (const m of inFlight(s)) if (m.from === id && m.msg.type === "Unavailable") n += m.copies;
  return n;
}

/** The latest acknowledged write (values increase, so the largest), or 0. */
function latestAcked(s: CapState): number {
  let acked = 0;
  for (const e of s.history ?? [])
    if (e.type === "ok" && e.f === "write" && typeof e.value === "number" && e.value > acked) acked = e.value;
  return acked;
}

// ---- replicas -------------------------------------------------------------------------------

function start(r: Replica, ctx: Ctx & { from: NodeId }, f: "write" | "read", op: number): void {
  r.request = { f, client: ctx.from, op, heard: [], best: r.value };
  if (f === "write") ctx.broadcast({ type: "Replicate", value: op }, "replica");
  else ctx.broadcast({ type: "Query", op }, "replica");
  ctx.setTimer("timeout");
}

/**
 * Answers the client with what the replica has: the write is done, the read returns `best`.
 * An answer given without a majority (ap, on a timeout) says so: `alone`.
 */
function answer(r: Replica, ctx: Ctx, alone: boolean): void {
  const req = r.request!;
  const flag = alone ? { alone: true as const } : {};
  if (req.f === "write") ctx.send(req.client, { type: "WriteOk", value: req.op, ...flag });
  else {
    r.value = Math.max(r.value, req.best);
    ctx.send(req.client, { type: "ReadOk", op: req.op, value: r.value, ...flag });
  }
  r.request = null;
  ctx.cancelTimer("timeout");
}

/** An answer from another replica to the request being coordinated. */
function heard(
  r: Replica,
  ctx: Ctx & { from: NodeId },
  f: "write" | "read",
  op: number,
  value: number,
): void {
  const req = r.request;
  if (!req || req.f !== f || req.op !== op || req.heard.includes(ctx.from)) return; // late or stale
  req.heard.push(ctx.from);
  req.heard.sort();
  req.best = Math.max(req.best, value);
  if (req.heard.length >= needed(ctx.params)) answer(r, ctx, false);
}

// ---- clients --------------------------------------------------------------------------------

function issueWrite(c: Client, ctx: Ctx): void {
  if (c.op > ctx.params.writeOps) return;
  ctx.invoke({ f: "write", value: c.op });
  ctx.send(home(WRITER, ctx.params.replicas), { type: "Write", value: c.op });
}

function issueRead(c: Client, ctx: Ctx): void {
  if (c.op > ctx.params.readOps) return;
  ctx.invoke({ f: "read" });
  ctx.send(home(READER, ctx.params.replicas), { type: "Read", op: c.op });
}

const protocol = defineActors({
  name: "cap",
  summary:
    "A replicated register under a network partition: majority quorums refuse on the minority side (cp) or answer alone (ap).",
  messages: {} as Msg,
  params: {
    mode: {
      default: "cp",
      values: ["cp", "ap"],
      doc: "what a replica cut off from a majority does when its timeout fires: refuse, or answer alone",
    },
    availability: {
      default: "majority",
      values: ["majority", "total"],
      doc: "what `available` demands: no refusal by a replica that can reach a majority, or none at all (CAP's)",
    },
    timeouts: {
      default: "partition",
      values: ["partition", "any"],
      doc: "a replica's timeout fires only while it is cut off from a majority, or at any moment (a slow network)",
    },
    replicas: { default: 3, min: 2, max: 5, doc: "replicas; the writer uses n1, the reader the last one" },
    writeOps: { default: 1, min: 0, max: 3, doc: "writes by w1, of the values 1, 2, ..." },
    readOps: { default: 2, min: 0, max: 3, doc: "reads by r1, back to back from a moment of its choosing" },
  },
  faults: { maxPartitions: 1 },
  history: true,
  nodes: {
    replica: {
      count: (p) => p.replicas,
      prefix: "n",
      init: (): Replica => ({ value: 0, request: null }),
      durable: ["value"],
      onMessage: {
        Write(r, m, ctx) {
          r.value = Math.max(r.value, m.value);
          start(r, ctx, "write", m.value);
          if (needed(ctx.params) === 0) answer(r, ctx, false);
        },
        Read(r, m, ctx) {
          start(r, ctx, "read", m.op);
          if (needed(ctx.params) === 0) answer(r, ctx, false);
        },
        Replicate(r, m, ctx) {
          r.value = Math.max(r.value, m.value);
          ctx.send(ctx.from, { type: "Ack", value: m.value });
        },
        Ack: (r, m, ctx) => heard(r, ctx, "write", m.value, m.value),
        Query(r, m, ctx) {
          ctx.send(ctx.from, { type: "Current", op: m.op, value: r.value });
        },
        Current: (r, m, ctx) => heard(r, ctx, "read", m.op, m.value),
      },
      onTimer: {
        /** No majority answered in time: refuse (cp) or answer alone (ap). */
        timeout(r, ctx) {
          const req = r.request;
          if (!req) return;
          if (ctx.params.mode === "ap") return answer(r, ctx, true);
          ctx.send(req.client, { type: "Unavailable", op: req.op });
          r.request = null;
        },
      },
    },
    writer: {
      count: 1,
      prefix: "w",
      crashable: false,
      init: (): Client => ({ op: 1 }),
      onStart: issueWrite,
      onMessage: {
        WriteOk(c, m, ctx) {
          if (m.value !== c.op) return;
          ctx.complete("ok", { value: m.value });
          c.op++;
          issueWrite(c, ctx);
        },
        /** Refused: the value may be on some replica already, and spread later. Unknown. */
        Unavailable(c, m, ctx) {
          if (m.op !== c.op) return;
          ctx.complete("info");
          c.op++;
          issueWrite(c, ctx);
        },
      },
    },
    reader: {
      count: 1,
      prefix: "r",
      crashable: false,
      init: (): Client => ({ op: 1 }),
      onStart(_c, ctx) {
        if (ctx.params.readOps > 0) ctx.setTimer("begin");
      },
      onTimer: { begin: issueRead },
      onMessage: {
        ReadOk(c, m, ctx) {
          if (m.op !== c.op) return;
          ctx.complete("ok", { value: m.value });
          c.op++;
          issueRead(c, ctx);
        },
        /** Refused: nothing was read. */
        Unavailable(c, m, ctx) {
          if (m.op !== c.op) return;
          ctx.complete("fail");
          c.op++;
          issueRead(c, ctx);
        },
      },
    },
  },
  invariants: {
    /** The client history is linearizable (a register, initially 0). */
    linearizable: (s) => linearizable(s.history ?? []),
  },
  actionInvariants: {
    /** No replica refuses a request — except, under availability=majority, when cut off from a majority. */
    available: (before, after, step, p) => {
      if (step.action !== "timer" || step.arg.timer !== "timeout") return true;
      const id = step.arg.node;
      if (refusals(after, id) <= refusals(before, id)) return true;
      return p.availability === "majority" && cutOff(before, id);
    },
  },
  properties: {
    /** Every client gets an answer to each of its requests: the writer and the reader finish. */
    everyRequestAnswered: eventually(
      (s: CapState, p: Params) =>
        s.nodes.writer[WRITER]!.op > p.writeOps && s.nodes.reader[READER]!.op > p.readOps,
    ),
  },
  // Every message is eventually delivered unless a partition holds it, and an armed timer
  // eventually fires; the partition need not heal (CAP asks for answers during it).
  fairness: { weak: [each("deliver"), "timer"] },
  witnesses: {
    /** A replica that could not reach a majority answered its client: refused (cp) or alone (ap). */
    timedOutAnswer: (s) =>
      inFlight(s).some(
        (m) =>
          m.msg.type === "Unavailable" ||
          ((m.msg.type === "WriteOk" || m.msg.type === "ReadOk") && m.msg.alone),
      ),
    /** During a partition, a replica cut off from the majority lacks an acknowledged write. */
    cutOffReplicaStale: (s) => {
      const acked = latestAcked(s);
      if (!s.partition || acked === 0) return false;
      return Object.entries(s.nodes.replica).some(([id, r]) => cutOff(s, id) && r.value < acked);
    },
    /** The reader read the written value. */
    readSeesWrite: (s, p) =>
      (s.history ?? []).some((e) => e.type === "ok" && e.f === "read" && e.value === p.writeOps),
    /** After the partition healed, every replica holds the last write. */
    healedAndConverged: (s, p) =>
      s.faults?.partitions === 1 &&
      !s.partition &&
      Object.values(s.nodes.replica).every((r) => r.value === p.writeOps),
  },
  bugs: {
    cpUnavailable: {
      params: { availability: "total" },
      violates: "available",
      doc: "CP under CAP's availability: a replica cut off from the majority refuses its client.",
    },
    apInconsistent: {
      params: { mode: "ap", availability: "total" },
      violates: "linearizable",
      doc: "AP: the cut-off replica answers alone, and a read after a completed write returns the old value.",
    },
  },
});

// ---- what the actor layer has no option for: two restrictions and a canonical form ------------

type Action = (typeof protocol.definition.actions)[string];
const actions = protocol.definition.actions;

/** Clients stay on their replica's side: only cuts that keep each client with it. */
function keepClientsHome(action: Action): Action {
  return {
    ...action,
    over: (s, params) => {
      const p = params as unknown as Params;
      const groups = action.over!(s, params) as readonly (readonly NodeId[])[];
      return groups.filter((g) =>
        [WRITER, READER].every((c) => g.includes(c) === g.includes(home(c, p.replicas))),
      );
    },
  };
}

/** With timeouts=partition, a replica's timeout fires only while it is cut off from a majority. */
function accurateTimeouts(action: Action): Action {
  return {
    ...action,
    over: (s, params) => {
      const timers = action.over!(s, params) as readonly TimerRef[];
      if ((params as unknown as Params).timeouts === "any") return timers;
      return timers.filter((t) => t.timer !== "timeout" || cutOff(s as CapState, t.node));
    },
  };
}

/**
 * Whether the coordinator will ignore this answer now and forever: an Ack or Current for a
 * request it no longer coordinates (writes and reads are numbered upwards, so that request
 * never comes back), or from a replica it already heard.
 */
function isDead(s: CapState, to: NodeId, from: NodeId, msg: Msg): boolean {
  if (msg.type !== "Ack" && msg.type !== "Current") return false;
  const req = s.nodes.replica[to]?.request;
  const f = msg.type === "Ack" ? "write" : "read";
  const op = msg.type === "Ack" ? msg.value : msg.op;
  return !req || req.f !== f || req.op !== op || req.heard.includes(from);
}

type Net = Map<string, number | string[]>;

/** Removes dead answers from the network (a bag entry with all its copies; a queue entry). */
function collectDead(s: CapState): void {
  const net = s.net as Net;
  for (const [key, v] of [...net]) {
    if (typeof v === "number") {
      const env = parseEnvelope(key);
      if (isDead(s, env.to, env.from, env.msg as Msg)) net.delete(key);
      continue;
    }
    const [from, to] = key.split("->") as [NodeId, NodeId];
    const live = v.filter((text) => !isDead(s, to, from, parseMessage(text) as Msg));
    if (live.length === v.length) continue;
    if (live.length === 0) net.delete(key);
    else net.set(key, live);
  }
}

/**
 * An action followed by the canonical form: dead answers are removed from the network. Their
 * delivery could only remove them (the handler ignores them) and no property reads them, so
 * the states merged have the same futures and every verdict is kept.
 */
function canonical(action: Action): Action {
  return {
    ...action,
    do: (d, arg, params) => {
      action.do(d, arg, params);
      collectDead(d as unknown as CapState);
    },
  };
}

/** The actions with the two restrictions above. */
const restricted = {
  ...actions,
  partition: keepClientsHome(actions.partition!),
  timer: accurateTimeouts(actions.timer!),
};

/** The protocol with the restrictions but without the canonical form, for the test that compares the two. */
export const unreduced = defineSpec({ ...protocol.definition, actions: restricted });

/**
 * The spec: the actor protocol with the partition and timer actions restricted as above, and
 * every step followed by the canonical form.
 */
export default defineSpec({
  ...protocol.definition,
  actions: Object.fromEntries(Object.entries(restricted).map(([name, action]) => [name, canonical(action)])),
});
