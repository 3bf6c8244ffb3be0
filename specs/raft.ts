/**
 * Raft (Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm", USENIX ATC
 * 2014), leader election and log replication, on the actor layer (docs/protocols/raft.md).
 *
 * Servers n1..nk follow Figure 2 of the paper. A follower or candidate whose election timer
 * fires starts an election for the next term: it votes for itself and sends RequestVote with
 * its last log index and term. A server grants at most one vote per term (votedFor), and only
 * to a candidate whose log is at least as up to date as its own (section 5.4.1). A candidate
 * with votes from a majority becomes leader, initialises nextIndex and matchIndex and sends
 * empty AppendEntries at once. A leader appends each client command it receives to its log and
 * sends AppendEntries from each follower's nextIndex; a follower accepts only if its log holds
 * an entry at prevLogIndex with prevLogTerm, deletes a conflicting suffix, appends, and answers
 * with the last index it now matches; a refusal makes the leader retry one entry earlier. The
 * leader advances commitIndex to the largest index stored on a majority whose entry is of its
 * current term (section 5.4.2), and every server applies committed entries in order. Any
 * message with a newer term makes its receiver adopt the term and step down.
 *
 * What is modelled, and how:
 * - Terms up to `maxTerm`: a server at maxTerm does not time out again. `candidates=k` lets
 *   only n1..nk time out (a restriction: fewer behaviours, so every violation found is real).
 * - Client commands: a leader receives `requests` commands in its term (a timer that fires
 *   while it is leader). An entry is the string "term:<leader><letter>", e.g. "2:n3a": the first
 *   command leader n3 received in term 2, so entries of different leaders always differ.
 * - The network is the actor layer's: unordered, and by default duplicating (a delivered
 *   message stays deliverable, as in the TLA+ spec of Raft: duplication and reordering without
 *   bound). Loss, crashes and partitions are budgets: by default one crash, after which the
 *   server restarts with its durable currentTerm, votedFor and log (commitIndex, the state
 *   machine and the leader's indexes are volatile and start over, as in the paper).
 * - No heartbeats beyond the leader's first AppendEntries and no election-timer reset: a timer
 *   may fire at any moment (no clock), which covers every timing, including the ones in which a
 *   follower times out although its leader is alive.
 * - The state machine is the list of applied entries; lastApplied is its length.
 * - `byzantine=k` makes n1..nk lie (the layer's Byzantine nodes): they vote for every candidate
 *   and acknowledge every leader's whole log. Raft does not claim to survive that.
 *
 * Reductions (both exact: they merge only states with the same futures, so every property keeps
 * its verdict; the symmetry one is checked against `--no-symmetry` in test/specs/raft.test.ts):
 * - Dead messages are not fingerprinted: a reply its receiver can no longer use, a stale
 *   request once nothing can come of it (see `dead` below for the argument, case by case).
 * - Symmetry: the honest servers are interchangeable (within the classes of those that may and
 *   may not stand for election); a state is fingerprinted as the least of its renamings.
 * - `maxInFlight=k` is a TLC-style state constraint, not a reduction: only states with at most
 *   k live messages in flight are explored. It is off (0) by default; the figure8 preset uses it
 *   to reach its 31-step scenario in ~140,000 states instead of millions.
 *
 * Bounds and defaults: 3 servers, maxTerm 2, one command per leader, one crash, duplicating
 * network: 24,061 states (orbits). Larger configurations are in docs/protocols/raft.md.
 *
 * Properties: ElectionSafety, LogMatching, LeaderCompleteness and StateMachineSafety (Figure 3),
 * action invariants TermsNeverDecrease and LeaderAppendOnly, and the liveness property
 * leaderElected: under weak fairness of every delivery and timer, some honest server is
 * eventually leader — or every honest server has reached maxTerm (`termsRunOut`; the model's
 * bound, not the protocol, ends elections there).
 *
 * Bugs:
 * - `figure8`: the leader commits an entry of an earlier term by counting replicas; a later
 *   leader overwrites it, the scenario of Figure 8 (breaks StateMachineSafety; 31 steps).
 * - `voteTwice`: votedFor is not checked; two candidates win one term (ElectionSafety).
 * - `noUpToDateCheck`: votes without the log comparison; a leader without a committed entry is
 *   elected (LeaderCompleteness).
 * - `splitVotes`: leaderElected without the term bound's escape: with no randomised timeouts,
 *   candidates split the vote in every term and no leader is ever elected (a liveness lasso).
 * - `byzantineFollower`: one server lies; two leaders in one term (ElectionSafety). Raft
 *   tolerates crashes only; PBFT (specs/pbft.ts) tolerates f liars with 3f + 1 replicas.
 */

