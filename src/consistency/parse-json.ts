/**
 * Parser for Specter's own JSON history format (documented in docs/consistency.md). One object
 * with exactly one of `events` (Jepsen-style invoke/complete events in real-time order),
 * `operations` (complete operations, with or without times) or `sessions` (per-session program
 * order only). Short aliases used by the transcribed literature data are accepted: `p` for
 * `process`, `arg`/`ret` for an invoke's and a completion's `value`, `ops` for `operations`.
 * Errors name the file and the JSON path of the bad item (JSON has no useful line per item).
 */

import { ConsistencyInputError } from "./errors.js";
import {
  type History,
  type HistoryEvent,
  historyFromEvents,
  historyFromOperations,
  historyFromSessions,
  type ModelHints,
  type OperationInput,
  type ProcessId,
} from "./history.js";

type Obj = Record<string, unknown>;
const EVENT_TYPES = new Set(["invoke", "ok", "fail", "info"]);
const STATUSES: Record<string, OperationInput["status"]> = {
  ok: "ok",
  fail: "fail",
  unknown: "unknown",
  info: "unknown",
};

/**
 * Parses JSON text in Specter's history format.
 *
 * @example
 * ```ts
 * const h = parseJsonHistory('{"events": [{"process": 0, "type": "invoke", "f": "read"}]}', "h.json");
 * h.ops[0]!.status; // "unknown"
 * ```
 */
export function parseJsonHistory(text: string, file?: string): History {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split("\n").length : undefined;
    throw new ConsistencyInputError(
      "SPC-H002",
      `invalid JSON: ${msg}`,
      { file, line },
      "fix the JSON syntax",
    );
  }
  return historyFromJson(data, file);
}

/**
 * Builds a history from an already-parsed JSON value in Specter's format.
 *
 * @example
 * ```ts
 * historyFromJson({ sessions: { p1: [{ f: "write", key: "x", value: 1 }] } }).realTime; // false
 * ```
 */
export function historyFromJson(data: unknown, file?: string): History {
  const top = asObject(data, "the top level", file);
  const hints: ModelHints = {
    ...("init" in top ? { initialValue: top.init } : {}),
    ...(typeof top.datatype === "string" ? { datatype: top.datatype } : {}),
  };
  const kinds = ["events", "operations", "ops", "sessions"].filter((k) => k in top);
  if (kinds.length !== 1) {
    throw new ConsistencyInputError(
      "SPC-H003",
      `JSON history has ${kinds.length === 0 ? "none" : kinds.join(" and ")} of "events", "operations", "sessions"`,
      { file },
      "give exactly one of them (see docs/consistency.md)",
    );
  }
  const kind = kinds[0]!;
  if (kind === "events") {
    const events = asArray(top.events, "events", file).map((e, i) => toEvent(e, `events[${i}]`, file));
    return historyFromEvents(events, { source: file, hints });
  }
  if (kind === "sessions") {
    const sessions = asObject(top.sessions, "sessions", file);
    const out: Record<string, OperationInput[]> = {};
    for (const [name, list] of Object.entries(sessions)) {
      out[name] = asArray(list, `sessions.${name}`, file).map((o, i) =>
        toOperation(o, `sessions.${name}[${i}]`, file),
      );
    }
    return historyFromSessions(out, { source: file, hints });
  }
  const ops = asArray(top[kind], kind, file).map((o, i) => toOperation(o, `${kind}[${i}]`, file));
  const timed = ops.filter((o) => o.invoke !== undefined).length;
  if (timed !== 0 && timed !== ops.length) {
    throw bad(
      file,
      kind,
      "gives invoke times for some operations only",
      "give invoke (and complete) for all or none",
    );
  }
  return historyFromOperations(ops, { source: file, hints });
}

function toEvent(raw: unknown, path: string, file: string | undefined): HistoryEvent {
  const o = asObject(raw, path, file);
  const type = o.type;
  if (typeof type !== "string" || !EVENT_TYPES.has(type)) {
    throw bad(file, path, `has type ${JSON.stringify(type)}`, 'use "invoke", "ok", "fail" or "info"');
  }
  const value = "value" in o ? o.value : type === "invoke" ? o.arg : o.ret;
  return {
    process: processOf(o, path, file),
    type: type as HistoryEvent["type"],
    f: optString(o.f, `${path}.f`, file),
    key: keyOf(o.key, path, file),
    value,
    time: typeof o.time === "number" ? o.time : undefined,
  };
}

function toOperation(raw: unknown, path: string, file: string | undefined): OperationInput {
  const o = asObject(raw, path, file);
  const f = optString(o.f, `${path}.f`, file);
  if (f === undefined) throw bad(file, path, 'has no "f"', 'name the operation kind, e.g. "read" or "write"');
  const status = o.status === undefined ? "ok" : STATUSES[String(o.status)];
  if (status === undefined)
    throw bad(file, path, `has status ${JSON.stringify(o.status)}`, 'use "ok", "fail" or "unknown"');
  const times = ["invoke", "complete"].map((k) => {
    const t = o[k];
    if (t !== undefined && typeof t !== "number")
      throw bad(file, path, `has non-numeric "${k}"`, "give a number");
    return t as number | undefined;
  });
  return {
    process: "process" in o || "p" in o ? processOf(o, path, file) : undefined,
    f,
    key: keyOf(o.key, path, file),
    value: o.value ?? o.arg ?? null,
    ...("result" in o ? { result: o.result } : "ret" in o ? { result: o.ret } : {}),
    status,
    invoke: times[0],
    complete: times[1],
  };
}

function processOf(o: Obj, path: string, file: string | undefined): ProcessId {
  const p = o.process ?? o.p;
  if (typeof p === "number" || typeof p === "string") return p;
  throw bad(file, path, 'has no "process"', "give a number or string process id");
}

function keyOf(k: unknown, path: string, file: string | undefined): string | undefined {
  if (k === undefined || k === null) return undefined;
  if (typeof k === "string" || typeof k === "number") return String(k);
  throw bad(file, path, "has a key that is not a string or number", "use a string key");
}

function optString(v: unknown, path: string, file: string | undefined): string | undefined {
  if (v === undefined || typeof v === "string") return v;
  throw bad(file, path, "is not a string", "use a string");
}

function asObject(v: unknown, path: string, file: string | undefined): Obj {
  if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Obj;
  throw bad(file, path, "is not an object", "see docs/consistency.md for the format");
}

function asArray(v: unknown, path: string, file: string | undefined): unknown[] {
  if (Array.isArray(v)) return v;
  throw bad(file, path, "is not an array", "see docs/consistency.md for the format");
}

function bad(file: string | undefined, path: string, problem: string, fix: string): ConsistencyInputError {
  return new ConsistencyInputError("SPC-H003", `${path} ${problem}`, { file }, fix);
}
