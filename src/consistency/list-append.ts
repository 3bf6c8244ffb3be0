/**
 * Dependency inference for Elle's list-append transactions (Kingsbury & Alvaro, VLDB 2020).
 * Every read of a key returns the whole list, so the key's version order is the longest list
 * read, and every other read must be a prefix of it. From that come Adya's edges between
 * transactions: ww (consecutive appends), wr (the read saw that append last) and rw (the read
 * did not see the next append). Appends nobody read come after everything read (a list only
 * grows at the end); when two or more such appends exist their mutual order is unknown, so the
 * edges that depend on it are left out and the graph is marked incomplete: then violations found
 * are still certain, but "holds" verdicts become "unknown". Cycle classification is in
 * list-append-cycles.ts.
 */

import { ConsistencyInputError } from "./errors.js";
import type { History, Operation } from "./history.js";
import { valueKey } from "./values.js";

/** Adya's dependency edge kinds. */
export type DepKind = "ww" | "wr" | "rw";

/** One dependency edge between transactions (indices into `txns`). */
export interface DepEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: DepKind;
  readonly key: string;
}

/** An anomaly found without cycles: reads that contradict any single version order. */
export interface ReadAnomaly {
  readonly type:
    | "incompatible-order"
    | "duplicate-elements"
    | "garbage-read"
    | "aborted-read"
    | "G1b"
    | "internal";
  readonly txns: readonly number[];
  readonly key: string;
  readonly message: string;
}

/** The inferred dependency graph. */
export interface DependencyGraph {
  readonly txns: readonly Operation[];
  readonly edges: readonly DepEdge[];
  readonly anomalies: readonly ReadAnomaly[];
  /** False when some version order (hence some edge) could not be determined. */
  readonly complete: boolean;
}

type Micro = { readonly f: "append" | "r"; readonly key: string; readonly value: unknown };
interface KeyReads {
  readonly reads: { txn: number; list: readonly unknown[] }[];
  /** Appended value (canonical key) to the transaction that appended it. */
  readonly writer: Map<string, number>;
  /** Per transaction, its appends to this key in its own order. */
  readonly own: Map<number, string[]>;
}

/**
 * Infers the dependency graph of a list-append history (ops with `f` = "txn" whose value is a
 * list of `[append k v]` / `[r k list]`).
 *
 * @example
 * ```ts
 * const g = dependencyGraph(parseHistory(text, "si-without-g-single.edn"));
 * g.edges.filter((e) => e.kind === "rw").length; // 4
 * ```
 */
export function dependencyGraph(history: History): DependencyGraph {
  const txns = history.ops.filter((op) => op.status !== "fail");
  const failed = new Set<string>();
  for (const op of history.ops) {
    if (op.status !== "fail") continue;
    for (const m of micros(op, history))
      if (m.f === "append") failed.add(`${m.key}\u0000${valueKey(m.value)}`);
  }
  const byKey = new Map<string, KeyReads>();
  const anomalies: ReadAnomaly[] = [];
  const entry = (k: string) =>
    byKey.get(k) ?? byKey.set(k, { reads: [], writer: new Map(), own: new Map() }).get(k)!;
  txns.forEach((op, t) => {
    const own = new Map<string, unknown[]>();
    for (const m of micros(op, history)) {
      const e = entry(m.key);
      if (m.f === "append") {
        const id = valueKey(m.value);
        if (e.writer.has(id)) throw duplicateAppend(history, op, m);
        e.writer.set(id, t);
        e.own.set(t, [...(e.own.get(t) ?? []), id]);
        own.set(m.key, [...(own.get(m.key) ?? []), m.value]);
      } else if (op.status === "ok") {
        const list = stripOwn(
          Array.isArray(m.value) ? m.value : [],
          own.get(m.key) ?? [],
          t,
          m.key,
          anomalies,
        );
        e.reads.push({ txn: t, list });
      }
    }
  });
  const edges: DepEdge[] = [];
  let complete = true;
  for (const [key, e] of byKey) complete = keyEdges(key, e, txns, failed, edges, anomalies) && complete;
  return { txns, edges, anomalies, complete };
}

function micros(op: Operation, history: History): Micro[] {
  const raw = op.status === "ok" ? op.result : op.value;
  if (!Array.isArray(raw)) throw badTxn(history, op);
  return raw.map((m) => {
    if (!Array.isArray(m) || m.length !== 3 || (m[0] !== "append" && m[0] !== "r")) throw badTxn(history, op);
    return { f: m[0], key: String(m[1]), value: m[2] };
  });
}