import {
  type ActorContext,
  type ActorState,
  defineActors,
  defineSpec,
  each,
  eventually,
  fingerprint,
  type NodeId,
  parseEnvelope,
} from "../src/index.js";

type Role = "follower" | "candidate" | "leader";

/**
 * A log entry as one string, "term:command", e.g. "2:n3a": created in term 2 by its leader n3,
 * which received it as its first client command ("a") of that term. A string rather than an
 * object: entries are read in every handler, and strings need no immer proxy.
 */
type Entry = string;

type Msg =
  | { type: "RequestVote"; term: number; lastLogIndex: number; lastLogTerm: number }
  | { type: "RequestVoteReply"; term: number; granted: boolean }
  | {
      type: "AppendEntries";
      term: number;
      prevLogIndex: number;
      prevLogTerm: number;
      entries: Entry[];
      leaderCommit: number;
    }
  /** `index`: on success, the last index now known to match; on failure, the index that did not. */
  | { type: "AppendEntriesReply"; term: number; success: boolean; index: number };

interface Server {
  /** Latest term seen (durable). */
  currentTerm: number;
  /** The candidate voted for in currentTerm, or null (durable). */
  votedFor: NodeId | null;
  /** The log (durable); the paper's index i is log[i - 1]. */
  log: Entry[];
  role: Role;
  /** Candidate: the servers that granted it their vote this term, itself included, sorted. */
  votes: NodeId[];
  /** Highest log index known to be committed. */
  commitIndex: number;
  /** Leader: for each other server, the index of the next entry to send it. */
  nextIndex: Record<NodeId, number>;
  /** Leader: for each other server, the highest index known to be replicated on it. */
  matchIndex: Record<NodeId, number>;
  /** The state machine: the entries applied, in log order (lastApplied = applied.length). */
  applied: Entry[];
}

/** The global state, named for the liveness helpers (which cannot infer it). */
type State = ActorState<{ server: Server }, Msg>;

interface Params {
  readonly servers: number;
  readonly maxTerm: number;
  readonly requests: number;
  readonly notifyCommit: boolean;
  readonly candidates: number;
  readonly bug: string;
  readonly byzantine: number;
  readonly network: "unordered" | "ordered";
  readonly maxInFlight: number;
  readonly termsRunOut: boolean;
}

type Ctx = ActorContext<Msg, "server", Params>;

const LETTERS = "abcdefghij";

/** The term of an entry ("2:n3a" -> 2). */
function termOf(e: Entry): number {
  return Number.parseInt(e, 10);
}

function lastTerm(log: readonly Entry[]): number {
  return log.length === 0 ? 0 : termOf(log[log.length - 1]!);
}

function majority(p: Params): number {
  return Math.floor(p.servers / 2) + 1;
}

/** Entries of the current term at the end of the log: the requests a leader took this term. */
function ownEntries(s: Server): number {
  let n = 0;
  for (let i = s.log.length - 1; i >= 0 && termOf(s.log[i]!) === s.currentTerm; i--) n++;
  return n;
}

/**
 * Arms exactly the timers the server's state calls for, so that the armed timers are a
 * function of the node states (they add no states of their own): the election timeout while
 * not leader and below maxTerm, and the next client request while leader with requests left.
 */
function syncTimers(s: Server, ctx: Ctx): void {
  if (s.role !== "leader" && s.currentTerm < ctx.params.maxTerm && mayTimeOut(ctx.self, ctx.params))
    ctx.setTimer("election");
  else ctx.cancelTimer("election");
  if (s.role === "leader" && ownEntries(s) < ctx.params.requests) ctx.setTimer("request");
  else ctx.cancelTimer("request");
}

