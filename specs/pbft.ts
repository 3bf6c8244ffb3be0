/**
 * PBFT, the normal case (Castro & Liskov, "Practical Byzantine Fault Tolerance", OSDI 1999,
 * section 4.2), on the actor layer (docs/protocols/pbft.md).
 *
 * n = 3f + 1 replicas order client requests although f of them are Byzantine. In view v the
 * primary is replica (v mod n) + 1. It gives a client request m the next sequence number n and
 * multicasts PRE-PREPARE(v, n, m). A backup accepts a pre-prepare from the primary of its
 * view, with n in its window, unless it has already accepted one for (v, n) with another
 * request; it then multicasts PREPARE(v, n, m). A replica is *prepared* for (m, v, n) when its
 * log holds the pre-prepare and 2f matching prepares from different backups (a backup's own
 * included; the primary sends none): with the pre-prepare, 2f + 1 replicas vouch for m at n.
 * A prepared replica multicasts COMMIT(v, n, m) and is *committed-local* once its log holds
 * 2f + 1 matching commits from different replicas (its own included).
 *
 * What is modelled, and how:
 * - Replicas r1..r(3f+1), and one client that sends its `requests` requests a, b, ... to the
 *   primary. A request is named by its digest (the digest function is the identity). No
 *   replies, no retransmission by the client: they concern the client's liveness, not the
 *   replicas' agreement. A replica's log maps (seq, request) to the replicas whose prepare
 *   (commit) it holds; `prepared` and `committed` (committed-local) are derived from the log
 *   after every delivery and kept as fields so that traces show them.
 * - Byzantine replicas are the actor layer's: `-p byzantine=k` makes r1..rk Byzantine (default
 *   1 = f). They run no handler; at any step one of them may send any pre-prepare (if it is
 *   the primary), prepare (if a backup) or commit of the modelled view, for any sequence number
 *   in the window and any client request, to any honest replica — different messages to
 *   different replicas included. So a Byzantine primary equivocates (PRE-PREPARE(0, 1, a) to
 *   r2, PRE-PREPARE(0, 1, b) to r3), and Byzantine backups send conflicting prepares and
 *   commits (with an honest primary these are pointless: every honest replica holds the same
 *   pre-prepare and ignores the rest). They cannot forge an honest replica's message (messages are authenticated: the
 *   layer stamps the true sender) nor invent a request (requests are signed by the client).
 *   Messages every honest replica ignores (a prepare from the primary, a pre-prepare from a
 *   backup, another view, a sequence number outside the window) are not offered.
 * - Which replica is the primary: view 0 (the default) makes r1 primary, so the Byzantine
 *   replica is the primary; `-p view=1` makes the honest r2 primary, with r1 a Byzantine backup.
 * - View change is not modelled: the model is one view, `view`, and replicas never leave it.
 *   So liveness under a faulty primary is not modelled (a Byzantine primary can stall the view
 *   forever; PBFT's remedy is the view change), nor is carrying prepared requests into a new
 *   view. What is checked is the safety of the normal case within one view, against every
 *   behaviour of the Byzantine replicas. Within one view agreement already follows from the
 *   prepare quorum (two prepare certificates for different requests at one seq would share an
 *   honest replica that accepted both); the commit quorum is what the view change relies on:
 *   committed-local at an honest replica implies *committed*, i.e. prepared at f + 1 honest
 *   replicas, one of which is in any view-change quorum. That invariant of the paper is exported
 *   as `committedLocalImpliesCommitted` for the tests; `-p bug=smallCommitQuorum` breaks it
 *   while agreement still holds, which is exactly what a one-view model cannot see.
 * - The window: sequence numbers 1..seqs (the low and high water marks; no checkpoints, no
 *   garbage collection). An honest primary numbers requests in arrival order, once each.
 * - The network is the layer's bag (any reordering), with no loss by default. Replicas keep
 *   everything on disk. Requests are not executed: agreement is about what commits.
 *
 * Reductions (`reduce=true`, the default; `reduce=false` is the literal model). Properties read
 * only the honest replicas' pre-prepared, prepared and committed fields ("the honest
 * predicates"); both reductions keep the set of honest predicates reachable in k steps, for
 * every k, so every property keeps its verdict and its shortest counterexample:
 * 1. The adversary. The literal adversary (`anyVote`) may send any message above at any step.
 *    The reduced one (`forgeries`) sends one message at a time — none while a Byzantine message
 *    is in flight — and only one that would count if delivered now: a pre-prepare to a replica
 *    without one for that seq, a prepare matching the replica's pre-prepare before it is
 *    prepared, a commit matching it after it is prepared and before it is committed, each from
 *    a sender not yet in that log entry. Every such message is one the literal adversary may
 *    send, so nothing is added. Nothing is lost: take any literal run. A Byzantine send changes
 *    no honest state and the literal adversary may send its messages in any state, so each
 *    send can be moved to just before its delivery (then no copy of it is in flight, as the
 *    layer requires), and a send never delivered dropped. A
 *    delivery that changes no honest predicate, now or later (a message ignored, or logged
 *    where no handler will read it), is dropped with its send. A prepare that arrives before
 *    the pre-prepare it matches, or a commit before the replica is prepared, only waits in the
 *    log, which no handler reads until then; its send and delivery move to just after the step
 *    that first reads it, and that step plus the pair end in the same state as before (or the
 *    message no longer counts and is dropped). Honest steps keep their order, and each reaches
 *    the honest predicates it reached before, no later. Every forged message is now delivered
 *    right after it is sent, so none is in flight at a send, and each counts: the result is a
 *    run of the reduced adversary, no longer than the original.
 * 2. The fingerprint (`liveView`). States are fingerprinted without what can no longer matter:
 *    an honest message whose delivery would change nothing, now or later (another view or seq, a
 *    pre-prepare to a replica that has accepted one, a prepare or commit not matching the
 *    replica's pre-prepare, from a sender already logged, or arriving after prepared /
 *    committed — each permanent, since logs only grow and pre-prepared, prepared and committed
 *    are never undone); log entries no handler reads again (other requests' entries once a
 *    pre-prepare is accepted, prepares once prepared, commits once committed); and the states of
 *    Byzantine replicas and the client, which never change. Two states with the same view have
 *    the same honest predicates and the same successors up to the same view. Byzantine messages
 *    in flight are always kept, because the reduced adversary reads them.
 * The literal model is too large to explore to the bugs' depths (docs/protocols/pbft.md), so
 * test/specs/pbft.test.ts checks each reduction on its own: the view against whole-state
 * fingerprints (the same shortest counterexamples; the same honest predicates at each depth up
 * to 10), and the adversary against the literal one (the same honest predicates at each depth
 * up to 5; literal random walks, which reach both violations, never ahead of the reduced model).
 *
 * Bounds and defaults: f = 1 (4 replicas), one Byzantine replica (the primary r1), 2 requests,
 * 1 sequence number, view 0: 9,739 states, about 2 s. The state space is a product over
 * sequence numbers (`seqs=2` runs to millions of states), so larger configurations are
 * documented in docs/protocols/pbft.md.
 *
 * Properties. `agreement`: no two honest replicas commit (committed-local) different requests
 * at the same sequence number (in the one view). Witness `committedEverywhere`: a request
 * commits at every honest replica.
 *
 * Bugs:
 * - `smallQuorum`: quorums of 2f instead of 2f + 1 (the pre-prepare and 2f - 1 prepares; 2f
 *   commits). A Byzantine primary pre-prepares a at r2 and b at r3; each is prepared at once
 *   and commits with the primary's commit (breaks `agreement`, 8 steps).
 * - `tooManyFaulty`: f + 1 = 2 Byzantine replicas with n = 3f + 1 = 4 (for f = 1; with f = 2
 *   use `-p byzantine=3`). The Byzantine primary and backup vouch for a at r3 and for b at r4
 *   (breaks `agreement`, 16 steps).
 * - `-p bug=smallCommitQuorum` (a value of `bug`, not a preset, since `agreement` holds):
 *   2f commits instead of 2f + 1, prepares unchanged. `committedLocalImpliesCommitted` fails
 *   in 7 steps: r3 commits a with its own commit and the primary's, prepared alone.
 */

