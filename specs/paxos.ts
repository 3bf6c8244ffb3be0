/**
 * Single-decree Paxos (Lamport, "Paxos Made Simple", 2001), on the actor layer
 * (docs/protocols/paxos.md).
 *
 * Proposers, acceptors and learners agree on one value. A proposer runs a ballot: phase 1a
 * sends Prepare(b) to every acceptor; an acceptor that has promised nothing higher promises b
 * (phase 1b: Promise, carrying the last vote it cast, if any); with promises from a majority the
 * proposer sends Accept(b, v) (phase 2a), where v is the value of the highest-ballot vote among
 * those promises, or its own value if none voted; an acceptor that has promised nothing higher
 * than b votes for (b, v) and tells the learners (phase 2b: Accepted). A value is *chosen* when
 * a majority of acceptors voted for it in one ballot; a learner learns it when it has heard
 * those votes. An acceptor that refuses a request answers Nack(promised) with its promise — the
 * optimisation the paper suggests — so that a preempted proposer learns that it lost.
 *
 * What is modelled, and how:
 * - `proposers` proposers p1, p2, ..., pk proposing the value "vk"; `acceptors` acceptors with
 *   majority quorums; `learners` learners. Ballots are owned: ballot b belongs to proposer
 *   ((b - 1) mod proposers) + 1, so no two proposers ever use the same ballot.
 * - Every proposer starts one ballot at start (leader election has not settled yet). When
 *   refused, the distinguished proposer p1 (section 2.4 of the paper; `leader=true`) restarts
 *   phase 1 with its next ballot above the promise it was refused with, and the others give
 *   up (they defer to the leader). With `leader=false` every proposer restarts.
 * - The network is the actor layer's bag (any reordering). Loss, duplication, crashes and
 *   partitions are the layer's budgets, off by default (see below). Acceptors keep everything
 *   on disk, as Paxos requires; a proposer keeps its last ballot and restarts above it; a
 *   learner keeps what it heard. No retransmission timer: with three acceptors a majority
 *   masks one loss (`-p maxDrops=1 -p learners=0` holds `eventuallyChosen`).
 * - Each acceptor also keeps `votes`, every (ballot, value) it has voted for: a history
 *   variable (Lamport's `votes` in Voting.tla) that no handler reads and from which the
 *   invariants compute what is chosen. It costs no states while no Accepted is lost: it is then
 *   what the learners heard plus what is in flight to them.
 *
 * The canonical form of a state, applied after every step; both parts merge only states with
 * the same futures, so every property keeps its verdict:
 * - Dead messages are removed: a Promise or Nack of a ballot the proposer has moved past, a
 *   Promise it already counted, a Nack to a proposer that has given up for good, an Accepted
 *   the learner already has or no longer needs. Their delivery could only remove them.
 * - Ballots are relative. Paxos only compares ballots and asks for "my next ballot above b";
 *   shifting every ballot in the system down by a multiple of `proposers` preserves both
 *   (order and ownership), so it is an exact symmetry of the protocol and sound for safety
 *   and liveness alike. The model shifts so that the oldest ballot still present (in a node
 *   or a message) is one of 1..proposers. This is what lets duelling proposers' ever-higher
 *   ballots close a cycle: the livelock is a real lasso that replays state by state. A trace
 *   shows a shift as every ballot dropping by a multiple of `proposers` in one step.
 *   `maxBallot` bounds the spread above the oldest ballot: a proposer whose next ballot would
 *   exceed it gives up, which a Paxos proposer may always do, so no behaviour is added. (A
 *   stale vote pins the oldest ballot, so the spread needs a bound; duelling proposers whose
 *   messages are all delivered leave nothing stale, and cycle within it. Ballots modulo a
 *   bound would be unsound instead: a stale vote from an earlier lap would compare as new.)
 *
 * Bounds and defaults: 2 proposers, 3 acceptors, 1 learner, maxBallot 2 (one ballot each: the
 * bound itself plays the part of leader election, so the leader never needs to retry), no
 * faults: 61,377 states. Every additional message multiplies the state space — a third ballot
 * takes it past a million states, a drop with a learner to ~315,000 — so those configurations
 * are documented in docs/protocols/paxos.md and the tests use smaller ones:
 * `-p acceptors=2 -p maxBallot=3` (the leader is refused and outbids p2), and
 * `-p learners=0 -p maxDrops=1` (a lost message is masked by the majority).
 *
 * Properties. `agreement`: at most one value is chosen, and learners learn only that value.
 * `validity`: a chosen or learned value is some proposer's value. Liveness `eventuallyChosen`:
 * some value is eventually chosen, under weak fairness of delivery (and of restart and heal).
 * The distinguished proposer acts only on deliveries, so fair delivery is what "fairly
 * scheduled" means for it. Fairness of `deliver` as a whole is as strong here as fairness of
 * each message (`each("deliver")`): every cycle of this model restarts a ballot, so it shifts
 * ballots, and a message still in flight would pin the oldest ballot and stop the shift; so
 * every fair cycle delivers every message it carries. The whole-action form lets the checker
 * report a short lasso; test/specs/paxos.test.ts checks that both forms agree.
 *
 * Bugs:
 * - `ignorePromisedValue`: phase 2a sends the proposer's own value instead of the value of the
 *   highest-ballot vote reported in the promises; a second ballot overwrites a chosen value
 *   (breaks `agreement`).
 * - `acceptLowerBallot`: an acceptor votes for an Accept below its promise; a late Accept of an
 *   old ballot completes a second majority after another value was chosen (breaks `agreement`).
 * - `duelingProposers` (`leader=false`, 2 acceptors, `maxBallot=4`, no learner): without a
 *   distinguished proposer, two proposers preempt each other forever, each Prepare landing
 *   between the other's Prepare and Accept: the livelock that FLP says no asynchronous
 *   consensus protocol can rule out (breaks `eventuallyChosen`; safety holds). Two acceptors
 *   keep the check to ~21,000 states; with three, the same duel exists but the state space
 *   runs to millions.
 */

