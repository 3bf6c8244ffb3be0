/**
 * Session guarantees over lazily replicated data (Terry, Demers, Petersen, Spreitzer, Theimer &
 * Welch, "Session Guarantees for Weakly Consistent Replicated Data", PDIS 1994; the session
 * tokens of MongoDB's causal sessions and Azure Cosmos DB's session consistency work the same
 * way). docs/protocols/session-consistency.md tells the story.
 *
 * A photo album is replicated on `replicas` replicas. Any replica accepts an upload (a write)
 * and answers a refresh (a read); replicas propagate what they hold lazily, by pushing their
 * whole state to their peers after each upload they accept (anti-entropy: a receiver merges,
 * so gossip may be delayed, reordered or overtaken without harm). Clients run sessions: each
 * runs a script of uploads and refreshes (param `sessions`), and a load balancer may send each
 * request to any replica (the client arms one `pick_<replica>` timer per replica; whichever
 * fires first chooses the replica, so every routing is explored).
 *
 * A session carries a token: the version vector of the last replica state it wrote to or read
 * from (joined over the session). A replica serves a request only if it has caught up with the
 * token (its version vector dominates it); otherwise it holds the request until gossip brings
 * it up to date (`behind=wait`, as MongoDB's afterClusterTime reads do) or tells the client to
 * try another replica (`behind=redirect`, as Cosmos DB's client does on "read session not
 * available"). This gives all four guarantees, checked on the recorded history by the
 * consistency checkers (`checkSessionGuarantees`, one guarantee per invariant):
 * read-your-writes, monotonic reads, monotonic writes and writes-follow-reads.
 *
 * Modelled: each replica's state is `log[o]`, the photos first accepted by replica `o` in the
 * order it accepted them. Anti-entropy keeps every `log[o]` a prefix of replica o's own, so
 * merging is "take the longer prefix" and a replica's version vector is the lengths of its
 * logs (no separate counter to keep in step). Photos are unique (`c1.1` = client c1's first
 * upload), so the history is differentiated, as the checkers need. Reads return the album as a
 * set (the history's `grow-set` datatype): "which photos do I see" is the whole observation.
 *
 * Abstracted, and why: photo contents and real time (only which photos a read returns
 * matters to the guarantees); the load balancer (any replica, nondeterministically); gossip
 * scheduling (a push after every accepted upload, delivered whenever the network chooses,
 * covers every delay). Clients do not crash: a restarted client would replay its script and
 * upload `c1.1` a second time, which is not a differentiated history. No faults by default;
 * `-p maxDrops=1` (a lost push or reply) only makes sessions wait forever, never inconsistent.
 *
 * Bounds (defaults): 2 replicas, behind=wait, no faults; two sessions, c1 "wrw" (upload,
 * refresh, upload) and c2 "rwr" (refresh, upload, refresh), which give every guarantee
 * something to check: RYW (both refresh after uploading), MR (c2's two refreshes), MW (c1's
 * two uploads, which c2 may see) and WFR (c1's refresh may show c2.1 before c1 uploads c1.2,
 * and c2's may show c1.1 before c2.1). 11,520 distinct states. The history is fingerprinted
 * per session (the `view` below): the guarantees and the handlers do not depend on how the
 * sessions' events interleave, and without the view the same model has 55,332 states.
 *
 * Bugs, each a piece of the token scheme left out. The presets after the first set `sessions`
 * to the smallest scripts that exhibit them, so each breaks exactly the guarantee it names:
 * - `noSessionToken` (default scripts): the client sends no token, so any replica answers at
 *   once. A user uploads a photo and does not see it on refresh: breaks `readYourWrites` (and,
 *   on longer runs, the other three).
 * - `forgetReads` ("w,rr"): the token is advanced by uploads only, not by what refreshes
 *   returned, so a photo c2 saw on one refresh is gone on the next: breaks `monotonicReads`.
 * - `forgetReadsThenUpload` (the same bug, "w,rw,r"): c2 sees c1's photo and uploads its own
 *   to a replica that lacks c1's; c3 sees c2's photo without the one it followed: breaks
 *   `writesFollowReads`.
 * - `writesAnywhere` ("ww,r"): replicas check the token on refreshes but accept uploads
 *   anywhere, so c1's second photo lands on a replica without its first, and c2 sees the
 *   second without the first: breaks `monotonicWrites`.
 */

import {
  type ActorContext,
  type ActorHistoryEvent,
  type ActorState,
  checkSessionGuarantees,
  defineActors,
  historyFromEvents,
  inFlight,
  type NodeId,
  type SessionGuarantee,
  UsageError,
} from "../src/index.js";

/** A version vector: entry o counts the uploads first accepted by replica o that are held. */
type Version = number[];

