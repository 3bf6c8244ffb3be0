/**
 * Quorum replication, Dynamo/Cassandra style: N replicas, reads from R, writes to W, versions
 * and read repair (docs/protocols/quorum-replication.md).
 *
 * Modelled. Replicas n1..nN (`replicas`) each store a copy of one register, initially 0, with
 * its version. There is no leader: a client sends every request to all N replicas and counts
 * answers, as a Dynamo coordinator does.
 * - A writer w1 writes 1, 2, ... (`writeOps`). The k-th write carries the version k (one
 *   writer, so its counter orders the writes: Cassandra's timestamps and Dynamo's vector
 *   clocks reduce to it) and writes the value k, so a value is its own version. A replica
 *   keeps the newer of what it has and what it receives, and answers `Written`; the write
 *   is done once `w` replicas have answered.
 * - A reader r1 reads `readOps` times, back to back, starting at a moment of its choosing (a
 *   timer). A read asks every replica (`Read`), takes the first `r` answers (`Value`) and
 *   returns the newest version among them. With `readRepair=blocking` (the default) it first
 *   makes sure that version is on a write quorum: if fewer than `w` of the answers had it, it
 *   sends it (`Repair`) to every replica that did not show it, and returns once `w` replicas
 *   hold it (ABD's write-back phase; Cassandra's blocking read repair, which repairs the
 *   replicas it read from, is the same when r >= w, as here). `async` sends the repairs and
 *   returns at once (Dynamo's and Riak's read repair); `off` sends none.
 *
 * Properties (over the client history).
 * - `readsLatestCompletedWrite`: a read returns the latest write that completed before the
 *   read started, or a newer one. This is what r + w > N buys: every read quorum meets every
 *   write quorum.
 * - `linearizable`: the history is linearizable for a register initially 0 (Specter's
 *   checkLinearizable with registerModel). This also rules out "new, then old": once a read
 *   has returned a write, no later read may return an older one, even while the write is
 *   still in progress. Quorum intersection alone does not give this; blocking read repair does.
 *
 * Abstracted, and why.
 * - Clients coordinate their own requests (Dynamo's client-side coordination, or a
 *   coordinator co-located with the client): a separate coordinator adds a hop and no new
 *   behaviour for these properties.
 * - One key, one writer. Concurrent writers need a way to order their writes (last-writer-wins
 *   timestamps, vector clocks with siblings), each with its own anomalies; here a version is
 *   the writer's counter.
 * - No sloppy quorums, hinted handoff or anti-entropy: replicas catch up through the writes
 *   still in flight and through read repair. No failures by default: to a client, a crashed or
 *   partitioned replica is one that has not answered yet, and the network may delay any
 *   message arbitrarily. `-p maxCrashes=1` and `-p maxPartitions=1` add them (replicas keep
 *   their data on disk; requests are not retried, so an operation may stay open forever,
 *   which the properties allow).
 * - Answers nobody will read (an answer after the quorum was reached, a request whose read is
 *   over) are removed from the network as soon as they become dead: see `canonical` below.
 *
 * Bounds and defaults: 3 replicas, r = w = 2, 1 write, 2 reads, blocking read repair, an
 * unordered network without faults. This holds (9,701 distinct states, 261,737 without the
 * canonical form; pinned in test/specs/quorum-replication.test.ts).
 *
 * Bugs:
 * - `weakQuorum` (r = w = 1, so r + w <= N): the write is done once one replica has it, and a
 *   read that starts afterwards asks another replica, which does not (breaks
 *   `readsLatestCompletedWrite`, and `linearizable` with it, in 5 steps).
 * - `noReadRepair` (readRepair=off, r + w > N): every read sees every completed write, but a
 *   read concurrent with the write sees the new version on one replica, and the next read asks
 *   two that do not have it yet: new, then old (breaks `linearizable` in 10 steps;
 *   `readsLatestCompletedWrite` holds). `-p readRepair=async` breaks it the same way: the
 *   repair is still on its way when the next read starts.
 */

import {
  type ActorContext,
  type ActorHistoryEvent,
  type ActorState,
  defineActors,
  defineSpec,
  inFlight,
  linearizableHistory,
  type NodeId,
  parseEnvelope,
  parseMessage,
  registerModel,
} from "../src/index.js";

type Msg =
  | { type: "Write"; version: number }
  | { type: "Written"; version: number }
  | { type: "Read"; op: number }
  | { type: "Value"; op: number; version: number }
  | { type: "Repair"; op: number; version: number }
  | { type: "Repaired"; op: number };

interface Replica {
  /** The newest version this replica has (the value is the version; 0: the initial value). */
  version: number;
}

interface Writer {
  /** The write in progress (its version); past the last: done. */
  op: number;
  /** Replicas that acknowledged it, sorted. */
  acks: NodeId[];
}

interface Reader {
  /** The read in progress, numbered from 1; past the last: done. */
  op: number;
  /** reading: collecting answers; repairing: waiting for repairs (blocking read repair). */
  phase: "reading" | "repairing";
  /** Replicas known to hold `newest` (they answered with it, or acknowledged its repair), sorted. */
  holders: NodeId[];
  /** Replicas that answered this read, sorted. */
  answered: NodeId[];
  /** The newest version among the answers so far. */
  newest: number;
}