import {
  type ActorContext,
  type ActorState,
  defineActors,
  defineSpec,
  eventually,
  messageText,
  type NodeId,
  parseEnvelope,
  parseMessage,
} from "../src/index.js";

/** A proposal value: proposer pk proposes "vk". */
type Value = string;

type Msg =
  | { type: "Prepare"; bal: number }
  | { type: "Promise"; bal: number; vbal?: number; vval?: Value }
  | { type: "Accept"; bal: number; val: Value }
  | { type: "Accepted"; bal: number; val: Value }
  | { type: "Nack"; promised: number };

interface Proposer {
  /** The ballot of the current (or last) attempt; 0 before the first (durable). */
  ballot: number;
  /** prepare: phase 1 of `ballot`; accept: phase 2a sent; idle: gave up (or never started). */
  phase: "idle" | "prepare" | "accept";
  /** Acceptors that promised `ballot`, sorted (phase 1 only; else empty). */
  promises: NodeId[];
  /** The highest-ballot vote reported in the promises so far: its ballot (0: none) and value. */
  vbal: number;
  vval: Value | null;
}

interface Acceptor {
  /** The highest ballot promised (phase 1b) or voted in (2b); 0: none. */
  maxBal: number;
  /** The ballot and value of the last vote cast; 0 and null: none. */
  maxVBal: number;
  maxVal: Value | null;
  /** History variable: every vote ever cast, ballot -> value. Read by invariants only. */
  votes: Record<string, Value>;
}

interface Learner {
  /** Per ballot, the acceptors heard voting in it, sorted. */
  heard: Record<string, NodeId[]>;
  /** The value learned, once a majority voted for it in one ballot. */
  learned: Value | null;
}

type State = ActorState<{ proposer: Proposer; acceptor: Acceptor; learner: Learner }, Msg>;

/** The global state, for tests and properties. */
export type PaxosState = State;

interface PaxosParams {
  readonly proposers: number;
  readonly maxCrashes: number;
  readonly acceptors: number;
  readonly maxBallot: number;
  readonly leader: boolean;
  readonly bug: string;
}

const BUGS = ["none", "ignorePromisedValue", "acceptLowerBallot"] as const;

const majority = (n: number): number => Math.floor(n / 2) + 1;