import {
  type ActorContext,
  type ActorState,
  type Draft,
  defineActors,
  formatEnvelope,
  inFlight,
  type NodeId,
} from "../src/index.js";

/** A client request, named by its digest: the model's digest function is the identity. */
type Req = string;

type Msg =
  | { type: "Request"; req: Req }
  | { type: "PrePrepare"; view: number; seq: number; req: Req }
  | { type: "Prepare"; view: number; seq: number; req: Req }
  | { type: "Commit"; view: number; seq: number; req: Req };

/** A replica's message log and the predicates the paper defines over it. */
interface Replica {
  /** Accepted pre-prepares: seq -> request (the primary: the requests it assigned). */
  prePrepared: Record<string, Req>;
  /** Prepares in the log: "seq:req" -> senders, sorted (a backup's own prepare included). */
  prepares: Record<string, NodeId[]>;
  /** Commits in the log: "seq:req" -> senders, sorted (its own included). */
  commits: Record<string, NodeId[]>;
  /** prepared(req, view, seq): seq -> req. Derived from the log; kept so that traces show it. */
  prepared: Record<string, Req>;
  /** committed-local(req, view, seq): seq -> req. Derived from the log, as `prepared`. */
  committed: Record<string, Req>;
}

interface Params {
  readonly f: number;
  readonly requests: number;
  readonly seqs: number;
  readonly view: number;
  readonly bug: string;
  readonly reduce: boolean;
  readonly byzantine: number;
}

