/**
 * Primary-backup replication of a register, with failover (docs/protocols/primary-replica.md).
 *
 * Modelled. Servers n1..nN hold a copy of one register. One of them is the primary: it takes
 * the writes, sends each to the others (`Replicate`) and acknowledges the write to the client
 * according to `replication`: at once (`async`), after every other server applied it (`sync`),
 * or after a majority of all servers has it (`quorum`, MySQL's semi-sync, MongoDB's
 * w:majority). A monitor m1 (Sentinel, Patroni, orchestrator) may at any moment suspect the
 * primary and fail over: it starts a new epoch, polls the other servers (`Poll`: each answers
 * with its value, and from then on refuses replication from older epochs: fencing), and
 * promotes one of them (`promote`: the most up-to-date among enough answers, or whichever
 * answers first). The new primary re-replicates its value to everyone in its epoch and serves
 * only once that round is acknowledged as its mode requires; then it tells the clients. A
 * writer w1 writes 1, 2, ... (`writeOps`) and a reader r1 reads (`readOps`), at the primary
 * or at the other servers (`reads`). Clients record their operations in the history; a client
 * told of a new primary while an operation is outstanding gives it up as `info` (its outcome
 * is unknown, as after a Jepsen timeout) and carries on at the new primary.
 *
 * Properties. `durable`: every acknowledged write survives — the current primary (the serving
 * primary of the monitor's epoch) holds the latest acknowledged write or a later one.
 * `linearizable`: the client history is linearizable for a register initially 0 (Specter's
 * checkLinearizable with registerModel; `info` operations may or may not have taken effect).
 * `onePrimaryPerEpoch`: epochs name primaries uniquely.
 *
 * Abstracted, and why.
 * - The failure detector is a timer that may fire at any time: a crashed primary, a paused one
 *   and a slow network look the same to a monitor, so every suspicion is possible, false ones
 *   included (the deposed primary keeps running until it hears of the new epoch). A primary
 *   that stops for good needs no crash fault to be covered: to everyone else it is a node whose
 *   messages are never delivered, and delivery may wait forever. `-p maxCrashes=1` adds what a
 *   crash adds on top: losing volatile state (role, the write being replicated) and restarting
 *   as a replica from the durable `epoch` and `value`.
 * - The monitor is one reliable node (in practice a replicated service such as etcd or a
 *   Sentinel quorum): it neither crashes nor loses its state, and its timer is the only
 *   source of failovers, at most `failovers` of them.
 * - One register, one writer writing increasing values, so a value is also its position in the
 *   replication stream: "more up to date" is "larger value", and replication ships the whole
 *   value rather than a log. Links are FIFO (TCP), so one epoch's replication stream arrives
 *   in order; `-p network=unordered` removes that assumption.
 * - No leases or clocks; a client that cannot be served is told `Rejected` (a failed, not
 *   unknown, operation: the only copy of the request was refused) and moves on.
 * - No duplicated requests: a duplicate is a client retry, and retries need idempotent writes
 *   (client sequence numbers), which this model leaves out. `-p maxDuplicates=1` shows why: the
 *   copy refused while the first is being replicated is recorded as a failed write that then
 *   takes effect (pinned in the test).
 *
 * Bounds and defaults: 3 servers, 1 write, 2 reads, 1 failover, no crash, FIFO links;
 * replication=sync, reads=primary, promote=mostUpToDate. This holds (18,309 distinct states,
 * pinned in test/specs/primary-replica.test.ts).
 *
 * Why the correct version is correct. With `sync`, a write is acknowledged only once every
 * other server applied it, and a server that answered the monitor's poll refuses the old
 * epoch, so the first answer already holds every acknowledged write. The new primary may
 * serve only after every server, the deposed primary included, accepted its epoch; so the
 * deposed primary stops serving reads before anything newer can be read or acknowledged.
 *
 * Bugs.
 * - `asyncFailover` (replication=async): the primary acknowledges before replicating; a
 *   failover promotes a replica that never received the write, and the acknowledged write is
 *   rolled back (breaks `durable`, and `linearizable` once the reader reads the new primary).
 * - `staleReplicaReads` (reads=replica): replicas apply a write at different moments, even
 *   with sync replication, so a reader sees the new value on one replica and then the old one
 *   on another (breaks `linearizable`).
 * - `promoteLaggingReplica` (replication=quorum, promote=any): a write acknowledged by a
 *   majority is lost when the monitor promotes a replica outside that majority (breaks
 *   `durable`). Waiting for enough positions (mostUpToDate) is what makes quorums intersect.
 *
 * Not a preset, but a finding pinned in the test: `-p replication=quorum -p writeOps=2` keeps
 * every acknowledged write (`durable` holds) yet is not linearizable. The new primary needs
 * only a majority, so the deposed primary may never hear of it and keeps serving the old
 * value after a newer write was acknowledged (leases or read quorums would be needed). It
 * takes two writes — the first is given up at the failover, the second goes to the new
 * primary — and 17 steps, too rare for random search to hit, hence no preset.
 */