/** The value proposer `id` proposes. */
const proposal = (id: NodeId): Value => `v${id.slice(1)}`;

/** Proposer `k`'s (0-based) smallest ballot above `b`: ballots k+1, k+1+P, k+1+2P, ... */
export function nextBallot(k: number, b: number, proposers: number): number {
  return b + 1 + ((((k - b) % proposers) + proposers) % proposers);
}

/** Forgets the current phase's acknowledgements (they mean nothing in the next phase). */
function clearPhase(s: Proposer): void {
  s.promises = [];
  s.vbal = 0;
  s.vval = null;
}

/** Phase 1a: starts ballot `b`, or gives up when `b` is beyond the bound. */
function prepare(s: Proposer, b: number, ctx: ActorContext<Msg, string, PaxosParams>): void {
  clearPhase(s);
  if (b > ctx.params.maxBallot) {
    s.phase = "idle";
    return;
  }
  s.ballot = b;
  s.phase = "prepare";
  ctx.broadcast({ type: "Prepare", bal: b }, "acceptor");
}

const chosenCache = new WeakMap<object, ReadonlySet<Value>>();

/**
 * The values chosen: voted for by a majority of acceptors in one ballot. Cached per acceptor
 * group: immer shares it between states whose step did not touch an acceptor.
 */
export function chosenValues(s: State): ReadonlySet<Value> {
  let out = chosenCache.get(s.nodes.acceptor);
  if (!out) {
    out = computeChosen(Object.values(s.nodes.acceptor));
    chosenCache.set(s.nodes.acceptor, out);
  }
  return out;
}

function computeChosen(acceptors: readonly Acceptor[]): Set<Value> {
  const count = new Map<string, number>();
  for (const a of acceptors)
    for (const [b, v] of Object.entries(a.votes)) {
      const k = `${b}:${v}`;
      count.set(k, (count.get(k) ?? 0) + 1);
    }
  const out = new Set<Value>();
  const need = majority(acceptors.length);
  for (const [k, n] of count) if (n >= need) out.add(k.slice(k.indexOf(":") + 1));
  return out;
}

/** The values some learner has learned. */
function learnedValues(s: State): Value[] {
  return Object.values(s.nodes.learner).flatMap((l) => (l.learned === null ? [] : [l.learned]));
}