/** Whether a server's election timer ever fires: all of them, or only n1..nk with candidates=k. */
function mayTimeOut(id: NodeId, p: Params): boolean {
  return p.candidates === 0 || Number(id.slice(1)) <= p.candidates;
}

function becomeFollower(s: Server): void {
  s.role = "follower";
  s.votes = [];
  s.nextIndex = {};
  s.matchIndex = {};
}

/** Any message with a newer term: adopt the term and step down (Figure 2, "Rules for Servers"). */
function observeTerm(s: Server, term: number): void {
  if (term <= s.currentTerm) return;
  s.currentTerm = term;
  s.votedFor = null;
  becomeFollower(s);
}

/** Applies committed entries to the state machine, in order. */
function apply(s: Server): void {
  while (s.applied.length < s.commitIndex && s.applied.length < s.log.length)
    s.applied.push(s.log[s.applied.length]!);
}

/** AppendEntries to one follower: everything from its nextIndex on (none: a heartbeat). */
function sendAppend(s: Server, ctx: Ctx, to: NodeId): void {
  const prev = (s.nextIndex[to] ?? 1) - 1;
  ctx.send(to, {
    type: "AppendEntries",
    term: s.currentTerm,
    prevLogIndex: prev,
    prevLogTerm: prev === 0 ? 0 : termOf(s.log[prev - 1]!),
    entries: s.log.slice(prev),
    leaderCommit: s.commitIndex,
  });
}

/** Figure 2: reinitialise nextIndex and matchIndex, and send the initial empty AppendEntries. */
function becomeLeader(s: Server, ctx: Ctx): void {
  s.role = "leader";
  s.votes = [];
  for (const j of ctx.peers) {
    s.nextIndex[j] = s.log.length + 1;
    s.matchIndex[j] = 0;
  }
  for (const j of ctx.peers) sendAppend(s, ctx, j);
}

/**
 * The leader's commit rule (Figure 2): the largest N stored on a majority whose entry is from
 * the current term (bug figure8: from any term). Returns whether commitIndex advanced.
 */
function advanceCommit(s: Server, ctx: Ctx): boolean {
  for (let n = s.log.length; n > s.commitIndex; n--) {
    if (ctx.params.bug !== "figure8" && termOf(s.log[n - 1]!) !== s.currentTerm) continue;
    let count = 1;
    for (const j of ctx.peers) if ((s.matchIndex[j] ?? 0) >= n) count++;
    if (count >= majority(ctx.params)) {
      s.commitIndex = n;
      apply(s);
      return true;
    }
  }
  return false;
}

function logUpToDate(s: Server, lastLogIndex: number, lastLogTerm: number): boolean {
  const mine = lastTerm(s.log);
  return lastLogTerm > mine || (lastLogTerm === mine && lastLogIndex >= s.log.length);
}

