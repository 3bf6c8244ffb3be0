/**
 * The history model shared by every checker: operations with a process (client) id, an
 * invocation and at most one completion. Jepsen's vocabulary is kept: `ok` took effect with its
 * result, `fail` definitely did not take effect, and `unknown` (Jepsen's `:info`, a timeout, a
 * crash, or no completion at all) may take effect once at any point after its invocation, or
 * never. Times are either real timestamps (closed intervals, calls before returns on ties, as in
 * Porcupine) or, for event lists, the index of the event; only their order matters.
 */

import { ConsistencyInputError } from "./errors.js";

/** A client, session or Jepsen process id. */
export type ProcessId = number | string;

/** How an operation ended. */
export type OpStatus = "ok" | "fail" | "unknown";

/** One operation of a history. Built by the helpers below; never mutated. */
export interface Operation {
  /** Position in `History.ops`; explanations refer to operations by it. */
  readonly id: number;
  readonly process: ProcessId;
  /** The operation kind: `read`, `write`, `cas`, `get`, `put`, `append`, `txn`, or a model's own. */
  readonly f: string;
  /** The object the operation touches, when the data type has keys (kv stores, multi-registers). */
  readonly key: string | undefined;
  /** The invocation's argument (a write's value, a CAS's `[expected, new]`). */
  readonly value: unknown;
  /** The completion's value (a read's result); `undefined` when the outcome is unknown. */
  readonly result: unknown;
  readonly status: OpStatus;
  /** Invocation time (a timestamp or an event index). */
  readonly invoke: number;
  /** Completion time; `Infinity` when the operation never completed. */
  readonly complete: number;
  /** Source line of the invocation, for messages. */
  readonly line: number | undefined;
}

/** Conventions of the source format that a checker may need to build the right model. */
export interface ModelHints {
  /** The register's initial value (Knossos data: 0; etcd logs: nil). */
  readonly initialValue?: unknown;
  /** Knossos convention: an ok read of nil is legal in every state. */
  readonly nilReadMatchesAny?: boolean;
  /** The data type named in the file, e.g. "register", "kv", "grow-set", "list-append". */
  readonly datatype?: string;
}

/** A history: its operations ordered by invocation time. */
export interface History {
  readonly ops: readonly Operation[];
  /** False when only per-process order is known (session listings): no linearizability then. */
  readonly realTime: boolean;
  /** The file it came from, for messages. */
  readonly source: string | undefined;
  readonly hints: ModelHints;
}

/** One event of an event list, in real-time order. */
export interface HistoryEvent {
  readonly process: ProcessId;
  /** Jepsen types; `info` means the outcome is unknown. */
  readonly type: "invoke" | "ok" | "fail" | "info";
  readonly f?: string | undefined;
  readonly key?: string | undefined;
  readonly value?: unknown;
  /** A timestamp; when every event has one, they define real time instead of list order. */
  readonly time?: number | undefined;
  readonly line?: number | undefined;
}

/** Options shared by the history builders. */
export interface HistoryOptions {
  readonly source?: string | undefined;
  readonly hints?: ModelHints | undefined;
  /** Processes whose events are notes, not operations (Jepsen's `:nemesis`). */
  readonly ignoreProcesses?: readonly ProcessId[] | undefined;
}

interface Pending {
  readonly event: HistoryEvent;
  readonly time: number;
  readonly slot: number;
}

/**
 * Pairs invoke and completion events per process into operations. A completion with no
 * outstanding invoke is an error, except `info` (a Jepsen note); an invoke left open becomes an
 * `unknown` operation. The completion's value becomes the result, and its `f`/`key` fill in
 * missing ones.
 *
 * @example
 * ```ts
 * const h = historyFromEvents([
 *   { process: 0, type: "invoke", f: "write", value: 1 },
 *   { process: 1, type: "invoke", f: "read" },
 *   { process: 0, type: "ok", value: 1 },
 *   { process: 1, type: "ok", value: 1 },
 * ]);
 * h.ops[1]; // { f: "read", result: 1, status: "ok", invoke: 1, complete: 3, ... }
 * ```
 */
export function historyFromEvents(events: readonly HistoryEvent[], options: HistoryOptions = {}): History {
  const timed =
    events.length > 0 && events.every((e) => typeof e.time === "number" && Number.isFinite(e.time));
  const ignored = new Set<ProcessId>(options.ignoreProcesses ?? []);
  const open = new Map<ProcessId, Pending>();
  const slots: (Operation | undefined)[] = [];
  events.forEach((e, index) => {
    if (ignored.has(e.process)) return;
    const time = timed ? (e.time as number) : index;
    const pending = open.get(e.process);
    if (e.type === "invoke") {
      if (pending !== undefined) throw overlapError(e, pending, options.source);
      open.set(e.process, { event: e, time, slot: slots.length });
      slots.push(undefined);
      return;
    }
    if (pending === undefined) {
      if (e.type === "info") return; // a note such as a nemesis message, not an operation
      throw new ConsistencyInputError(
        "SPC-H004",
        `process ${String(e.process)} completes (${e.type}) with no operation outstanding`,
        { file: options.source, line: e.line },
        "every ok/fail must follow an invoke by the same process",
      );
    }
    open.delete(e.process);
    slots[pending.slot] = makeOp(pending, e, time);
  });
  for (const pending of open.values()) slots[pending.slot] = makeOp(pending, undefined, Infinity);
  const ops = slots.map((op, id) => ({ ...op!, id }));
  return { ops, realTime: true, source: options.source, hints: options.hints ?? {} };
}