const protocol = defineActors({
  name: "paxos",
  summary: "Single-decree Paxos (Paxos Made Simple): proposers, acceptors, learners; a leader for liveness.",
  messages: {} as Msg,
  params: {
    proposers: {
      default: 2,
      min: 1,
      max: 4,
      doc: "proposers; pk proposes value vk and owns ballots k, k+P, ...",
    },
    acceptors: { default: 3, min: 1, max: 5, doc: "acceptors (quorum: a majority)" },
    learners: { default: 1, min: 0, max: 3, doc: "learners" },
    maxBallot: {
      default: 2,
      min: 1,
      max: 12,
      doc: "how far ballots may spread above the oldest one present (ballots are relative)",
    },
    leader: {
      default: true,
      doc: "p1 is the distinguished proposer: only it restarts after a Nack (false: all do)",
    },
    bug: { default: "none", values: [...BUGS], doc: "inject a known bug" },
  },
  network: { order: "unordered" },
  nodes: {
    proposer: {
      count: (p) => p.proposers,
      init: (): Proposer => ({ ballot: 0, phase: "idle", promises: [], vbal: 0, vval: null }),
      durable: ["ballot"],
      onStart(s, ctx) {
        const k = ctx.nodes.byKind.proposer.indexOf(ctx.self);
        prepare(s, nextBallot(k, s.ballot, ctx.params.proposers), ctx);
      },
      onMessage: {
        Promise(s, m, ctx) {
          if (s.phase !== "prepare" || m.bal !== s.ballot || s.promises.includes(ctx.from)) return;
          s.promises = [...s.promises, ctx.from].sort();
          if (m.vbal !== undefined && m.vbal > s.vbal) {
            s.vbal = m.vbal;
            s.vval = m.vval ?? null;
          }
          if (s.promises.length < majority(ctx.params.acceptors)) return;
          // Phase 2a: the value is forced by the highest-ballot vote among the promises, if any.
          const free = s.vval === null || ctx.params.bug === "ignorePromisedValue";
          const val = free ? proposal(ctx.self) : s.vval!;
          clearPhase(s);
          s.phase = "accept";
          ctx.broadcast({ type: "Accept", bal: s.ballot, val }, "acceptor");
        },
        Nack(s, m, ctx) {
          // Ignored: a refusal of an earlier ballot of ours, or we are no longer trying.
          if (m.promised <= s.ballot || s.phase === "idle") return;
          const k = ctx.nodes.byKind.proposer.indexOf(ctx.self);
          if (ctx.params.leader && k !== 0) {
            clearPhase(s);
            s.phase = "idle"; // not the distinguished proposer: defer to it
            return;
          }
          prepare(s, nextBallot(k, m.promised, ctx.params.proposers), ctx);
        },
      },
    },
    acceptor: {
      count: (p) => p.acceptors,
      init: (): Acceptor => ({ maxBal: 0, maxVBal: 0, maxVal: null, votes: {} }),
      durable: ["maxBal", "maxVBal", "maxVal", "votes"],
      onMessage: {
        Prepare(s, m, ctx) {
          if (m.bal > s.maxBal) {
            s.maxBal = m.bal;
            const vote = s.maxVal === null ? {} : { vbal: s.maxVBal, vval: s.maxVal };
            ctx.send(ctx.from, { type: "Promise", bal: m.bal, ...vote });
          } else if (m.bal < s.maxBal) ctx.send(ctx.from, { type: "Nack", promised: s.maxBal });
          // m.bal === maxBal: a duplicate, or an Accept of this ballot overtook it; nothing to say.
        },
        Accept(s, m, ctx) {
          if (m.bal < s.maxBal && ctx.params.bug !== "acceptLowerBallot") {
            ctx.send(ctx.from, { type: "Nack", promised: s.maxBal });
            return;
          }
          s.maxBal = Math.max(s.maxBal, m.bal);
          s.maxVBal = m.bal;
          s.maxVal = m.val;
          s.votes[m.bal] = m.val;
          ctx.broadcast({ type: "Accepted", bal: m.bal, val: m.val }, "learner");
        },
      },
    },
    learner: {
      count: (p) => p.learners,
      init: (): Learner => ({ heard: {}, learned: null }),
      durable: ["heard", "learned"],
      onMessage: {
        Accepted(s, m, ctx) {
          if (s.learned !== null) return;
          const heard = s.heard[m.bal] ?? [];
          if (heard.includes(ctx.from)) return;
          if (heard.length + 1 < majority(ctx.params.acceptors)) s.heard[m.bal] = [...heard, ctx.from].sort();
          else {
            s.learned = m.val;
            s.heard = {}; // no longer needed
          }
        },
      },
    },
  },
  invariants: {
    /** At most one value is chosen, and a learner learns only that value. */
    agreement: (s) => new Set([...chosenValues(s), ...learnedValues(s)]).size <= 1,
    /** A chosen or learned value was proposed (is some proposer's value). */
    validity: (s) => {
      const proposed = new Set(Object.keys(s.nodes.proposer).map(proposal));
      return [...chosenValues(s), ...learnedValues(s)].every((v) => proposed.has(v));
    },
  },
  properties: {
    /** Some value is eventually chosen. */
    eventuallyChosen: eventually((s: State) => chosenValues(s).size > 0),
  },
  // Delivery never stops while a message is in flight (which here means every message is
  // eventually delivered: see the header); a crashed node eventually restarts and a partition
  // eventually heals, when those faults are switched on.
  fairness: { weak: ["deliver", "restart", "heal"] },
  witnesses: {
    valueChosen: (s) => chosenValues(s).size > 0,
    /** A learner learned a value (vacuously reached when the run has no learners). */
    valueLearned: (s, { learners }) => learners === 0 || learnedValues(s).length > 0,
    /** Phase 2a adopted another proposer's value: some ballot carried a value not its owner's. */
    valueAdopted: (s, { proposers }) =>
      Object.values(s.nodes.acceptor).some((a) =>
        Object.entries(a.votes).some(([b, v]) => proposal(`p${((Number(b) - 1) % proposers) + 1}`) !== v),
      ),
  },
  bugs: {
    ignorePromisedValue: {
      params: { bug: "ignorePromisedValue" },
      violates: "agreement",
      doc: "Phase 2a sends the proposer's own value, not the highest-ballot vote in its promises.",
    },
    acceptLowerBallot: {
      params: { bug: "acceptLowerBallot" },
      violates: "agreement",
      doc: "An acceptor votes for an Accept whose ballot is below its promise.",
    },
    duelingProposers: {
      params: { leader: false, acceptors: 2, maxBallot: 4, learners: 0 },
      violates: "eventuallyChosen",
      doc: "No distinguished proposer: two proposers preempt each other forever.",
    },
  },
});

