/**
 * The read/write view of a history used by the causal and session checks: per-session program
 * order, writes identified by (key, value), and for each read the writes it observed
 * (reads-from). Three data types are understood: registers (a read returns one written value or
 * nil for the initial value), grow-only sets (a read returns the set of added values) and
 * list-append (a read returns the appended values in order). These checks need differentiated
 * histories, where each (key, value) is written at most once; otherwise reads-from is ambiguous
 * and the problem is NP-complete, so a repeated write is an input error.
 */

import { ConsistencyInputError } from "./errors.js";
import { type History, type Operation, sessionsOf } from "./history.js";
import { valueKey } from "./values.js";

/** The data type a read/write history is interpreted as. */
export type RwDatatype = "register" | "grow-set" | "list-append";

/** One operation of the read/write view. */
export interface RwOp {
  readonly index: number;
  readonly op: Operation;
  readonly session: number;
  /** Position in its session. */
  readonly pos: number;
  readonly kind: "write" | "read";
  readonly key: string;
  /** Reads: observed writes (register: at most one; list: in list order). Empty = initial. */
  readonly reads: readonly number[];
}

/** A read that returned something no write produced. */
export interface ThinAirRead {
  readonly read: number;
  readonly value: unknown;
}

/** The read/write view of a history. */
export interface RwHistory {
  readonly datatype: RwDatatype;
  readonly ops: readonly RwOp[];
  readonly sessions: readonly (readonly number[])[];
  readonly thinAir: readonly ThinAirRead[];
  /** Per key, the writes to it. */
  readonly writesByKey: ReadonlyMap<string, readonly number[]>;
}

const WRITE_FS: Record<RwDatatype, ReadonlySet<string>> = {
  register: new Set(["write", "put", "w"]),
  "grow-set": new Set(["add", "write", "w"]),
  "list-append": new Set(["append"]),
};
const READ_FS = new Set(["read", "get", "r"]);

/**
 * Builds the read/write view. Completed (ok) operations count; unknown-outcome writes are kept,
 * since they may have taken effect and be read; unknown reads and failed operations are dropped.
 *
 * @example
 * ```ts
 * const rw = toRwHistory(historyFromSessions(sessions), "register");
 * rw.ops[1]!.reads; // [0] when op 1 read the value op 0 wrote
 * ```
 */
export function toRwHistory(history: History, datatype: RwDatatype = "register"): RwHistory {
  const kept = history.ops.filter(
    (op) => op.status === "ok" || (op.status === "unknown" && !READ_FS.has(op.f)),
  );
  const ops: RwOp[] = [];
  const sessions: number[][] = [];
  const writeIndex = new Map<string, number>();
  const pendingReads: { index: number; values: unknown[] }[] = [];
  for (const list of sessionsOf(kept).values()) {
    const session: number[] = [];
    sessions.push(session);
    for (const op of list) {
      const index = ops.length;
      const kind = classify(op, datatype, history.source);
      const key = op.key ?? "";
      if (kind === "write") registerWrite(writeIndex, op, key, index, ops, history.source);
      else pendingReads.push({ index, values: observedValues(op, datatype, history.source) });
      ops.push({ index, op, session: sessions.length - 1, pos: session.length, kind, key, reads: [] });
      session.push(index);
    }
  }
  const thinAir: ThinAirRead[] = [];
  for (const { index, values } of pendingReads) {
    const r = ops[index]!;
    const reads: number[] = [];
    for (const v of values) {
      const w = writeIndex.get(`${r.key}\u0000${valueKey(v)}`);
      if (w === undefined) thinAir.push({ read: index, value: v });
      else reads.push(w);
    }
    ops[index] = { ...r, reads };
  }
  const writesByKey = new Map<string, number[]>();
  for (const o of ops) {
    if (o.kind !== "write") continue;
    const list = writesByKey.get(o.key);
    if (list === undefined) writesByKey.set(o.key, [o.index]);
    else list.push(o.index);
  }
  return { datatype, ops, sessions, thinAir, writesByKey };
}

function classify(op: Operation, datatype: RwDatatype, file: string | undefined): "write" | "read" {
  if (READ_FS.has(op.f)) return "read";
  if (WRITE_FS[datatype].has(op.f)) return "write";
  throw new ConsistencyInputError(
    "SPC-H006",
    `operation '${op.f}' (id ${op.id}, process ${String(op.process)}) is not a ${datatype} read or write`,
    { file, line: op.line },
    datatype === "register"
      ? "causal and session checks on registers need read/write (or get/put) operations"
      : `use ${[...WRITE_FS[datatype]].join("/")} and read operations, or pick another datatype`,
  );
}

function registerWrite(
  index: Map<string, number>,
  op: Operation,
  key: string,
  at: number,
  ops: readonly RwOp[],
  file: string | undefined,
): void {
  const id = `${key}\u0000${valueKey(op.value)}`;
  const earlier = index.get(id);
  if (earlier !== undefined) {
    const first = ops[earlier]!.op;
    throw new ConsistencyInputError(
      "SPC-H006",
      `value ${valueKey(op.value)} is written to key ${JSON.stringify(key)} twice (operations ${first.id} and ${op.id})`,
      { file, line: op.line },
      "causal and session checks need differentiated histories: make every written value unique per key " +
        "(for example client id + sequence number)",
    );
  }
  index.set(id, at);
}

function observedValues(op: Operation, datatype: RwDatatype, file: string | undefined): unknown[] {
  const r = op.result;
  if (r === null || r === undefined) return [];
  if (datatype === "register") return [r];
  if (Array.isArray(r)) return r;
  throw new ConsistencyInputError(
    "SPC-H003",
    `read ${op.id} of a ${datatype} returned ${valueKey(r)}, not a list`,
    { file, line: op.line },
    "a set or list read returns an array of values (or null when empty)",
  );
}

/**
 * Adjacency lists of program order (each op to the next in its session) plus reads-from (each
 * observed write to the read).
 *
 * @example
 * ```ts
 * const succ = poRfEdges(rw); // succ[i] = nodes with an edge from i
 * ```
 */
export function poRfEdges(rw: RwHistory): number[][] {
  const succ: number[][] = rw.ops.map(() => []);
  for (const s of rw.sessions) for (let i = 0; i + 1 < s.length; i++) succ[s[i]!]!.push(s[i + 1]!);
  for (const o of rw.ops) for (const w of o.reads) succ[w]!.push(o.index);
  return succ;
}