import {
  type ActorContext,
  type ActorHistoryEvent,
  type ActorState,
  defineActors,
  inFlight,
  linearizableHistory,
  type NodeId,
  registerModel,
} from "../src/index.js";

type Msg =
  | { type: "Write"; value: number }
  | { type: "Read"; op: number }
  | { type: "WriteOk"; value: number }
  | { type: "ReadOk"; op: number; value: number }
  | { type: "Rejected"; op: number }
  | { type: "Replicate"; epoch: number; value: number }
  | { type: "Ack"; epoch: number; value: number }
  | { type: "Poll"; epoch: number }
  | { type: "Position"; epoch: number; value: number }
  | { type: "Promote"; epoch: number }
  | { type: "NewPrimary"; epoch: number };

/** A promoted server is `promoting` until its first replication round is acknowledged. */
type Role = "replica" | "promoting" | "primary";

interface Server {
  /** The newest epoch this server has accepted: its fence (durable). 0 only before start. */
  epoch: number;
  /** The register as this server has it (durable); at a primary, the last committed write. */
  value: number;
  /** Volatile: a restarted server is a replica until the monitor promotes it. */
  role: Role;
  /** The write being replicated, 0 for none (volatile; sync and quorum only). */
  pending: number;
  /** Servers that acknowledged the current round, sorted (volatile). */
  acks: NodeId[];
}

interface Client {
  /** The primary this client sends to, and the epoch it learned it in. */
  primary: NodeId;
  epoch: number;
  /** The outstanding operation, numbered from 1; past the last one when done. */
  op: number;
}

interface Monitor {
  epoch: number;
  /** The primary it last appointed (not polled in the next failover: it is the suspect). */
  primary: NodeId;
  /** While polling: answers heard, and the best so far (largest value; lowest id on ties). */
  polling: boolean;
  heard: number;
  best: NodeId;
  bestValue: number;
}

type Nodes = { server: Server; writer: Client; reader: Client; monitor: Monitor };
type State = ActorState<Nodes, Msg>;

interface Params {
  readonly replication: string;
  readonly reads: string;
  readonly promote: string;
  readonly servers: number;
  readonly writeOps: number;
  readonly readOps: number;
  readonly failovers: number;
}

type Ctx = ActorContext<Msg, keyof Nodes, Params>;

const FIRST_PRIMARY = "n1";
const MONITOR = "m1";
const WRITER = "w1";

/** Acknowledgements from other servers a write (or a new primary's first round) needs. */
function acksNeeded(p: Params): number {
  if (p.replication === "sync") return p.servers - 1;
  if (p.replication === "quorum") return Math.floor(p.servers / 2); // with the primary: a majority
  return 0;
}

/**
 * Answers the monitor waits for before promoting (mostUpToDate). A write acknowledged by
 * `acksNeeded` of the N-1 polled servers is held by at least one of any N - acksNeeded of
 * them (together they are N > N-1), so the largest value among that many answers includes
 * every acknowledged write. `async` would need N answers of N-1: it waits for all, and still
 * loses writes nobody received.
 */