/**
 * Requests carry the operation's number in its session (`op`, from 1) and replies echo it, so a
 * client can tell a late or duplicated reply from the one it waits for.
 */
type Msg =
  /** An upload; `token` is absent when the client does not send one (`noSessionToken`). */
  | { type: "Write"; op: number; photo: string; token?: Version }
  | { type: "Read"; op: number; token?: Version }
  | { type: "WriteOk"; op: number; version: Version }
  | { type: "ReadOk"; op: number; photos: string[]; version: Version }
  /** The replica is behind the token and will not wait (`behind=redirect`). */
  | { type: "Behind"; op: number }
  /** Anti-entropy: the sender's whole state. */
  | { type: "Sync"; log: string[][] };

/** A request a replica holds until it has caught up with its token (`behind=wait`). */
type Held =
  | { kind: "write"; op: number; photo: string; token: Version }
  | { kind: "read"; op: number; token: Version };

interface Replica {
  /** log[o]: the photos first accepted by replica o, in its order (a prefix of o's own). */
  log: string[][];
  /** Requests held until caught up, by client (a client has at most one outstanding). */
  held: Record<NodeId, Held>;
}

interface Client {
  /** The next operation of the session's script (= operations completed). */
  pc: number;
  /** The session token: the join of the versions of every replica state written or read. */
  token: Version;
}

type State = ActorState<{ replica: Replica; client: Client }, Msg>;

/** The `pick_<replica>` timers are declared for up to this many replicas. */
const MAX_REPLICAS = 4;

const BUGS = ["none", "noSessionToken", "forgetReads", "writesAnywhere"] as const;

interface Params {
  readonly replicas: number;
  readonly sessions: string;
  readonly behind: string;
  readonly bug: string;
}

type Ctx = ActorContext<Msg, "replica" | "client", Params>;

export default defineActors({
  name: "session-consistency",
  summary:
    "Session guarantees (Terry et al. 1994): lazily replicated photo album, clients with session tokens.",
  messages: {} as Msg,
  params: {
    replicas: { default: 2, min: 2, max: MAX_REPLICAS, doc: "replicas; each accepts uploads and refreshes" },
    sessions: {
      default: "wrw,rwr",
      doc: "one script per client, comma-separated: w = upload a photo, r = refresh the album",
    },
    behind: {
      default: "wait",
      values: ["wait", "redirect"],
      doc: "a replica behind the token holds the request, or sends the client elsewhere",
    },
    bug: { default: "none", values: [...BUGS], doc: "inject a known bug" },
  },
  history: true,
  nodes: {
    replica: {
      count: (p) => p.replicas,
      prefix: "n",
      init: (_id, p): Replica => ({ log: Array.from({ length: p.replicas }, () => []), held: {} }),
      durable: ["log"],
      onMessage: {
        Write(s, m, ctx) {
          const req: Held = { kind: "write", op: m.op, photo: m.photo, token: m.token ?? [] };
          // writesAnywhere: the token is checked on refreshes only.
          if (ctx.params.bug === "writesAnywhere" || caughtUp(s, req.token)) serve(s, ctx, ctx.from, req);
          else holdBack(s, ctx, ctx.from, req);
        },
        Read(s, m, ctx) {
          const req: Held = { kind: "read", op: m.op, token: m.token ?? [] };
          if (caughtUp(s, req.token)) serve(s, ctx, ctx.from, req);
          else holdBack(s, ctx, ctx.from, req);
        },
        Sync(s, m, ctx) {
          m.log.forEach((theirs, o) => {
            if (theirs.length > (s.log[o]?.length ?? 0)) s.log[o] = [...theirs];
          });
          // Serve the held requests the merge has caught up with (in client order: the held map's
          // insertion order is not part of the state's identity, so it must not decide anything).
          for (const client of Object.keys(s.held).sort()) {
            const req = s.held[client]!;
            if (!caughtUp(s, req.token)) continue;
            delete s.held[client];
            serve(s, ctx, client, req);
          }
        },
      },
    },
    client: {
      // Validated in init, whose errors show their message (count's do not, yet).
      count: (p) => p.sessions.split(",").length,
      prefix: "c",
      crashable: false,
      init: (_id, p): Client => {
        scripts(p); // validates the param
        return { pc: 0, token: Array.from({ length: p.replicas }, () => 0) };
      },
      onStart: (s, ctx) => begin(s, ctx),
      onTimer: pickTimers(),
      onMessage: {
        WriteOk(s, m, ctx) {
          if (m.op !== s.pc + 1) return; // a late or duplicated reply
          ctx.complete("ok");
          finish(s, ctx, m.version);
        },
        ReadOk(s, m, ctx) {
          if (m.op !== s.pc + 1) return;
          ctx.complete("ok", { value: m.photos });
          finish(s, ctx, ctx.params.bug === "forgetReads" ? undefined : m.version);
        },
        Behind(s, m, ctx) {
          if (m.op === s.pc + 1) armPicks(ctx);
        },
      },
    },
  },
  invariants: {
    /** A refresh shows every photo its session uploaded before it. */
    readYourWrites: (s) => holds(s, "RYW"),
    /** A refresh shows every photo an earlier refresh of its session showed. */
    monotonicReads: (s) => holds(s, "MR"),
    /** Whoever sees a session's upload also sees that session's earlier uploads. */
    monotonicWrites: (s) => holds(s, "MW"),
    /** Whoever sees a session's upload also sees what that session's earlier refreshes showed. */
    writesFollowReads: (s) => holds(s, "WFR"),
  },
  // The checked guarantees read each session's operations in program order and nothing else,
  // and no handler reads the history; so two states whose histories differ only in how the
  // sessions' events interleave have the same futures and the same verdicts. Fingerprinting
  // the per-session projection merges them (at the defaults 11,520 states instead of 55,332).
  view: (s) => ({ ...s, history: sessionsView(s.history ?? NO_HISTORY) }),
  witnesses: {
    /** A client reads its own photo from a replica other than the one it uploaded it to. */
    ownWriteElsewhere,
    /** A replica was behind a session's token: it holds a request or redirects the client. */
    behindToken: (s) =>
      Object.values(s.nodes.replica).some((r) => Object.keys(r.held).length > 0) ||
      inFlight(s).some((m) => m.msg.type === "Behind"),
    /** Every session ran its whole script. */
    allDone: (s, p) => scripts(p).every((script, i) => s.nodes.client[`c${i + 1}`]?.pc === script.length),
  },
  bugs: {
    noSessionToken: {
      params: { bug: "noSessionToken" },
      violates: "readYourWrites",
      doc: "The client sends no token: an upload is missing from the next refresh at another replica.",
    },
    forgetReads: {
      params: { bug: "forgetReads", sessions: "w,rr" },
      violates: "monotonicReads",
      doc: "The token ignores what refreshes returned: c2 sees c1.1, then refreshes elsewhere and it is gone.",
    },
    forgetReadsThenUpload: {
      params: { bug: "forgetReads", sessions: "w,rw,r" },
      violates: "writesFollowReads",
      doc: "The same bug: c2 sees c1.1 and uploads c2.1 where c1.1 is missing; c3 sees c2.1 without c1.1.",
    },
    writesAnywhere: {
      params: { bug: "writesAnywhere", sessions: "ww,r" },
      violates: "monotonicWrites",
      doc: "Replicas accept uploads without checking the token: c2 sees c1.2 without c1.1.",
    },
  },
});