type Ctx = ActorContext<Msg, string, Params>;

const NAMES = "abcdefgh";

/** The requests the client issues: "a", "b", ... */
function requestsOf(p: Params): Req[] {
  return Array.from(NAMES.slice(0, p.requests));
}

/** Replica ids r1..r(3f+1). */
function replicaIds(p: { readonly f: number }): NodeId[] {
  return Array.from({ length: 3 * p.f + 1 }, (_, i) => `r${i + 1}`);
}

/** The primary of the modelled view: replica (view mod n) + 1. */
function primaryOf(p: Params): NodeId {
  return `r${(p.view % (3 * p.f + 1)) + 1}`;
}

/** The replicas that follow the protocol: the Byzantine ones are the first `byzantine`. */
function honestIds(p: Params): NodeId[] {
  return replicaIds(p).slice(p.byzantine);
}

/** Prepares needed (besides the pre-prepare) to be prepared: 2f, so 2f + 1 replicas vouch. */
function prepareQuorum(p: Params): number {
  return p.bug === "smallQuorum" ? 2 * p.f - 1 : 2 * p.f;
}

/** Commits needed to be committed-local: 2f + 1. */
function commitQuorum(p: Params): number {
  return p.bug === "smallQuorum" || p.bug === "smallCommitQuorum" ? 2 * p.f : 2 * p.f + 1;
}

function slot(seq: number, req: Req): string {
  return `${seq}:${req}`;
}

function has(log: Readonly<Record<string, readonly NodeId[]>>, key: string, id: NodeId): boolean {
  return log[key]?.includes(id) ?? false;
}

/** Adds a sender to a log entry, keeping it sorted (one canonical form per set of senders). */
function addSender(log: Record<string, NodeId[]>, key: string, id: NodeId): void {
  const senders = log[key] ?? [];
  if (senders.includes(id)) return;
  log[key] = [...senders, id].sort();
}

/** Re-evaluates prepared and committed-local for one sequence number, sending a commit once prepared. */
function advance(s: Draft<Replica>, seq: number, ctx: Ctx): void {
  const req = s.prePrepared[seq];
  if (req === undefined) return;
  const key = slot(seq, req);
  if (s.prepared[seq] === undefined && (s.prepares[key]?.length ?? 0) >= prepareQuorum(ctx.params)) {
    s.prepared[seq] = req;
    addSender(s.commits, key, ctx.self);
    ctx.broadcast({ type: "Commit", view: ctx.params.view, seq, req }, "replica");
  }
  if (
    s.prepared[seq] !== undefined &&
    s.committed[seq] === undefined &&
    (s.commits[key]?.length ?? 0) >= commitQuorum(ctx.params)
  )
    s.committed[seq] = req;
}

/** Whether a message belongs to the modelled view and the window of sequence numbers. */
function inWindow(m: { view: number; seq: number }, p: Params): boolean {
  return m.view === p.view && m.seq >= 1 && m.seq <= p.seqs;
}