function positionsNeeded(p: Params): number {
  if (p.promote === "any") return 1;
  return Math.min(p.servers - 1, p.servers - acksNeeded(p));
}

// ---- properties ---------------------------------------------------------------------------

/** Linearizability of the clients' history for one register, initially 0 (memoised per history). */
const linearizable = linearizableHistory(registerModel({ initial: 0 }));

/** The latest acknowledged write (values increase, so the largest), or 0. */
function latestAcked(history: readonly ActorHistoryEvent[]): number {
  let acked = 0;
  for (const e of history)
    if (e.type === "ok" && e.f === "write" && typeof e.value === "number" && e.value > acked) acked = e.value;
  return acked;
}

/** The serving primary of the monitor's current epoch, if it has taken office. */
function currentPrimary(s: State): [NodeId, Server] | undefined {
  const epoch = s.nodes.monitor[MONITOR]!.epoch;
  for (const [id, srv] of Object.entries(s.nodes.server))
    if (srv.role === "primary" && srv.epoch === epoch) return [id, srv];
  return undefined;
}

// ---- servers --------------------------------------------------------------------------------

function stepDown(s: Server): void {
  s.role = "replica";
  s.pending = 0;
  s.acks = [];
}

/** Ships `value` to every other server in this epoch. */
function replicate(s: Server, ctx: Ctx, value: number): void {
  s.acks = [];
  ctx.broadcast({ type: "Replicate", epoch: s.epoch, value }, "server");
}

function takeOffice(s: Server, ctx: Ctx): void {
  s.role = "primary";
  for (const c of [WRITER, ...ctx.nodes.byKind.reader]) ctx.send(c, { type: "NewPrimary", epoch: s.epoch });
}

// ---- clients --------------------------------------------------------------------------------

function issueWrite(c: Client, ctx: Ctx): void {
  if (c.op > ctx.params.writeOps) return;
  ctx.invoke({ f: "write", value: c.op });
  ctx.send(c.primary, { type: "Write", value: c.op });
}

/** Reads go to the primary, or round-robin over the servers the client believes are replicas. */
function issueRead(c: Client, ctx: Ctx): void {
  if (c.op > ctx.params.readOps) return;
  ctx.invoke({ f: "read" });
  let to = c.primary;
  if (ctx.params.reads === "replica") {
    const others = ctx.nodes.byKind.server.filter((id) => id !== c.primary);
    to = others[(c.op - 1) % others.length]!;
  }
  ctx.send(to, { type: "Read", op: c.op });
}

type Issue = (c: Client, ctx: Ctx) => void;

function finish(c: Client, ctx: Ctx, type: "ok" | "fail", issue: Issue, value?: number): void {
  ctx.complete(type, value === undefined ? {} : { value });
  c.op++;
  issue(c, ctx);
}

/** A newer primary: give up the outstanding operation (outcome unknown) and go on there. */
function newPrimary(c: Client, epoch: number, ctx: Ctx & { from: NodeId }, ops: number, issue: Issue): void {
  if (epoch <= c.epoch || c.op > ops) return; // stale, or done: nothing left to send
  c.epoch = epoch;
  c.primary = ctx.from;
  ctx.complete("info");
  c.op++;
  issue(c, ctx);
}

const clientInit = (): Client => ({ primary: FIRST_PRIMARY, epoch: 1, op: 1 });