// --- the session scripts -------------------------------------------------------------------

const scriptCache = new Map<string, readonly string[]>();

/** The clients' scripts, parsed once per `sessions` value. */
function scripts(p: { readonly sessions: string }): readonly string[] {
  let out = scriptCache.get(p.sessions);
  if (out === undefined) {
    out = p.sessions.split(",").map((x) => x.trim());
    if (out.some((x) => x === "" || !/^[wr]+$/.test(x)))
      throw new UsageError(
        "SPC-U005",
        `param sessions=${JSON.stringify(p.sessions)}: expected comma-separated scripts of w (upload) and r (refresh)`,
        ["e.g. -p sessions=wr,rw (client c1 uploads then refreshes; c2 refreshes then uploads)"],
      );
    scriptCache.set(p.sessions, out);
  }
  return out;
}

/** The client's script (its number is its position in `sessions`). */
function scriptOf(ctx: Ctx): string {
  return scripts(ctx.params)[Number(ctx.self.slice(1)) - 1] ?? "";
}

// --- clients -------------------------------------------------------------------------------

/** Invokes the session's next operation, if any, and lets the load balancer pick a replica. */
function begin(s: Client, ctx: Ctx): void {
  const script = scriptOf(ctx);
  if (s.pc >= script.length) return;
  if (script[s.pc] === "w") ctx.invoke({ f: "add", value: photoOf(ctx.self, script, s.pc) });
  else ctx.invoke({ f: "read" });
  armPicks(ctx);
}

/** The photo uploaded by operation `pc`: `c1.2` is client c1's second upload. */
function photoOf(client: NodeId, script: string, pc: number): string {
  let n = 0;
  for (let i = 0; i <= pc; i++) if (script[i] === "w") n++;
  return `${client}.${n}`;
}

/** One timer per replica: the first to fire routes the open operation there. */
function armPicks(ctx: Ctx): void {
  for (const n of ctx.nodes.byKind.replica) ctx.setTimer(`pick_${n}`);
}