export default defineActors({
  name: "pbft",
  summary: "PBFT's normal case in one view: pre-prepare, prepare, commit; 3f+1 replicas, f Byzantine.",
  messages: {} as Msg,
  params: {
    f: { default: 1, min: 1, max: 2, doc: "faults tolerated: n = 3f + 1 replicas, quorums of 2f + 1" },
    requests: { default: 2, min: 1, max: 4, doc: "client requests (a, b, ...)" },
    seqs: { default: 1, min: 1, max: 3, doc: "sequence numbers in the window (1..seqs)" },
    view: {
      default: 0,
      min: 0,
      max: 6,
      doc: "the one view modelled (no view change); its primary is r((view mod n) + 1)",
    },
    bug: {
      default: "none",
      values: ["none", "smallQuorum", "smallCommitQuorum"],
      doc: "inject a known bug (smallCommitQuorum: 2f commits only; agreement still holds in one view)",
    },
    reduce: {
      default: true,
      doc: "the reduced adversary and fingerprint (false: the literal adversary, whole states)",
    },
  },
  faults: { byzantine: 1 },
  nodes: {
    replica: {
      count: (p) => 3 * p.f + 1,
      prefix: "r",
      init: (): Replica => ({ prePrepared: {}, prepares: {}, commits: {}, prepared: {}, committed: {} }),
      durable: ["prePrepared", "prepares", "commits", "prepared", "committed"],
      onMessage: {
        Request(s, m, ctx) {
          if (ctx.self !== primaryOf(ctx.params)) return;
          const assigned = Object.values(s.prePrepared);
          const seq = assigned.length + 1;
          if (assigned.includes(m.req) || seq > ctx.params.seqs) return;
          s.prePrepared[seq] = m.req;
          ctx.broadcast({ type: "PrePrepare", view: ctx.params.view, seq, req: m.req }, "replica");
          advance(s, seq, ctx); // prepares may have arrived before the request
        },
        PrePrepare(s, m, ctx) {
          const primary = primaryOf(ctx.params);
          if (ctx.from !== primary || ctx.self === primary || !inWindow(m, ctx.params)) return;
          if (s.prePrepared[m.seq] !== undefined) return; // one pre-prepare per (view, seq)
          s.prePrepared[m.seq] = m.req;
          addSender(s.prepares, slot(m.seq, m.req), ctx.self);
          ctx.broadcast({ type: "Prepare", view: m.view, seq: m.seq, req: m.req }, "replica");
          advance(s, m.seq, ctx);
        },
        Prepare(s, m, ctx) {
          // Prepares count only from backups: the primary's pre-prepare stands for its vote.
          if (ctx.from === primaryOf(ctx.params) || !inWindow(m, ctx.params)) return;
          addSender(s.prepares, slot(m.seq, m.req), ctx.from);
          advance(s, m.seq, ctx);
        },
        Commit(s, m, ctx) {
          if (!inWindow(m, ctx.params)) return;
          addSender(s.commits, slot(m.seq, m.req), ctx.from);
          advance(s, m.seq, ctx);
        },
      },
      byzantine: ({ self, state, params }) => (params.reduce ? forgeries : anyVote)(self, state, params),
    },
    client: {
      count: 1,
      init: () => ({}),
      crashable: false,
      onStart(_s, ctx) {
        for (const req of requestsOf(ctx.params)) ctx.send(primaryOf(ctx.params), { type: "Request", req });
      },
    },
  },
  view: (s, p) => (p.reduce ? liveView(s, p) : s),
  invariants: {
    /** No two honest replicas commit different requests at the same sequence number. */
    agreement: (s, p) => {
      for (let seq = 1; seq <= p.seqs; seq++) {
        let seen: Req | undefined;
        for (const id of honestIds(p)) {
          const c = s.nodes.replica[id]?.committed[seq];
          if (c === undefined) continue;
          if (seen !== undefined && c !== seen) return false;
          seen = c;
        }
      }
      return true;
    },
  },
  witnesses: {
    /** Some request commits at every honest replica. */
    committedEverywhere: (s, p) => {
      for (let seq = 1; seq <= p.seqs; seq++)
        if (honestIds(p).every((id) => s.nodes.replica[id]?.committed[seq] !== undefined)) return true;
      return false;
    },
  },
  bugs: {
    smallQuorum: {
      params: { bug: "smallQuorum" },
      violates: "agreement",
      doc: "Quorums of 2f instead of 2f + 1: the pre-prepare and 2f - 1 prepares, 2f commits.",
    },
    tooManyFaulty: {
      params: { byzantine: 2 },
      violates: "agreement",
      doc: "f + 1 = 2 Byzantine replicas with n = 3f + 1 = 4 (f = 1).",
    },
  },
});

type State = ActorState<{ replica: Replica; client: Record<string, never> }, Msg>;

/** The global state, for tests. */
export type PbftState = State;

/**
 * The paper's invariant for the commit phase (section 4.2): if committed-local(m, v, n, i)
 * holds at an honest replica i, then committed(m, v, n) holds: m is prepared at f + 1 honest
 * replicas. It is what lets a committed request survive a view change; the model has no view
 * change, so it is not one of the spec's invariants (tests add it).
 */