const actors = defineActors({
  name: "raft",
  summary: "Raft (Ongaro & Ousterhout 2014): leader election and log replication, with crashes.",
  messages: {} as Msg,
  params: {
    servers: { default: 3, min: 1, max: 7, doc: "number of servers" },
    maxTerm: { default: 2, min: 1, max: 9, doc: "no server starts an election for a term beyond this" },
    requests: { default: 1, min: 0, max: 3, doc: "client commands each leader receives in its term" },
    candidates: {
      default: 0,
      min: 0,
      max: 7,
      doc: "only servers n1..nk ever time out and stand for election (0: every server)",
    },
    maxInFlight: {
      default: 0,
      min: 0,
      max: 20,
      doc: "explore only states with at most this many live messages in flight (0: no bound; a TLC-style constraint)",
    },
    termsRunOut: {
      default: true,
      doc: "leaderElected also holds once every honest server reached maxTerm (the model's bound, not the protocol, ends elections there)",
    },
    notifyCommit: {
      default: false,
      doc: "a leader sends AppendEntries to every follower as soon as its commitIndex advances",
    },
    bug: {
      default: "none",
      values: ["none", "figure8", "voteTwice", "noUpToDateCheck"],
      doc: "inject a known bug",
    },
  },
  network: { order: "unordered", duplicating: true },
  faults: { maxCrashes: 1 },
  nodes: {
    server: {
      count: (p) => p.servers,
      prefix: "n",
      init: (): Server => ({
        currentTerm: 0,
        votedFor: null,
        log: [],
        role: "follower",
        votes: [],
        commitIndex: 0,
        nextIndex: {},
        matchIndex: {},
        applied: [],
      }),
      durable: ["currentTerm", "votedFor", "log"],
      onStart(s, ctx) {
        syncTimers(s, ctx);
      },
      onTimer: {
        /** Election timeout: start an election for the next term (Figure 2, "Candidates"). */
        election(s, ctx) {
          s.currentTerm++;
          s.role = "candidate";
          s.votedFor = ctx.self;
          s.votes = [ctx.self];
          s.nextIndex = {};
          s.matchIndex = {};
          if (s.votes.length >= majority(ctx.params)) becomeLeader(s, ctx);
          else
            ctx.broadcast(
              {
                type: "RequestVote",
                term: s.currentTerm,
                lastLogIndex: s.log.length,
                lastLogTerm: lastTerm(s.log),
              },
              "server",
            );
          syncTimers(s, ctx);
        },
        /** A client command reaches the leader: append it, and send it to every follower. */
        request(s, ctx) {
          s.log.push(`${s.currentTerm}:${ctx.self}${LETTERS[ownEntries(s)]}`);
          advanceCommit(s, ctx); // commits only when the leader alone is a majority (one server)
          for (const j of ctx.peers) sendAppend(s, ctx, j);
          syncTimers(s, ctx);
        },
      },
      onMessage: {
        RequestVote(s, m, ctx) {
          observeTerm(s, m.term);
          const grant =
            m.term === s.currentTerm &&
            (ctx.params.bug === "voteTwice" || s.votedFor === null || s.votedFor === ctx.from) &&
            (ctx.params.bug === "noUpToDateCheck" || logUpToDate(s, m.lastLogIndex, m.lastLogTerm));
          if (grant) s.votedFor = ctx.from;
          // A refusal in the candidate's own term would change nothing there: it is not sent.
          if (grant || s.currentTerm > m.term)
            ctx.send(ctx.from, { type: "RequestVoteReply", term: s.currentTerm, granted: grant });
          syncTimers(s, ctx);
        },
        RequestVoteReply(s, m, ctx) {
          observeTerm(s, m.term);
          if (
            s.role === "candidate" &&
            m.term === s.currentTerm &&
            m.granted &&
            !s.votes.includes(ctx.from)
          ) {
            s.votes.push(ctx.from);
            s.votes.sort();
            if (s.votes.length >= majority(ctx.params)) becomeLeader(s, ctx);
          }
          syncTimers(s, ctx);
        },
        AppendEntries(s, m, ctx) {
          if (m.term < s.currentTerm) {
            // A deposed leader: tell it the newer term.
            ctx.send(ctx.from, { type: "AppendEntriesReply", term: s.currentTerm, success: false, index: 0 });
            return;
          }
          observeTerm(s, m.term);
          if (s.role !== "follower") becomeFollower(s); // a candidate hears from the new leader
          const prevOk =
            m.prevLogIndex === 0 ||
            (m.prevLogIndex <= s.log.length && termOf(s.log[m.prevLogIndex - 1]!) === m.prevLogTerm);
          if (!prevOk) {
            ctx.send(ctx.from, {
              type: "AppendEntriesReply",
              term: s.currentTerm,
              success: false,
              index: m.prevLogIndex,
            });
            syncTimers(s, ctx);
            return;
          }
          // Delete an entry that conflicts with a new one, and all that follow it; append any new
          // entries. Entries that already match stay: a stale, shorter AppendEntries must not
          // truncate entries it does not mention.
          for (let i = 0; i < m.entries.length; i++) {
            const at = m.prevLogIndex + i;
            if (at < s.log.length && termOf(s.log[at]!) !== termOf(m.entries[i]!)) s.log.splice(at);
            if (at >= s.log.length) s.log.push(m.entries[i]!);
          }
          const lastNew = m.prevLogIndex + m.entries.length;
          if (m.leaderCommit > s.commitIndex)
            s.commitIndex = Math.max(s.commitIndex, Math.min(m.leaderCommit, lastNew));
          apply(s);
          ctx.send(ctx.from, {
            type: "AppendEntriesReply",
            term: s.currentTerm,
            success: true,
            index: lastNew,
          });
          syncTimers(s, ctx);
        },
        AppendEntriesReply(s, m, ctx) {
          observeTerm(s, m.term);
          const j = ctx.from;
          const match = s.matchIndex[j] ?? 0;
          // Only a leader of the reply's term uses it, and only when it says something new: a
          // reply about an index already known to match is stale (reordered or duplicated).
          if (s.role === "leader" && m.term === s.currentTerm && m.index > match) {
            const next = s.nextIndex[j] ?? 1;
            if (m.success) {
              s.matchIndex[j] = m.index;
              s.nextIndex[j] = Math.max(next, m.index + 1);
              if (advanceCommit(s, ctx) && ctx.params.notifyCommit)
                for (const p of ctx.peers) sendAppend(s, ctx, p);
              else if (m.index < s.log.length && m.index + 1 > next) sendAppend(s, ctx, j);
            } else if (m.index < next) {
              s.nextIndex[j] = m.index; // retry from one entry earlier (Figure 2)
              sendAppend(s, ctx, j);
            }
          }
          syncTimers(s, ctx);
        },
      },
      byzantine: ({ self, state, params }) => {
        // A lying server votes for every candidate and acknowledges every leader's whole log.
        const out: { to: NodeId; msg: Msg }[] = [];
        for (const [to, v] of Object.entries(state.nodes.server).slice(params.byzantine)) {
          if (to === self) continue;
          if (v.role === "candidate")
            out.push({ to, msg: { type: "RequestVoteReply", term: v.currentTerm, granted: true } });
          if (v.role === "leader" && v.log.length > 0)
            out.push({
              to,
              msg: { type: "AppendEntriesReply", term: v.currentTerm, success: true, index: v.log.length },
            });
        }
        return out;
      },
    },
  },
  invariants: {
    /** At most one leader per term (Figure 3). */
    ElectionSafety: (s) => {
      const terms = new Set<number>();
      for (const v of Object.values(s.nodes.server)) {
        if (v.role !== "leader") continue;
        if (terms.has(v.currentTerm)) return false;
        terms.add(v.currentTerm);
      }
      return true;
    },
    /** Two logs with an entry of the same index and term are identical up to that index. */
    LogMatching: (s) => pairs(s).every(([a, b]) => logsMatch(a.log, b.log)),
    /**
     * Every leader has every entry committed in an earlier term or in its own. A server knows
     * entries to be committed up to the last entry of its current term within its commitIndex:
     * those were committed by the current-term rule; commitments of earlier terms are forgotten
     * once the server moves on (their entries are still checked by StateMachineSafety).
     */
    LeaderCompleteness: (s) => {
      const all = Object.values(s.nodes.server);
      for (const l of all) {
        if (l.role !== "leader") continue;
        for (const v of all) {
          if (v.currentTerm > l.currentTerm) continue;
          const n = knownCommitted(v);
          for (let i = 0; i < n; i++) if (v.log[i] !== l.log[i]) return false;
        }
      }
      return true;
    },
    /** No two servers apply different entries at the same index. */
    StateMachineSafety: (s) =>
      pairs(s).every(([a, b]) => isPrefix(a.applied, b.applied) || isPrefix(b.applied, a.applied)),
  },
  actionInvariants: {
    /** currentTerm never decreases, crashes included (it is durable). */
    TermsNeverDecrease: (before, after) =>
      Object.entries(after.nodes.server).every(
        ([id, v]) => v.currentTerm >= (before.nodes.server[id]?.currentTerm ?? 0),
      ),
    /** A leader never overwrites or deletes entries in its log (Figure 3). */
    LeaderAppendOnly: (before, after) =>
      Object.entries(after.nodes.server).every(([id, v]) => {
        const was = before.nodes.server[id];
        if (was?.role !== "leader" || v.role !== "leader" || was.currentTerm !== v.currentTerm) return true;
        return isPrefix(was.log, v.log);
      }),
  },
  properties: {
    leaderElected: eventually((s: State, p: Params) => {
      const honest = Object.values(s.nodes.server).slice(p.byzantine);
      return (
        honest.some((v) => v.role === "leader") ||
        (p.termsRunOut && honest.every((v) => v.currentTerm >= p.maxTerm))
      );
    }),
  },
  fairness: { weak: [each("deliver"), each("timer"), "restart", "heal"] },
  witnesses: {
    leaderElected: (s) => Object.values(s.nodes.server).some((v) => v.role === "leader"),
    commandCommitted: (s) => Object.values(s.nodes.server).some((v) => v.applied.length > 0),
    /** The leader of some term crashed (it created an entry in that term) and, while it was down, a leader of a later term was elected. */
    newLeaderAfterCrash: (s) => {
      const all = Object.entries(s.nodes.server);
      return all.some(
        ([id, x]) =>
          (s.crashed?.has(id) ?? false) &&
          x.log.includes(`${x.currentTerm}:${id}a`) &&
          all.some(([, l]) => l.role === "leader" && l.currentTerm > x.currentTerm),
      );
    },
  },
  bugs: {
    figure8: {
      params: {
        bug: "figure8",
        maxTerm: 4,
        candidates: 2,
        maxCrashes: 0,
        duplicating: false,
        maxInFlight: 4,
      },
      violates: "StateMachineSafety",
      doc: "Commits an entry of an earlier term by counting replicas; a later leader overwrites it.",
    },
    voteTwice: {
      params: { bug: "voteTwice" },
      violates: "ElectionSafety",
      doc: "Grants a vote without checking votedFor: two candidates win the same term.",
    },
    noUpToDateCheck: {
      params: { bug: "noUpToDateCheck" },
      violates: "LeaderCompleteness",
      doc: "Grants a vote without comparing logs: a leader without a committed entry is elected.",
    },
    splitVotes: {
      params: { termsRunOut: false },
      violates: "leaderElected",
      doc: "Without randomised timeouts, candidates can split the vote in every term: no leader is ever elected.",
    },
    byzantineFollower: {
      params: { byzantine: 1 },
      violates: "ElectionSafety",
      doc: "One server lies, voting for every candidate: two leaders in one term (PBFT needs 3f+1).",
    },
  },
});

