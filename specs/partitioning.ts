/**
 * Partitioning (sharding) with a rebalance that moves partitions while writes continue
 * (docs/protocols/partitioning.md).
 *
 * Modelled. Keys a, b, c, d are spread over two servers n1 and n2 by one of three schemes
 * (`scheme`):
 * - `range`: partitions a..b and c..d, neighbouring keys together (Bigtable, HBase,
 *   CockroachDB); n1 holds a..b, n2 holds c..d.
 * - `hash`: a toy hash, the key's position in the alphabet mod 2, so #0 holds a and c and #1
 *   holds b and d: neighbours are scattered (Cassandra, DynamoDB, Kafka's partitioner); n1
 *   holds #0, n2 holds #1.
 * - `directory`: no function at all; a lookup table places each key on its own (a catalog
 *   service); n1 holds a and b, n2 holds c and d.
 * A directory service d1 (MongoDB's config servers, HBase's meta table, Vitess's topology)
 * maps each partition to its owner and an epoch: the entry's version. Clients c1, c2 each write
 * `writes` values, one after the other, to the keys a, b, c, d in turn, routing every write by
 * their own cached copy of the directory.
 *
 * The rebalance: d1 moves the partition of a to the other server, and then (`moves`=2) the
 * partition of b: under `range` that moves a..b back, under `hash` it moves #1, under
 * `directory` it moves b alone. One move: d1 tells the owner to hand the partition off
 * (`Handoff`, with the new epoch); the owner gives up its claim, so it stops accepting the
 * partition's writes, and sends the partition's rows to the new owner (`Transfer`); the new
 * owner installs them, claims the partition at the new epoch and tells d1 (`Installed`), which
 * updates the directory. Writes continue throughout: a server that does not own a key's
 * partition answers `Reject`; the client then asks d1 for the entry (`Lookup`, `Route`) and
 * sends the write again to the owner it names. While the partition is in transit nobody
 * accepts its writes and clients retry: a short write outage is the price of the move.
 *
 * The defence. A server checks each write against its own ownership claim, which it gives up
 * at the hand-off, not against the client's directory entry (which may be stale). And every
 * claim, hand-off and transfer carries the epoch of its move, so a server refuses a hand-off or
 * transfer no newer than what it already knows (`fencing`): a late or duplicated message of an
 * earlier move cannot make an old owner an owner again.
 *
 * Properties. `oneOwner`: every partition has exactly one owner at a time: one server claims
 * it, or none does and its rows are in transit (a `Transfer` is in flight). `noLostWrite`:
 * every acknowledged write is in the data of its partition's owner (or of the transfer carrying
 * the partition), so it is readable at the final owner.
 *
 * Abstracted, and why.
 * - The data is the set of writes each server has applied ("c1.2": c1's second write, whose key
 *   follows from its number), so a transfer ships write ids. Reads are not modelled: a write is
 *   readable exactly when the owner holds it.
 * - The old owner keeps the moved rows until a cleanup that the model never runs (MongoDB's
 *   range deleter, CockroachDB's replica GC): orphaned rows are harmless while the write path
 *   checks ownership, and are what the bug writes into.
 * - The directory service is one reliable node (in practice a replicated store); one move at a
 *   time, two servers; no crashes (a crash in the middle of a move needs the move itself to be
 *   durable, a recovery protocol of its own).
 * - The network is a bag (any reordering), without loss. `-p maxDuplicates=1` lets it duplicate
 *   a message, as a retried request does; the epochs make that harmless.
 *
 * Bounds and defaults: scheme=range, 2 clients, 3 writes each (a, b, c), 2 moves, fencing on:
 * holds with 7,550 distinct states (hash: 5,817; directory: 3,394; pinned in
 * test/specs/partitioning.test.ts). `-p maxDuplicates=1` holds too (212,761 states).
 *
 * Bugs.
 * - `staleDirectory`: the old owner's write path checks only that it still stores the key's
 *   rows, not that it owns the partition. A client routing by its cached (stale) directory
 *   entry sends a write to the old owner after the hand-off; the old owner writes it into the
 *   orphaned rows and acknowledges it, and the new owner never gets it (breaks `noLostWrite`;
 *   the ownership claims stay unique, so `oneOwner` holds: the claims were right, the write
 *   path did not consult them).
 * - `unfencedTransfer` (fencing=false, maxDuplicates=1; one write per client keeps the search
 *   small): servers ignore epochs. The first move's transfer is duplicated; after the second
 *   move has taken the partition away from n2 again, the late copy arrives and n2 installs it:
 *   two servers claim the partition (breaks `oneOwner`).
 */