// ---------------------------------------------------------------------------------------------
// The canonical form of a state, applied after every step: dead messages are removed, and
// ballots are shifted down (see the header). Both merge only states with the same futures.

type Net = Map<string, number | string[]>;

/** An in-flight message: its key in the network and, for a FIFO queue, its text. */
interface InNet {
  readonly key: string;
  readonly text: string | undefined;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly msg: Msg;
}

/** The in-flight messages, decoded (one entry per distinct message of a bag). */
function messagesOf(net: Net): InNet[] {
  const out: InNet[] = [];
  for (const key of net.keys()) {
    const v = net.get(key)!;
    if (typeof v === "number") {
      const env = parseEnvelope(key);
      out.push({ key, text: undefined, from: env.from, to: env.to, msg: env.msg as Msg });
      continue;
    }
    const [from, to] = key.split("->") as [NodeId, NodeId];
    for (const text of v) out.push({ key, text, from, to, msg: parseMessage(text) as Msg });
  }
  return out;
}

/** Removes messages from the network (every copy of a bag entry). */
function removeAll(net: Net, gone: readonly InNet[]): void {
  for (const m of gone) {
    if (m.text === undefined) {
      net.delete(m.key);
      continue;
    }
    const q = net.get(m.key) as string[] | undefined;
    const i = q ? q.indexOf(m.text) : -1;
    if (i < 0) continue;
    if (q!.length === 1) net.delete(m.key);
    else q!.splice(i, 1);
  }
}

/**
 * Whether a message will be ignored by its receiver in this state and in every later one, so
 * that delivering it can change nothing but the network: a Promise or Nack of a ballot the
 * proposer has moved past, a Promise it already counted, a Nack to a proposer that has given
 * up for good, an Accepted the learner already counted or no longer needs. (Messages to
 * acceptors are never dead: an old Prepare or Accept still draws a Nack.)
 */
function isDead(d: State, m: InNet, canRestart: boolean): boolean {
  const msg = m.msg;
  switch (msg.type) {
    case "Promise": {
      const p = d.nodes.proposer[m.to]!;
      return (
        msg.bal < p.ballot || (msg.bal === p.ballot && (p.phase !== "prepare" || p.promises.includes(m.from)))
      );
    }
    case "Nack": {
      const p = d.nodes.proposer[m.to]!;
      return msg.promised <= p.ballot || (p.phase === "idle" && !canRestart);
    }
    case "Accepted": {
      const l = d.nodes.learner[m.to]!;
      return l.learned !== null || (l.heard[msg.bal]?.includes(m.from) ?? false);
    }
    default:
      return false;
  }
}

/** Removes dead messages from the network. */
function collectDead(d: State, params: PaxosParams): void {
  const net = d.net as Net;
  // An idle proposer becomes active again only by restarting after a crash.
  const budgetLeft = (d.faults?.crashes ?? 0) < params.maxCrashes;
  const restartable = (id: NodeId) => budgetLeft || (d.crashed?.has(id) ?? false);
  const dead = messagesOf(net).filter((m) => isDead(d, m, m.msg.type === "Nack" && restartable(m.to)));
  if (dead.length > 0) removeAll(net, dead);
}

/**
 * The shift that makes ballots relative: the largest multiple of `proposers` that every ballot
 * in the state (nodes and messages) exceeds. 0 when some ballot is already in 1..proposers.
 */