function makeOp(p: Pending, done: HistoryEvent | undefined, time: number): Operation {
  const inv = p.event;
  const status = done === undefined || done.type === "info" ? "unknown" : done.type === "ok" ? "ok" : "fail";
  return {
    id: 0,
    process: inv.process,
    f: inv.f ?? done?.f ?? "op",
    key: inv.key ?? done?.key,
    value: inv.value ?? null,
    result: status === "unknown" ? undefined : done?.value === undefined ? (inv.value ?? null) : done.value,
    status,
    invoke: p.time,
    complete: status === "unknown" ? Infinity : time,
    line: inv.line,
  };
}

function overlapError(e: HistoryEvent, pending: Pending, source: string | undefined): ConsistencyInputError {
  const where = pending.event.line === undefined ? "" : ` (invoked on line ${pending.event.line})`;
  return new ConsistencyInputError(
    "SPC-H004",
    `process ${String(e.process)} invokes a new operation while its previous one${where} is outstanding`,
    { file: source, line: e.line },
    "give each concurrent client its own process id, or complete the earlier operation first",
  );
}

/** An operation as given to `historyFromOperations`, with everything but `f` optional. */
export interface OperationInput {
  readonly process?: ProcessId | undefined;
  readonly f: string;
  readonly key?: string | undefined;
  readonly value?: unknown;
  /** Defaults to `value` for ok operations (Jepsen's completed-op convention). */
  readonly result?: unknown;
  readonly status?: OpStatus | undefined;
  readonly invoke?: number | undefined;
  readonly complete?: number | undefined;
  readonly line?: number | undefined;
}

/**
 * Builds a history from complete operations. Without `invoke`/`complete` times, operations are
 * taken to run one after another in list order (each completes before the next is invoked).
 *
 * @example
 * ```ts
 * const h = historyFromOperations([
 *   { process: 0, f: "write", value: 1, invoke: 0, complete: 10 },
 *   { process: 1, f: "read", result: 1, invoke: 5, complete: 7 },
 * ]);
 * ```
 */
export function historyFromOperations(ops: readonly OperationInput[], options: HistoryOptions = {}): History {
  const built = ops.map((o, i) => toOperation(o, i, 2 * i, 2 * i + 1));
  return finish(built, true, options);
}

/**
 * Builds a history from per-session operation lists with no real-time information (for the
 * sequential, causal and session checks). Each session's list is in program order.
 *
 * @example
 * ```ts
 * const h = historyFromSessions({
 *   p1: [{ f: "write", key: "x", value: 1 }, { f: "read", key: "x", value: 2 }],
 *   p2: [{ f: "write", key: "x", value: 2 }],
 * });
 * h.realTime; // false
 * ```
 */
export function historyFromSessions(
  sessions: Readonly<Record<string, readonly OperationInput[]>>,
  options: HistoryOptions = {},
): History {
  const built: Operation[] = [];
  for (const [name, list] of Object.entries(sessions)) {
    list.forEach((o, i) => {
      built.push(toOperation({ ...o, process: o.process ?? name }, 0, i, i));
    });
  }
  return finish(built, false, options);
}

function toOperation(o: OperationInput, index: number, invoke: number, complete: number): Operation {
  const status = o.status ?? "ok";
  const inv = o.invoke ?? invoke;
  return {
    id: 0,
    process: o.process ?? index,
    f: o.f,
    key: o.key,
    value: o.value ?? null,
    result: status === "unknown" ? undefined : "result" in o ? (o.result ?? null) : (o.value ?? null),
    status,
    invoke: inv,
    complete: status === "unknown" ? Infinity : (o.complete ?? Math.max(complete, inv)),
    line: o.line,
  };
}

function finish(ops: Operation[], realTime: boolean, options: HistoryOptions): History {
  const sorted = ops
    .map((op, i) => ({ op, i }))
    .sort((a, b) => a.op.invoke - b.op.invoke || a.i - b.i)
    .map(({ op }, id) => ({ ...op, id }));
  return { ops: sorted, realTime, source: options.source, hints: options.hints ?? {} };
}

/**
 * Each process's operations in program (invocation) order.
 *
 * @example
 * ```ts
 * sessionsOf(h).get(0); // process 0's operations, first to last
 * ```
 */
export function sessionsOf(ops: readonly Operation[]): Map<ProcessId, Operation[]> {
  const out = new Map<ProcessId, Operation[]>();
  for (const op of ops) {
    let list = out.get(op.process);
    if (list === undefined) out.set(op.process, (list = []));
    list.push(op);
  }
  for (const list of out.values()) list.sort((a, b) => a.invoke - b.invoke || a.id - b.id);
  return out;
}

/**
 * Splits operations by key (P-compositionality); operations without a key share the partition
 * named "". Order within each partition is preserved.
 *
 * @example
 * ```ts
 * partitionByKey(h.ops).get("x"); // the operations on key "x"
 * ```
 */
export function partitionByKey(ops: readonly Operation[]): Map<string, Operation[]> {
  const out = new Map<string, Operation[]>();
  for (const op of ops) {
    const k = op.key ?? "";
    let list = out.get(k);
    if (list === undefined) out.set(k, (list = []));
    list.push(op);
  }
  return out;
}