import { type ActorContext, type ActorState, defineActors, inFlight, type NodeId } from "../src/index.js";

type Msg =
  | { type: "Write"; key: string; id: string }
  | { type: "WriteOk"; id: string }
  | { type: "Reject"; id: string }
  | { type: "Lookup"; part: string }
  | { type: "Route"; part: string; owner: NodeId; epoch: number }
  | { type: "Handoff"; part: string; to: NodeId; epoch: number }
  | { type: "Transfer"; part: string; epoch: number; ids: string[] }
  | { type: "Installed"; part: string; epoch: number };

interface Server {
  /** The partitions this server claims now, sorted: the only ones whose writes it accepts. */
  owns: string[];
  /**
   * Per partition it has held, the newest epoch it knows of: the epoch it owns it at, or the
   * epoch of the move that took it away. The keys are also the partitions whose rows it still
   * stores (moved rows are deleted lazily).
   */
  epochs: Record<string, number>;
  /** The writes it has applied, by id ("c1.2": c1's second write), sorted. */
  data: string[];
}

interface Entry {
  owner: NodeId;
  epoch: number;
}

interface Client {
  /** The write in progress, from 1; past the last one when done. */
  next: number;
  /** The cached directory: partition -> owner and epoch. */
  cache: Record<string, Entry>;
}

interface Directory {
  table: Record<string, Entry>;
  /** The partition being moved, or "". */
  moving: string;
  /** Moves started so far. */
  moves: number;
}

type Nodes = { server: Server; client: Client; directory: Directory };
type State = ActorState<Nodes, Msg>;

interface Params {
  readonly scheme: string;
  readonly clients: number;
  readonly writes: number;
  readonly moves: number;
  readonly fencing: boolean;
  readonly bug: string;
}

type Ctx = ActorContext<Msg, keyof Nodes, Params>;

const KEYS = ["a", "b", "c", "d"] as const;
const SERVERS = ["n1", "n2"] as const;
const DIRECTORY = "d1";

/** The partition a key lives in, under each scheme. */
function partitionOf(key: string, scheme: string): string {
  const i = key.charCodeAt(0) - "a".charCodeAt(0);
  if (scheme === "range") return i < 2 ? "a..b" : "c..d";
  if (scheme === "hash") return `#${i % 2}`;
  return key; // directory: every key is placed on its own
}

/** The partitions and where they start: the partition of a and b on n1, of c and d on n2. */
function initialTable(scheme: string): Record<string, Entry> {
  const table: Record<string, Entry> = {};
  for (const [i, key] of KEYS.entries()) {
    const part = partitionOf(key, scheme);
    table[part] ??= { owner: scheme === "hash" ? SERVERS[i % 2]! : SERVERS[i < 2 ? 0 : 1]!, epoch: 1 };
  }
  return table;
}

/** A client's n-th write goes to the n-th key (a, b, c, d in turn). */
const keyOfWrite = (n: number): string => KEYS[(n - 1) % KEYS.length]!;
const writeId = (client: NodeId, n: number): string => `${client}.${n}`;
const keyOf = (id: string): string => keyOfWrite(Number(id.slice(id.indexOf(".") + 1)));

/** The partition the i-th move takes (the partition of a, then of b). */
const movedPart = (i: number, scheme: string): string => partitionOf(KEYS[i]!, scheme);

function addSorted(list: string[], items: readonly string[]): void {
  for (const x of items) if (!list.includes(x)) list.push(x);
  list.sort();
}

// ---- properties ---------------------------------------------------------------------------

const claimants = (s: State, part: string): NodeId[] =>
  Object.entries(s.nodes.server)
    .filter(([, srv]) => srv.owns.includes(part))
    .map(([id]) => id);

/** The newest transfer of `part` in flight, if any. */
function transferOf(s: State, part: string): Extract<Msg, { type: "Transfer" }> | undefined {
  let best: Extract<Msg, { type: "Transfer" }> | undefined;
  for (const { msg } of inFlight(s))
    if (msg.type === "Transfer" && msg.part === part && (best === undefined || msg.epoch > best.epoch))
      best = msg;
  return best;
}