type Nodes = { replica: Replica; writer: Writer; reader: Reader };
export type QuorumState = ActorState<Nodes, Msg>;

interface Params {
  readonly replicas: number;
  readonly r: number;
  readonly w: number;
  readonly readRepair: string;
  readonly writeOps: number;
  readonly readOps: number;
}

type Ctx = ActorContext<Msg, keyof Nodes, Params>;

const WRITER = "w1";
const READER = "r1";

function addSorted(list: NodeId[], id: NodeId): void {
  if (list.includes(id)) return;
  list.push(id);
  list.sort();
}

// ---- properties -------------------------------------------------------------------------------

/** Linearizability of the clients' history for one register, initially 0 (memoised per history). */
const linearizable = linearizableHistory(registerModel({ initial: 0 }));

/**
 * Whether every read returned the latest write completed before the read started, or a newer
 * one. The history is in real-time order, so one pass keeps the latest completed write and,
 * for the open read, its value when the read was invoked.
 */
export function readsLatestCompletedWrite(history: readonly ActorHistoryEvent[]): boolean {
  let completed = 0;
  const floor = new Map<NodeId, number>();
  for (const e of history) {
    if (e.f === "write" && e.type === "ok" && typeof e.value === "number")
      completed = Math.max(completed, e.value);
    if (e.f !== "read") continue;
    if (e.type === "invoke") floor.set(e.process, completed);
    else if (e.type === "ok" && typeof e.value === "number" && e.value < (floor.get(e.process) ?? 0))
      return false;
  }
  return true;
}

// ---- clients --------------------------------------------------------------------------------

function issueWrite(c: Writer, ctx: Ctx): void {
  if (c.op > ctx.params.writeOps) return;
  ctx.invoke({ f: "write", value: c.op });
  ctx.broadcast({ type: "Write", version: c.op }, "replica");
}

function issueRead(c: Reader, ctx: Ctx): void {
  if (c.op > ctx.params.readOps) return;
  ctx.invoke({ f: "read" });
  ctx.broadcast({ type: "Read", op: c.op }, "replica");
}

function finishRead(c: Reader, ctx: Ctx): void {
  ctx.complete("ok", { value: c.newest });
  Object.assign(c, { op: c.op + 1, phase: "reading", holders: [], answered: [], newest: 0 });
  issueRead(c, ctx);
}

/** The first r answers are in: return the newest version, after repairing as configured. */
function quorumRead(c: Reader, ctx: Ctx): void {
  const { readRepair, w } = ctx.params;
  if (readRepair === "off" || (readRepair === "blocking" && c.holders.length >= w)) {
    finishRead(c, ctx);
    return;
  }
  const stale = ctx.nodes.byKind.replica.filter((id) =>
    readRepair === "async" ? c.answered.includes(id) && !c.holders.includes(id) : !c.holders.includes(id),
  );
  for (const id of stale) ctx.send(id, { type: "Repair", op: c.op, version: c.newest });
  if (readRepair === "async") finishRead(c, ctx);
  else c.phase = "repairing";
}