/** A read after the transaction's own appends must end with them; returns the external prefix. */
function stripOwn(
  list: readonly unknown[],
  own: readonly unknown[],
  t: number,
  key: string,
  out: ReadAnomaly[],
) {
  if (own.length === 0) return list;
  const tail = list.slice(list.length - own.length);
  if (tail.length === own.length && tail.every((v, i) => valueKey(v) === valueKey(own[i]))) {
    return list.slice(0, list.length - own.length);
  }
  out.push({
    type: "internal",
    txns: [t],
    key,
    message: "a read does not end with the transaction's own appends",
  });
  return list;
}

function keyEdges(
  key: string,
  e: KeyReads,
  txns: readonly Operation[],
  failed: ReadonlySet<string>,
  edges: DepEdge[],
  anomalies: ReadAnomaly[],
): boolean {
  const longest = e.reads.reduce<readonly unknown[]>((a, r) => (r.list.length > a.length ? r.list : a), []);
  const order = longest.map(valueKey);
  if (new Set(order).size !== order.length) {
    const txn = e.reads.find((r) => r.list === longest)!.txn;
    anomalies.push({
      type: "duplicate-elements",
      txns: [txn],
      key,
      message: "a read lists the same append twice",
    });
    return true;
  }
  for (const r of e.reads) {
    if (r.list.every((v, i) => valueKey(v) === order[i])) continue;
    const other = e.reads.find((x) => x.list === longest)!.txn;
    anomalies.push({
      type: "incompatible-order",
      txns: [r.txn, other],
      key,
      message: "two reads disagree on the order",
    });
  }
  const writers: number[] = [];
  for (const id of order) {
    const w = e.writer.get(id);
    if (w !== undefined) writers.push(w);
    else {
      const reader = e.reads.find((x) => x.list === longest)!.txn;
      const type = failed.has(`${key}\u0000${id}`) ? "aborted-read" : "garbage-read";
      anomalies.push({
        type,
        txns: [reader],
        key,
        message: `a read lists ${id}, which no committed append wrote`,
      });
      return true;
    }
  }
  const seen = new Set(order);
  const unread = [...e.writer].filter(([id]) => !seen.has(id)).map(([, t]) => t);
  const unreadOk = unread.filter((t) => txns[t]!.status === "ok");
  const push = (from: number, to: number, kind: DepKind) => {
    if (from !== to) edges.push({ from, to, kind, key });
  };
  for (let i = 0; i + 1 < writers.length; i++) push(writers[i]!, writers[i + 1]!, "ww");
  const last = writers.at(-1);
  if (last !== undefined) for (const u of unreadOk) push(last, u, "ww");
  const nextKnown = unread.length === 1 && unreadOk.length === 1;
  for (const r of e.reads) {
    const last = r.list.length > 0 ? order[r.list.length - 1]! : undefined;
    const mine = last === undefined ? undefined : e.own.get(e.writer.get(last)!);
    if (mine !== undefined && mine.indexOf(last!) < mine.length - 1) {
      const message = "a read saw an intermediate state of another transaction (not all of its appends)";
      anomalies.push({ type: "G1b", txns: [r.txn, e.writer.get(last!)!], key, message });
    }
    if (r.list.length > 0) push(writers[r.list.length - 1]!, r.txn, "wr");
    if (r.list.length < writers.length) push(r.txn, writers[r.list.length]!, "rw");
    else if (nextKnown) push(r.txn, unreadOk[0]!, "rw");
  }
  return unread.length === 0 || nextKnown;
}

function badTxn(history: History, op: Operation): ConsistencyInputError {
  return new ConsistencyInputError(
    "SPC-H003",
    `operation ${op.id} is not a list-append transaction`,
    { file: history.source, line: op.line },
    "each :value must be a vector of [:append k v] and [:r k list] micro-operations",
  );
}

function duplicateAppend(history: History, op: Operation, m: Micro): ConsistencyInputError {
  return new ConsistencyInputError(
    "SPC-H006",
    `value ${valueKey(m.value)} is appended to key ${m.key} more than once`,
    { file: history.source, line: op.line },
    "list-append histories need unique appended values per key",
  );
}