function pickTimers(): Record<string, (s: Client, ctx: Ctx) => void> {
  const timers: Record<string, (s: Client, ctx: Ctx) => void> = {};
  for (let i = 1; i <= MAX_REPLICAS; i++) {
    const to = `n${i}`;
    timers[`pick_${to}`] = (s, ctx) => {
      for (const n of ctx.nodes.byKind.replica) ctx.cancelTimer(`pick_${n}`);
      const script = scriptOf(ctx);
      // noSessionToken: the client library never attaches the token.
      const token = ctx.params.bug === "noSessionToken" ? {} : { token: [...s.token] };
      const op = s.pc + 1;
      if (script[s.pc] === "w")
        ctx.send(to, { type: "Write", op, photo: photoOf(ctx.self, script, s.pc), ...token });
      else ctx.send(to, { type: "Read", op, ...token });
    };
  }
  return timers;
}

/** Completes the operation: the token absorbs the replica's version, and the next one begins. */
function finish(s: Client, ctx: Ctx, version: Version | undefined): void {
  if (version !== undefined && ctx.params.bug !== "noSessionToken")
    s.token = s.token.map((v, o) => Math.max(v, version[o] ?? 0));
  s.pc++;
  begin(s, ctx);
}

// --- replicas ------------------------------------------------------------------------------

function versionOf(r: Replica): Version {
  return r.log.map((l) => l.length);
}

/** Whether the replica holds everything the token says the session has seen. */
function caughtUp(r: Replica, token: Version | undefined): boolean {
  return token === undefined || token.every((v, o) => (r.log[o]?.length ?? 0) >= v);
}

/** The replica is behind the request's token: hold the request, or send the client elsewhere. */
function holdBack(r: Replica, ctx: Ctx, client: NodeId, req: Held): void {
  if (ctx.params.behind === "redirect") ctx.send(client, { type: "Behind", op: req.op });
  else r.held[client] = req;
}

/**
 * Serves a request the replica has caught up with. A new upload is appended to this replica's
 * own log and the new state pushed to the peers; an upload it already holds (a duplicated
 * request) is only acknowledged again.
 */
function serve(r: Replica, ctx: Ctx, client: NodeId, req: Held): void {
  if (req.kind === "write") {
    if (!r.log.some((l) => l.includes(req.photo))) {
      r.log[ctx.nodes.byKind.replica.indexOf(ctx.self)]!.push(req.photo);
      ctx.broadcast({ type: "Sync", log: r.log.map((l) => [...l]) }, "replica");
    }
    ctx.send(client, { type: "WriteOk", op: req.op, version: versionOf(r) });
  } else {
    // The album as a set: with redirects and duplicated requests, one upload may have been
    // accepted by two replicas.
    const photos = [...new Set(r.log.flat())].sort();
    ctx.send(client, { type: "ReadOk", op: req.op, photos, version: versionOf(r) });
  }
}

// --- properties ----------------------------------------------------------------------------

type Verdicts = Readonly<Record<SessionGuarantee, boolean>>;

/**
 * The four verdicts on a history, computed once per history array: immer shares the array
 * between every state whose step did not touch the history, so most states cost one lookup.
 */
const verdicts = new WeakMap<readonly ActorHistoryEvent[], Verdicts>();
const NO_HISTORY: readonly ActorHistoryEvent[] = [];

function holds(s: State, g: SessionGuarantee): boolean {
  const events = s.history ?? NO_HISTORY;
  let v = verdicts.get(events);
  if (v === undefined) {
    const h = historyFromEvents(events);
    const one = (x: SessionGuarantee) =>
      checkSessionGuarantees(h, { guarantees: [x], datatype: "grow-set" }).ok;
    v = { RYW: one("RYW"), MR: one("MR"), MW: one("MW"), WFR: one("WFR") };
    verdicts.set(events, v);
  }
  return v[g];
}

const sessionsCache = new WeakMap<readonly ActorHistoryEvent[], Record<NodeId, ActorHistoryEvent[]>>();

/** The history split per session (cached per history array, so its hash is cached too). */
function sessionsView(events: readonly ActorHistoryEvent[]): Record<NodeId, ActorHistoryEvent[]> {
  let out = sessionsCache.get(events);
  if (out === undefined) {
    out = {};
    for (const e of events) (out[e.process] ??= []).push(e);
    sessionsCache.set(events, out);
  }
  return out;
}

/** A replica answers a client's refresh with a photo the client uploaded to another replica. */
function ownWriteElsewhere(s: State): boolean {
  return inFlight(s).some(({ from, to, msg }) => {
    if (msg.type !== "ReadOk") return false;
    const log = s.nodes.replica[from]?.log ?? [];
    const self = Number(from.slice(1)) - 1; // n1 is replica 0
    return msg.photos.some((p) => p.startsWith(`${to}.`) && !log[self]?.includes(p));
  });
}