const protocol = defineActors({
  name: "quorum-replication",
  summary:
    "Dynamo/Cassandra-style leaderless replication with read and write quorums, versions and read repair.",
  messages: {} as Msg,
  params: {
    replicas: { default: 3, min: 1, max: 5, doc: "N: replicas, each with a copy of the register" },
    r: { default: 2, min: 1, max: 5, doc: "R: answers a read waits for (at most N)" },
    w: { default: 2, min: 1, max: 5, doc: "W: acknowledgements a write waits for (at most N)" },
    readRepair: {
      default: "blocking",
      values: ["blocking", "async", "off"],
      doc: "a read writes the newest version back to a write quorum before returning, sends it without waiting, or not at all",
    },
    writeOps: { default: 1, min: 0, max: 3, doc: "writes by w1, of the values (and versions) 1, 2, ..." },
    readOps: { default: 2, min: 0, max: 3, doc: "reads by r1, back to back from a moment of its choosing" },
  },
  history: true,
  nodes: {
    replica: {
      count: (p) => p.replicas,
      prefix: "n",
      init: (): Replica => ({ version: 0 }),
      durable: ["version"],
      onMessage: {
        Write(s, m, ctx) {
          s.version = Math.max(s.version, m.version);
          ctx.send(ctx.from, { type: "Written", version: m.version });
        },
        Read(s, m, ctx) {
          ctx.send(ctx.from, { type: "Value", op: m.op, version: s.version });
        },
        Repair(s, m, ctx) {
          s.version = Math.max(s.version, m.version);
          ctx.send(ctx.from, { type: "Repaired", op: m.op });
        },
      },
    },
    writer: {
      count: 1,
      prefix: "w",
      crashable: false,
      init: (): Writer => ({ op: 1, acks: [] }),
      onStart: issueWrite,
      onMessage: {
        Written(c, m, ctx) {
          if (m.version !== c.op) return; // an acknowledgement of an earlier write
          addSorted(c.acks, ctx.from);
          if (c.acks.length < ctx.params.w) return;
          ctx.complete("ok", { value: c.op });
          c.op++;
          c.acks = [];
          issueWrite(c, ctx);
        },
      },
    },
    reader: {
      count: 1,
      prefix: "r",
      crashable: false,
      init: (): Reader => ({ op: 1, phase: "reading", holders: [], answered: [], newest: 0 }),
      onStart(_c, ctx) {
        if (ctx.params.readOps > 0) ctx.setTimer("begin");
      },
      onTimer: { begin: issueRead },
      onMessage: {
        Value(c, m, ctx) {
          if (m.op !== c.op || c.phase !== "reading" || c.answered.includes(ctx.from)) return;
          addSorted(c.answered, ctx.from);
          if (m.version > c.newest) {
            c.newest = m.version;
            c.holders = [];
          }
          if (m.version === c.newest) addSorted(c.holders, ctx.from);
          if (c.answered.length >= ctx.params.r) quorumRead(c, ctx);
        },
        Repaired(c, m, ctx) {
          if (m.op !== c.op || c.phase !== "repairing") return;
          addSorted(c.holders, ctx.from);
          if (c.holders.length >= ctx.params.w) finishRead(c, ctx);
        },
      },
    },
  },
  invariants: {
    /** A read returns the latest write completed before it started, or a newer one. */
    readsLatestCompletedWrite: (s) => readsLatestCompletedWrite(s.history ?? []),
    /** The client history is linearizable (a register, initially 0). */
    linearizable: (s) => linearizable(s.history ?? []),
  },
  witnesses: {
    /** A read returned the new version while the write was still in progress. */
    readSeesWriteInProgress: (s) => {
      for (const e of s.history ?? []) {
        if (e.f === "write" && e.type === "ok") return false;
        if (e.f === "read" && e.type === "ok" && e.value === 1) return true;
      }
      return false;
    },
    /** A write completed while some replica still has an older version. */
    writeDoneReplicaStale: (s) => {
      const done = (s.nodes.writer[WRITER]?.op ?? 1) - 1;
      return done > 0 && Object.values(s.nodes.replica).some((r) => r.version < done);
    },
    /** A read is repairing a replica that answered with an older version. */
    readRepair: (s) =>
      inFlight(s).some(
        (m) => m.msg.type === "Repair" && (s.nodes.replica[m.to]?.version ?? 0) < m.msg.version,
      ),
    /** The last read returned the last write. */
    readsLastWrite: (s, p) =>
      s.nodes.reader[READER]!.op > p.readOps &&
      (s.history ?? []).at(-1)?.f === "read" &&
      s.history?.at(-1)?.value === p.writeOps,
  },
  bugs: {
    weakQuorum: {
      params: { r: 1, w: 1 },
      violates: "readsLatestCompletedWrite",
      doc: "r + w <= N: a read quorum can miss the write quorum, and returns data older than a completed write.",
    },
    noReadRepair: {
      params: { readRepair: "off" },
      violates: "linearizable",
      doc: "Quorums intersect but nothing writes back: a read sees the write in progress, the next one does not.",
    },
  },
});

// ---- canonical form: dead messages are removed ------------------------------------------------

/**
 * Whether a message can no longer change anything but the network, now and later: an answer
 * for an operation that is over or already counted, or a Read whose read is over (its only
 * effect would be such an answer). Operations are numbered upwards, so an operation that is
 * over never comes back. Writes and repairs to replicas are never dead: they update a copy.
 */
function isDead(s: QuorumState, to: NodeId, from: NodeId, msg: Msg): boolean {
  const reader = s.nodes.reader[READER]!;
  switch (msg.type) {
    case "Written": {
      const writer = s.nodes.writer[to]!;
      return msg.version !== writer.op || writer.acks.includes(from);
    }
    case "Value":
      return msg.op !== reader.op || reader.phase !== "reading" || reader.answered.includes(from);
    case "Repaired":
      return msg.op !== reader.op || reader.phase !== "repairing";
    case "Read":
      return msg.op < reader.op || (msg.op === reader.op && reader.phase !== "reading");
    default:
      return false;
  }
}

type Net = Map<string, number | string[]>;

function collectDead(s: QuorumState): void {
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

type Action = (typeof protocol.definition.actions)[string];

/**
 * An action followed by the canonical form. A dead message's delivery could only remove it,
 * and no property reads it, so the merged states have the same futures: every verdict is kept.
 */
function canonical(action: Action): Action {
  return {
    ...action,
    do: (d, arg, params) => {
      action.do(d, arg, params);
      collectDead(d as unknown as QuorumState);
    },
  };
}

/** The spec: the actor protocol with every step followed by the canonical form. */
export default defineSpec({
  ...protocol.definition,
  actions: Object.fromEntries(
    Object.entries(protocol.definition.actions).map(([name, action]) => [name, canonical(action)]),
  ),
});

/** The protocol without the canonical form, for the test that compares the two. */
export const unreduced = protocol;