function pairs(s: State): [Server, Server][] {
  const all = Object.values(s.nodes.server);
  const out: [Server, Server][] = [];
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) out.push([all[i]!, all[j]!]);
  return out;
}

function isPrefix(a: readonly Entry[], b: readonly Entry[]): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function logsMatch(a: readonly Entry[], b: readonly Entry[]): boolean {
  let k = Math.min(a.length, b.length) - 1;
  while (k >= 0 && termOf(a[k]!) !== termOf(b[k]!)) k--;
  for (let i = 0; i <= k; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** How many log entries a server knows were committed by the leader of its current term. */
function knownCommitted(v: Server): number {
  for (let n = Math.min(v.commitIndex, v.log.length); n > 0; n--)
    if (termOf(v.log[n - 1]!) === v.currentTerm) return n;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// State-space reductions: forget replies that can never change anything again, and store one
// state per orbit of the honest servers (symmetry).

/**
 * Whether an in-flight message is dead: delivering it changes nothing that is fingerprinted,
 * now or later. The arguments: terms only grow, and never beyond maxTerm; a server is candidate
 * or leader of a term at most once; a leader's matchIndex only grows; and dead replies are not
 * fingerprinted, so a delivery whose only effect is to send one is no change either.
 * - A reply is dead once its receiver is past the term it is about, or no longer the candidate
 *   or leader it was addressed to, or (AppendEntriesReply) already knows that much of the log.
 * - A stale request (older than its receiver's term) only makes the receiver answer with its
 *   newer term: dead once the sender is at maxTerm, when no answer can tell it anything.
 * - A vote request its receiver has refused for having voted for another in that term stays
 *   refused while that term lasts: dead once either is at maxTerm (unless votes may be cast twice).
 */
function dead(s: State, p: Params, from: NodeId, to: NodeId, m: Msg): boolean {
  const r = s.nodes.server[to];
  if (!r || m.term > r.currentTerm) return false;
  switch (m.type) {
    case "RequestVoteReply":
      return m.term < r.currentTerm || r.role !== "candidate" || !m.granted || r.votes.includes(from);
    case "AppendEntriesReply":
      return m.term < r.currentTerm || r.role !== "leader" || m.index <= (r.matchIndex[from] ?? 0);
    case "RequestVote": {
      const senderDone = (s.nodes.server[from]?.currentTerm ?? 0) >= p.maxTerm;
      if (m.term < r.currentTerm) return senderDone;
      const refused = p.bug !== "voteTwice" && r.votedFor !== null && r.votedFor !== from;
      return refused && (senderDone || r.currentTerm >= p.maxTerm);
    }
    case "AppendEntries":
      return m.term < r.currentTerm && (s.nodes.server[from]?.currentTerm ?? 0) >= p.maxTerm;
  }
}

type Net = ReadonlyMap<string, number | readonly string[]>;

/**
 * The network without its dead messages. Only for a bag or set of messages: in a FIFO queue a
 * dead message still delays the ones behind it, so forgetting it would merge states that are not
 * equivalent; ordered networks are kept whole.
 */
function liveNet(s: State, p: Params): Net {
  if (p.network === "ordered") return s.net;
  const out = new Map<string, number | readonly string[]>();
  for (const [key, v] of s.net) {
    const env = parseEnvelope(key);
    if (!dead(s, p, env.from, env.to, env.msg as Msg)) out.set(key, v);
  }
  return out;
}

/** What is fingerprinted without symmetry (`--no-symmetry`): the state without dead messages. */
function withoutDeadMessages(s: State, p: Params): unknown {
  return {
    nodes: s.nodes,
    net: liveNet(s, p),
    timers: s.timers,
    crashed: s.crashed,
    partition: s.partition,
    faults: s.faults,
  };
}

/**
 * A renaming of server ids. Ids are `n<k>`, and nothing else in a message text, an entry or a
 * timer key has an "n" followed by a digit (no field name does), so one regular expression
 * renames them all. Renamed texts and servers are memoised: the same few hundred texts and
 * (immer-shared, frozen) server objects recur in state after state.
 */
class Renaming {
  private readonly texts = new Map<string, string>();
  private readonly prints = new Map<string, string>();
  private readonly servers = new WeakMap<Server, Server>();
  constructor(private readonly ids: ReadonlyMap<string, string>) {}

  id(id: NodeId): NodeId {
    return this.ids.get(id) ?? id;
  }

  text(t: string): string {
    let out = this.texts.get(t);
    if (out === undefined) {
      out = t.replace(/n\d+/g, (id) => this.id(id));
      this.texts.set(t, out);
    }
    return out;
  }

  /** The fingerprint of a renamed message text: hashing 16 characters instead of a long text. */
  textPrint(t: string): string {
    let out = this.prints.get(t);
    if (out === undefined) {
      out = fingerprint(this.text(t));
      this.prints.set(t, out);
    }
    return out;
  }

  private keys(r: Readonly<Record<NodeId, number>>): Record<NodeId, number> {
    const out: Record<NodeId, number> = {};
    for (const [k, v] of Object.entries(r)) out[this.id(k)] = v;
    return out;
  }

  server(v: Server): Server {
    let out = this.servers.get(v);
    if (!out) {
      out = {
        currentTerm: v.currentTerm,
        votedFor: v.votedFor === null ? null : this.id(v.votedFor),
        log: v.log.map((e) => this.text(e)),
        role: v.role,
        votes: v.votes.map((id) => this.id(id)).sort(),
        commitIndex: v.commitIndex,
        nextIndex: this.keys(v.nextIndex),
        matchIndex: this.keys(v.matchIndex),
        applied: v.applied.map((e) => this.text(e)),
      };
      this.servers.set(v, out);
    }
    return out;
  }

  /** The state with ids renamed, as a value to fingerprint (not a state to explore). */
  state(s: State, net: Net, all: readonly NodeId[]): unknown {
    const servers: Record<NodeId, Server> = {};
    for (const [id, v] of Object.entries(s.nodes.server)) servers[this.id(id)] = this.server(v);
    const renamedNet = new Map<string, number | readonly string[]>();
    for (const [k, v] of net)
      renamedNet.set(this.textPrint(k), typeof v === "number" ? v : v.map((t) => this.textPrint(t)));
    let partition: NodeId[] | null | undefined = s.partition === undefined ? undefined : null;
    if (s.partition) {
      // A partition is named by the side without the first server: rename, then re-normalise.
      const side = new Set(s.partition.map((id) => this.id(id)));
      const first = side.has(all[0]!);
      partition = all.filter((id) => side.has(id) !== first);
    }
    return {
      servers,
      net: renamedNet,
      timers: s.timers && new Set([...s.timers].map((t) => this.text(t))),
      crashed: s.crashed && new Set([...s.crashed].map((id) => this.id(id))),
      partition,
      faults: s.faults,
    };
  }
}

const renamings = new Map<string, Renaming>();

/** The renaming that sends `from[i]` to `to[i]` (memoised, with its memoised texts). */
function renaming(from: readonly NodeId[], to: readonly NodeId[]): Renaming {
  const key = `${from.join(",")}>${to.join(",")}`;
  let r = renamings.get(key);
  if (!r) {
    r = new Renaming(new Map(from.map((id, i) => [id, to[i]!])));
    renamings.set(key, r);
  }
  return r;
}

/** What a server looks like without its id or any other: renaming cannot change it. */
function signature(id: NodeId, v: Server, s: State): string {
  const voted = v.votedFor === null ? "-" : v.votedFor === id ? "s" : "o";
  const own = `:${id}`;
  const log = v.log.map((e) => `${termOf(e)}${e.includes(own) ? "s" : "o"}`).join(",");
  const crashed = s.crashed?.has(id) ? "x" : "";
  const match = Object.values(v.matchIndex).sort().join(",");
  const next = Object.values(v.nextIndex).sort().join(",");
  return `${v.currentTerm}${v.role[0]}${voted}${crashed}|${log}|${v.commitIndex}|${v.votes.length}|${match}|${next}`;
}

/** Every ordering of a list (used on groups of servers with equal signatures: small). */
function orderings<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => orderings([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/**
 * A representative of the state's orbit under renamings of the servers that are interchangeable:
 * the honest ones (the Byzantine ones, first, keep their ids), within two classes when only some
 * may stand for election (`candidates`). Dead messages are forgotten first. Within each class
 * the servers are sorted by signature and renamed in that order to the class's own ids; servers
 * with equal signatures may be renamed in any order, so each such ordering is tried and the
 * least fingerprint wins. All states of one orbit have the same candidate renamings, hence the
 * same representative; usually the signatures differ and one renaming is fingerprinted instead
 * of servers! of them.
 */
function canonical(s: State, p: Params): unknown {
  const net = liveNet(s, p);
  const all = Object.keys(s.nodes.server);
  const honest = all.slice(p.byzantine);
  const classes = [honest.filter((id) => mayTimeOut(id, p)), honest.filter((id) => !mayTimeOut(id, p))];
  const sig = new Map(honest.map((id) => [id, signature(id, s.nodes.server[id]!, s)]));
  const bySig = (a: NodeId, b: NodeId) =>
    sig.get(a)! < sig.get(b)! ? -1 : sig.get(a)! > sig.get(b)! ? 1 : 0;
  let orders: NodeId[][] = [[]];
  for (const sorted of classes.map((c) => [...c].sort(bySig))) {
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sig.get(sorted[j]!) === sig.get(sorted[i]!)) j++;
      const group = orderings(sorted.slice(i, j));
      orders = orders.flatMap((o) => group.map((g) => [...o, ...g]));
      i = j;
    }
  }
  const targets = classes.flat();
  let best = "";
  for (const order of orders) {
    const f = fingerprint(renaming(order, targets).state(s, net, all));
    if (best === "" || f < best) best = f;
  }
  return best;
}

/** The number of live messages in flight, copies counted. */
function liveMessages(s: State, p: Params): number {
  let n = 0;
  for (const v of liveNet(s, p).values()) n += typeof v === "number" ? v : v.length;
  return n;
}

export default defineSpec({
  ...actors.definition,
  constraint: (s, p) => liveMessages(s, p as unknown as Params) <= (p as unknown as Params).maxInFlight,
  constraintApplies: (p) => (p as unknown as Params).maxInFlight > 0,
  view: (s, p) => withoutDeadMessages(s, p as unknown as Params),
  symmetry: {
    size: (p) => (p as unknown as Params).servers - (p as unknown as Params).byzantine,
    canonical: (s, p) => canonical(s, p as unknown as Params),
  },
});