export function committedLocalImpliesCommitted(
  s: PbftState,
  p: { readonly f: number; readonly seqs: number; readonly byzantine: number },
): boolean {
  const honest = replicaIds(p).slice(p.byzantine);
  for (let seq = 1; seq <= p.seqs; seq++)
    for (const id of honest) {
      const req = s.nodes.replica[id]?.committed[seq];
      if (req === undefined) continue;
      const prepared = honest.filter((h) => s.nodes.replica[h]?.prepared[seq] === req).length;
      if (prepared < p.f + 1) return false;
    }
  return true;
}

/** Whether delivering `m` (from `from`) to `r` could still change `r`'s state. */
function live(r: Replica, from: NodeId, m: Msg, p: Params): boolean {
  if (m.type === "Request") return true;
  if (!inWindow(m, p)) return false;
  const pp = r.prePrepared[m.seq];
  if (m.type === "PrePrepare") return pp === undefined;
  if (pp !== undefined && pp !== m.req) return false;
  const key = slot(m.seq, m.req);
  if (m.type === "Prepare") return r.prepared[m.seq] === undefined && !has(r.prepares, key, from);
  return r.committed[m.seq] === undefined && !has(r.commits, key, from);
}

/**
 * The part of a replica's log that can still change what it does, per seq: its pre-prepare;
 * its prepares until prepared (only the pre-prepare's entry once there is one); its commits
 * until committed, then what it committed.
 */
function liveLog(r: Replica, p: Params): unknown {
  const keep = (log: Record<string, NodeId[]>, seq: number, req: Req | undefined) =>
    Object.entries(log).filter(([k]) => (req === undefined ? k.startsWith(`${seq}:`) : k === slot(seq, req)));
  const out: unknown[] = [];
  for (let seq = 1; seq <= p.seqs; seq++) {
    const pp = r.prePrepared[seq];
    out.push(
      pp ?? null,
      r.prepared[seq] === undefined ? keep(r.prepares, seq, pp) : null,
      r.committed[seq] ?? keep(r.commits, seq, pp),
    );
  }
  return out;
}

/** The fingerprinted view (reduction 2 of the header): honest live logs, live messages. */
function liveView(s: State, p: Params): unknown {
  const byz = new Set(replicaIds(p).slice(0, p.byzantine));
  const net: string[] = [];
  for (const m of inFlight(s)) {
    const r = s.nodes.replica[m.to];
    if (byz.has(m.from) || !r || live(r, m.from, m.msg, p)) net.push(`${formatEnvelope(m)} x${m.copies}`);
  }
  const replicas = honestIds(p).map((id) => liveLog(s.nodes.replica[id]!, p));
  return { ...s, nodes: replicas, net };
}

type Forge = (self: NodeId, s: State, p: Params) => { to: NodeId; msg: Msg }[];

/** The literal adversary: any pre-prepare (as primary) or prepare (as backup), and any commit, at any time. */
const anyVote: Forge = (self, _s, p) => {
  const out: { to: NodeId; msg: Msg }[] = [];
  const primary = primaryOf(p);
  for (const to of honestIds(p))
    for (let seq = 1; seq <= p.seqs; seq++)
      for (const req of requestsOf(p)) {
        const v = { view: p.view, seq, req };
        out.push({ to, msg: { type: self === primary ? "PrePrepare" : "Prepare", ...v } });
        out.push({ to, msg: { type: "Commit", ...v } });
      }
  return out;
};

/** The reduced adversary (reduction 1 of the header): one message at a time, and only one that counts. */
const forgeries: Forge = (self, state, params) => {
  const byz = new Set(replicaIds(params).slice(0, params.byzantine));
  if (inFlight(state).some((m) => byz.has(m.from))) return [];
  const primary = primaryOf(params);
  const out: { to: NodeId; msg: Msg }[] = [];
  const view = params.view;
  for (const to of honestIds(params)) {
    const r = state.nodes.replica[to];
    if (!r) continue;
    for (let seq = 1; seq <= params.seqs; seq++) {
      const pp = r.prePrepared[seq];
      if (pp === undefined) {
        if (self === primary)
          for (const req of requestsOf(params)) out.push({ to, msg: { type: "PrePrepare", view, seq, req } });
        continue;
      }
      const key = slot(seq, pp);
      if (self !== primary && r.prepared[seq] === undefined && !has(r.prepares, key, self))
        out.push({ to, msg: { type: "Prepare", view, seq, req: pp } });
      if (r.prepared[seq] !== undefined && r.committed[seq] === undefined && !has(r.commits, key, self))
        out.push({ to, msg: { type: "Commit", view, seq, req: pp } });
    }
  }
  return out;
};