export default defineActors({
  name: "primary-replica",
  summary:
    "Primary-backup replication of a register with monitor-driven failover: durability and linearizability of the client history.",
  messages: {} as Msg,
  params: {
    replication: {
      default: "sync",
      values: ["sync", "async", "quorum"],
      doc: "when the primary acknowledges a write: after all others applied it, at once, or after a majority",
    },
    reads: { default: "primary", values: ["primary", "replica"], doc: "where the reader reads" },
    promote: {
      default: "mostUpToDate",
      values: ["mostUpToDate", "any"],
      doc: "the monitor promotes the most up-to-date of enough answers, or the first to answer",
    },
    servers: { default: 3, min: 2, max: 5, doc: "servers; n1 is the first primary" },
    writeOps: { default: 1, min: 0, max: 3, doc: "writes by w1, of the values 1, 2, ..." },
    readOps: { default: 2, min: 0, max: 3, doc: "reads by r1" },
    failovers: { default: 1, min: 0, max: 3, doc: "failovers the monitor may start" },
  },
  network: { order: "ordered" },
  history: true,
  nodes: {
    server: {
      count: (p) => p.servers,
      prefix: "n",
      init: (): Server => ({ epoch: 0, value: 0, role: "replica", pending: 0, acks: [] }),
      durable: ["epoch", "value"],
      onStart(s, ctx) {
        if (s.epoch > 0) return; // a restart: stay a replica
        s.epoch = 1;
        if (ctx.self === FIRST_PRIMARY) s.role = "primary";
      },
      onMessage: {
        Write(s, m, ctx) {
          if (s.role !== "primary" || s.pending !== 0)
            return ctx.send(ctx.from, { type: "Rejected", op: m.value });
          if (acksNeeded(ctx.params) > 0) {
            s.pending = m.value;
            return replicate(s, ctx, m.value);
          }
          s.value = m.value;
          replicate(s, ctx, m.value);
          ctx.send(ctx.from, { type: "WriteOk", value: m.value });
        },
        Read(s, m, ctx) {
          if (ctx.params.reads === "primary" && s.role !== "primary")
            ctx.send(ctx.from, { type: "Rejected", op: m.op });
          else ctx.send(ctx.from, { type: "ReadOk", op: m.op, value: s.value });
        },
        Replicate(s, m, ctx) {
          if (m.epoch < s.epoch) return; // fenced: an older epoch's primary
          if (m.epoch > s.epoch || s.role !== "replica") stepDown(s);
          s.epoch = m.epoch;
          s.value = m.value;
          if (acksNeeded(ctx.params) > 0) ctx.send(ctx.from, { type: "Ack", epoch: m.epoch, value: m.value });
        },
        Ack(s, m, ctx) {
          if (m.epoch !== s.epoch || s.role === "replica") return;
          const round = s.role === "promoting" ? s.value : s.pending;
          if ((s.role === "primary" && s.pending === 0) || m.value !== round || s.acks.includes(ctx.from))
            return;
          s.acks.push(ctx.from);
          s.acks.sort();
          if (s.acks.length < acksNeeded(ctx.params)) return;
          s.acks = [];
          if (s.role === "promoting") return takeOffice(s, ctx);
          s.value = s.pending;
          s.pending = 0;
          ctx.send(WRITER, { type: "WriteOk", value: s.value });
        },
        Poll(s, m, ctx) {
          if (m.epoch <= s.epoch) return;
          s.epoch = m.epoch;
          stepDown(s);
          ctx.send(ctx.from, { type: "Position", epoch: m.epoch, value: s.value });
        },
        Promote(s, m, ctx) {
          if (m.epoch !== s.epoch || s.role !== "replica") return; // superseded by a newer poll
          s.role = "promoting";
          replicate(s, ctx, s.value);
          if (acksNeeded(ctx.params) === 0) takeOffice(s, ctx);
        },
      },
    },
    writer: {
      count: 1,
      prefix: "w",
      crashable: false,
      init: clientInit,
      onStart: issueWrite,
      onMessage: {
        WriteOk(c, m, ctx) {
          if (m.value === c.op) finish(c, ctx, "ok", issueWrite, m.value);
        },
        Rejected(c, m, ctx) {
          if (m.op === c.op) finish(c, ctx, "fail", issueWrite);
        },
        NewPrimary: (c, m, ctx) => newPrimary(c, m.epoch, ctx, ctx.params.writeOps, issueWrite),
      },
    },
    reader: {
      count: 1,
      prefix: "r",
      crashable: false,
      init: clientInit,
      onStart: issueRead,
      onMessage: {
        ReadOk(c, m, ctx) {
          if (m.op === c.op) finish(c, ctx, "ok", issueRead, m.value);
        },
        Rejected(c, m, ctx) {
          if (m.op === c.op) finish(c, ctx, "fail", issueRead);
        },
        NewPrimary: (c, m, ctx) => newPrimary(c, m.epoch, ctx, ctx.params.readOps, issueRead),
      },
    },
    monitor: {
      count: 1,
      prefix: "m",
      crashable: false,
      init: (): Monitor => ({
        epoch: 1,
        primary: FIRST_PRIMARY,
        polling: false,
        heard: 0,
        best: "",
        bestValue: 0,
      }),
      onStart(_m, ctx) {
        if (ctx.params.failovers > 0) ctx.setTimer("failover");
      },
      onTimer: {
        /** The primary is suspected (rightly or not): a new epoch, and a poll of the others. */
        failover(m, ctx) {
          m.epoch++;
          m.polling = true;
          for (const id of ctx.nodes.byKind.server)
            if (id !== m.primary) ctx.send(id, { type: "Poll", epoch: m.epoch });
        },
      },
      onMessage: {
        Position(m, msg, ctx) {
          if (!m.polling || msg.epoch !== m.epoch) return;
          m.heard++;
          if (m.best === "" || msg.value > m.bestValue || (msg.value === m.bestValue && ctx.from < m.best)) {
            m.best = ctx.from;
            m.bestValue = msg.value;
          }
          if (m.heard < positionsNeeded(ctx.params)) return;
          ctx.send(m.best, { type: "Promote", epoch: m.epoch });
          Object.assign(m, { primary: m.best, polling: false, heard: 0, best: "", bestValue: 0 });
          if (m.epoch - 1 < ctx.params.failovers) ctx.setTimer("failover");
        },
      },
    },
  },
  invariants: {
    /** The current primary holds the latest acknowledged write, or a later one. */
    durable: (s) => {
      const primary = currentPrimary(s);
      return primary === undefined || primary[1].value >= latestAcked(s.history ?? []);
    },
    /** The client history is linearizable (a register, initially 0). */
    linearizable: (s) => linearizable(s.history ?? []),
    /** At most one server is (or is becoming) primary in each epoch. */
    onePrimaryPerEpoch: (s) => {
      const epochs = new Set<number>();
      for (const srv of Object.values(s.nodes.server)) {
        if (srv.role === "replica") continue;
        if (epochs.has(srv.epoch)) return false;
        epochs.add(srv.epoch);
      }
      return true;
    },
  },
  witnesses: {
    /** A replica was promoted and serves. */
    failover: (s) => (currentPrimary(s)?.[0] ?? FIRST_PRIMARY) !== FIRST_PRIMARY,
    /** The deposed primary heard of the new epoch and became a replica of it. */
    oldPrimaryFollows: (s) => {
      const n1 = s.nodes.server[FIRST_PRIMARY]!;
      return n1.role === "replica" && n1.epoch > 1;
    },
    /** A write was given up at failover: its outcome is unknown to the checker. */
    writeOutcomeUnknown: (s) => (s.history ?? []).some((e) => e.type === "info" && e.f === "write"),
    /** After a failover, the new primary serves the acknowledged write to a reader. */
    ackedWriteReadFromNewPrimary: (s) => {
      const acked = latestAcked(s.history ?? []);
      const primary = currentPrimary(s)?.[0] ?? FIRST_PRIMARY;
      return (
        acked > 0 &&
        primary !== FIRST_PRIMARY &&
        inFlight(s).some((m) => m.msg.type === "ReadOk" && m.from === primary && m.msg.value === acked)
      );
    },
  },
  bugs: {
    asyncFailover: {
      params: { replication: "async" },
      violates: "durable",
      doc: "Acknowledges before replicating: a failover to a replica that never got the write rolls it back.",
    },
    staleReplicaReads: {
      params: { reads: "replica" },
      violates: "linearizable",
      doc: "Reads at replicas: one replica shows the new value, then another still the old one.",
    },
    promoteLaggingReplica: {
      params: { replication: "quorum", promote: "any" },
      violates: "durable",
      doc: "Promotes the first replica to answer, which may be outside the majority that has the write.",
    },
  },
});