/** The data of the partition's owner, or of the transfer carrying it; undefined if none. */
function ownerData(s: State, part: string): readonly string[] | undefined {
  const [owner, ...others] = claimants(s, part);
  if (owner !== undefined && others.length === 0) return s.nodes.server[owner]!.data;
  if (owner === undefined) return transferOf(s, part)?.ids;
  return undefined;
}

/** Every acknowledged write: each client's writes before the one in progress. */
function ackedWrites(s: State): string[] {
  const out: string[] = [];
  for (const [id, c] of Object.entries(s.nodes.client))
    for (let n = 1; n < c.next; n++) out.push(writeId(id, n));
  return out;
}

// ---- clients --------------------------------------------------------------------------------

function sendWrite(c: Client, ctx: Ctx): void {
  if (c.next > ctx.params.writes) return;
  const key = keyOfWrite(c.next);
  ctx.send(c.cache[partitionOf(key, ctx.params.scheme)]!.owner, {
    type: "Write",
    key,
    id: writeId(ctx.self, c.next),
  });
}

export default defineActors({
  name: "partitioning",
  summary:
    "Range, hash and directory partitioning with a partition moved while writes continue: one owner per key, no lost write.",
  messages: {} as Msg,
  params: {
    scheme: {
      default: "range",
      values: ["range", "hash", "directory"],
      doc: "key ranges, a hash of the key, or a per-key lookup table",
    },
    clients: { default: 2, min: 1, max: 3, doc: "clients, each with its own cached directory" },
    writes: { default: 3, min: 0, max: 4, doc: "writes per client, to the keys a, b, c, d in turn" },
    moves: { default: 2, min: 0, max: 2, doc: "moves, one at a time: the partition of a, then of b" },
    fencing: {
      default: true,
      doc: "servers refuse hand-offs and transfers of an epoch no newer than the one they know",
    },
    bug: {
      default: "none",
      values: ["none", "staleDirectory"],
      doc: "staleDirectory: the old owner accepts writes for rows it still stores after the hand-off",
    },
  },
  network: { order: "unordered" },
  nodes: {
    server: {
      count: SERVERS.length,
      prefix: "n",
      init: (id: NodeId, p: { readonly scheme: string }): Server => {
        const owns = Object.entries(initialTable(p.scheme))
          .filter(([, e]) => e.owner === id)
          .map(([part]) => part)
          .sort();
        return { owns, epochs: Object.fromEntries(owns.map((part) => [part, 1])), data: [] };
      },
      onMessage: {
        Write(s, m, ctx) {
          const part = partitionOf(m.key, ctx.params.scheme);
          const stored = s.epochs[part] !== undefined;
          if (s.owns.includes(part) || (ctx.params.bug === "staleDirectory" && stored)) {
            addSorted(s.data, [m.id]);
            ctx.send(ctx.from, { type: "WriteOk", id: m.id });
          } else ctx.send(ctx.from, { type: "Reject", id: m.id });
        },
        Handoff(s, m, ctx) {
          if (!s.owns.includes(m.part)) return;
          if (ctx.params.fencing && m.epoch <= (s.epochs[m.part] ?? 0)) return; // fenced: an older move's
          s.owns = s.owns.filter((part) => part !== m.part);
          s.epochs[m.part] = m.epoch;
          const ids = s.data.filter((id) => partitionOf(keyOf(id), ctx.params.scheme) === m.part);
          ctx.send(m.to, { type: "Transfer", part: m.part, epoch: m.epoch, ids });
        },
        Transfer(s, m, ctx) {
          if (s.owns.includes(m.part)) return;
          if (ctx.params.fencing && m.epoch <= (s.epochs[m.part] ?? 0)) return; // fenced: an older move's
          s.epochs[m.part] = m.epoch;
          addSorted(s.owns, [m.part]);
          addSorted(s.data, m.ids);
          ctx.send(DIRECTORY, { type: "Installed", part: m.part, epoch: m.epoch });
        },
      },
    },
    client: {
      count: (p) => p.clients,
      prefix: "c",
      init: (_id: NodeId, p: { readonly scheme: string }): Client => ({
        next: 1,
        cache: initialTable(p.scheme),
      }),
      onStart: sendWrite,
      onMessage: {
        WriteOk(c, m, ctx) {
          if (m.id !== writeId(ctx.self, c.next)) return;
          c.next++;
          sendWrite(c, ctx);
        },
        Reject(c, m, ctx) {
          if (m.id === writeId(ctx.self, c.next))
            ctx.send(DIRECTORY, { type: "Lookup", part: partitionOf(keyOf(m.id), ctx.params.scheme) });
        },
        Route(c, m, ctx) {
          if (m.epoch >= c.cache[m.part]!.epoch) c.cache[m.part] = { owner: m.owner, epoch: m.epoch };
          if (c.next <= ctx.params.writes && partitionOf(keyOfWrite(c.next), ctx.params.scheme) === m.part)
            sendWrite(c, ctx);
        },
      },
    },
    directory: {
      count: 1,
      prefix: "d",
      init: (_id: NodeId, p: { readonly scheme: string }): Directory => ({
        table: initialTable(p.scheme),
        moving: "",
        moves: 0,
      }),
      onStart(_d, ctx) {
        if (ctx.params.moves > 0) ctx.setTimer("rebalance");
      },
      onTimer: {
        /** Moves the next partition to the other server. */
        rebalance(d, ctx) {
          const part = movedPart(d.moves, ctx.params.scheme);
          const entry = d.table[part]!;
          const to = SERVERS.find((n) => n !== entry.owner)!;
          d.moving = part;
          d.moves++;
          ctx.send(entry.owner, { type: "Handoff", part, to, epoch: entry.epoch + 1 });
        },
      },
      onMessage: {
        Installed(d, m, ctx) {
          if (m.part !== d.moving || m.epoch <= d.table[m.part]!.epoch) return;
          d.table[m.part] = { owner: ctx.from, epoch: m.epoch };
          d.moving = "";
          if (d.moves < ctx.params.moves) ctx.setTimer("rebalance");
        },
        Lookup(d, m, ctx) {
          const entry = d.table[m.part]!;
          ctx.send(ctx.from, { type: "Route", part: m.part, owner: entry.owner, epoch: entry.epoch });
        },
      },
    },
  },
  invariants: {
    /** Every partition is claimed by exactly one server, or is in transit to its next owner. */
    oneOwner: (s, p) =>
      Object.keys(initialTable(p.scheme)).every((part) => {
        const n = claimants(s, part).length;
        return n === 1 || (n === 0 && transferOf(s, part) !== undefined);
      }),
    /** Every acknowledged write is held by its partition's owner (or the transfer carrying it). */
    noLostWrite: (s, p) => {
      for (const id of ackedWrites(s)) {
        const data = ownerData(s, partitionOf(keyOf(id), p.scheme));
        if (data === undefined || !data.includes(id)) return false;
      }
      return true;
    },
  },
  witnesses: {
    /** The first move completed: the directory names the new owner, which claims the partition. */
    moveCompleted: (s, p) => {
      const part = movedPart(0, p.scheme);
      const entry = s.nodes.directory.d1!.table[part]!;
      return entry.epoch > 1 && claimants(s, part).includes(entry.owner);
    },
    /** The move completed while a write to the moved partition was still on its way to the old owner. */
    moveCompletedWhileWriteInFlight: (s, p) => {
      const part = movedPart(0, p.scheme);
      const entry = s.nodes.directory.d1!.table[part]!;
      return (
        entry.epoch > 1 &&
        inFlight(s).some(
          (m) => m.msg.type === "Write" && m.to !== entry.owner && partitionOf(m.msg.key, p.scheme) === part,
        )
      );
    },
    /** A write to the moved partition was refused by the old owner and acknowledged by the new one. */
    writeRerouted: (s, p) => {
      const part = movedPart(0, p.scheme);
      const { owner } = s.nodes.directory.d1!.table[part]!;
      const from = initialTable(p.scheme)[part]!.owner;
      return ackedWrites(s).some(
        (id) =>
          partitionOf(keyOf(id), p.scheme) === part &&
          owner !== from &&
          s.nodes.server[owner]!.data.includes(id) &&
          !s.nodes.server[from]!.data.includes(id),
      );
    },
  },
  bugs: {
    staleDirectory: {
      params: { bug: "staleDirectory" },
      violates: "noLostWrite",
      doc: "A write routed by a stale directory entry lands in the old owner's orphaned rows after the hand-off.",
    },
    unfencedTransfer: {
      params: { fencing: false, maxDuplicates: 1, writes: 1 },
      violates: "oneOwner",
      doc: "Without epochs, a duplicated transfer of the first move makes its receiver an owner again after the second.",
    },
  },
});