function ballotShift(d: State, proposers: number): number {
  let min = Number.POSITIVE_INFINITY;
  const see = (b: number) => {
    if (b > 0 && b < min) min = b;
  };
  for (const p of Object.values(d.nodes.proposer)) see(p.ballot);
  if (min <= proposers) return 0; // the common case: the oldest ballot is still in use
  for (const a of Object.values(d.nodes.acceptor)) {
    see(a.maxBal);
    see(a.maxVBal);
    for (const b of Object.keys(a.votes)) see(Number(b));
  }
  if (min <= proposers) return 0;
  for (const l of Object.values(d.nodes.learner)) for (const b of Object.keys(l.heard)) see(Number(b));
  for (const m of messagesOf(d.net as Net)) see(msgBallot(m.msg));
  return min === Number.POSITIVE_INFINITY ? 0 : proposers * Math.floor((min - 1) / proposers);
}

/** The lowest ballot a message carries (a vote it reports is below its own ballot). */
function msgBallot(m: Msg): number {
  switch (m.type) {
    case "Nack":
      return m.promised;
    case "Promise":
      return m.vbal ?? m.bal;
    default:
      return m.bal;
  }
}

function shiftMsg(m: Msg, by: number): Msg {
  switch (m.type) {
    case "Nack":
      return { ...m, promised: m.promised - by };
    case "Promise":
      return m.vbal === undefined ? { ...m, bal: m.bal - by } : { ...m, bal: m.bal - by, vbal: m.vbal - by };
    default:
      return { ...m, bal: m.bal - by };
  }
}

function shiftKeys<V>(rec: Record<string, V>, by: number): Record<string, V> {
  return Object.fromEntries(Object.entries(rec).map(([b, v]) => [String(Number(b) - by), v]));
}

/** Shifts every ballot in the state down by `by` (a multiple of `proposers`); 0 stays "none". */
function shiftBallots(d: State, by: number): void {
  const down = (b: number) => (b > 0 ? b - by : 0);
  for (const p of Object.values(d.nodes.proposer) as Proposer[]) {
    p.ballot = down(p.ballot);
    p.vbal = down(p.vbal);
  }
  for (const a of Object.values(d.nodes.acceptor) as Acceptor[]) {
    a.maxBal = down(a.maxBal);
    a.maxVBal = down(a.maxVBal);
    a.votes = shiftKeys(a.votes, by);
  }
  for (const l of Object.values(d.nodes.learner) as Learner[]) l.heard = shiftKeys(l.heard, by);
  const net = d.net as Net;
  const entries = [...net];
  net.clear();
  for (const [key, v] of entries) {
    if (typeof v === "number") {
      const env = parseEnvelope(key);
      net.set(`${env.from}->${env.to} ${messageText(shiftMsg(env.msg as Msg, by))}`, v);
    } else
      net.set(
        key,
        v.map((text) => messageText(shiftMsg(parseMessage(text) as Msg, by))),
      );
  }
}

type Action = (typeof protocol.definition.actions)[string];

/** An action of the protocol, followed by the canonical form. */
function canonical(action: Action): Action {
  return {
    ...action,
    do: (d, arg, params) => {
      action.do(d, arg, params);
      const state = d as unknown as State;
      const p = params as unknown as PaxosParams;
      collectDead(state, p);
      // Every ballot is at most maxBallot, so none can exceed `proposers` when maxBallot does not.
      if (p.maxBallot <= p.proposers) return;
      const by = ballotShift(state, p.proposers);
      if (by > 0) shiftBallots(state, by);
    },
  };
}

/**
 * The protocol without the canonical form: absolute ballots, dead messages kept. Tests compare
 * it with the spec on small configurations; with ballots that only grow, its duel always ends.
 */
export const unreduced = protocol;

/**
 * The spec: the actor protocol with every step followed by the canonical form. (The actor
 * layer has no hook for normalising the state after a step, so the compiled actions are
 * wrapped.)
 */
export default defineSpec({
  ...protocol.definition,
  actions: Object.fromEntries(
    Object.entries(protocol.definition.actions).map(([name, action]) => [name, canonical(action)]),
  ),
});
