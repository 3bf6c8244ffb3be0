/**
 * Parser for Jepsen operation maps in EDN, in both layouts found in the test data: Knossos's
 * single collection (`[{:process 0, :type :invoke, ...} ...]`) and one map per line (Porcupine's
 * kv files, Elle's histories). Keywords become plain strings and vectors arrays, so models see
 * ordinary data. `:nemesis` entries are notes and are skipped. The Knossos layout carries that
 * project's conventions as hints (register starts at 0; a read of nil matches anything).
 */

import { EdnKeyword, EdnSet, EdnSymbol, EdnTagged, type EdnValue, kw, readEdn } from "./edn.js";
import { ConsistencyInputError } from "./errors.js";
import { type History, type HistoryEvent, historyFromEvents, type ModelHints } from "./history.js";

const TYPES = new Set(["invoke", "ok", "fail", "info"]);
const K = { process: kw("process"), type: kw("type"), f: kw("f"), key: kw("key"), value: kw("value") };

/**
 * Parses a Jepsen EDN history (a collection of op maps, or one map per line).
 *
 * @example
 * ```ts
 * const h = parseJepsenEdn('{:process 0, :type :invoke, :f :get, :key "1", :value nil}', "c01.txt");
 * h.ops[0]!.key; // "1"
 * ```
 */
export function parseJepsenEdn(text: string, file?: string): History {
  const doc = readEdn(text, file);
  const only = doc.forms.length === 1 ? doc.forms[0]!.value : undefined;
  const collection = Array.isArray(only);
  const items = collection
    ? (only as EdnValue[]).map((value) => ({ value, line: doc.lineOf(value) ?? doc.lineOf(only!) }))
    : doc.forms.map((f) => ({ value: f.value, line: f.line }));
  const events: HistoryEvent[] = [];
  for (const { value, line } of items) {
    const event = toEvent(value, file, line);
    if (event !== undefined) events.push(event);
  }
  const keyed = events.some((e) => e.key !== undefined);
  const hints: ModelHints = collection
    ? { initialValue: 0, nilReadMatchesAny: true, datatype: "register" }
    : keyed
      ? { initialValue: "", datatype: "kv" }
      : {};
  return historyFromEvents(events, { source: file, hints });
}

function toEvent(v: EdnValue, file: string | undefined, line: number | undefined): HistoryEvent | undefined {
  if (!(v instanceof Map))
    throw bad(file, line, "is not a map", "each operation is a map {:process .. :type ..}");
  const process = v.get(K.process);
  if (process instanceof EdnKeyword) return undefined; // :nemesis and friends: notes, not operations
  if (typeof process !== "number") throw bad(file, line, "has no integer :process", "add :process <int>");
  const type = v.get(K.type);
  if (!(type instanceof EdnKeyword) || !TYPES.has(type.name)) {
    throw bad(file, line, "has no valid :type", "use :invoke, :ok, :fail or :info");
  }
  const f = v.get(K.f);
  const key = v.get(K.key);
  return {
    process,
    type: type.name as HistoryEvent["type"],
    f: f instanceof EdnKeyword ? f.name : f === undefined ? undefined : String(toPlain(f)),
    key: key === undefined || key === null ? undefined : String(toPlain(key)),
    value: v.has(K.value) ? toPlain(v.get(K.value)!) : undefined,
    line,
  };
}

/**
 * Converts EDN data to plain JS data: keywords and symbols to their names, lists, vectors and sets
 * to arrays, maps to objects keyed by name. Recursive, but operation values are shallow.
 *
 * @example
 * ```ts
 * toPlain([kw("read"), kw("x"), null]); // ["read", "x", null]
 * ```
 */
export function toPlain(v: EdnValue): unknown {
  if (v instanceof EdnKeyword || v instanceof EdnSymbol) return v.name;
  if (v instanceof EdnTagged) return toPlain(v.value);
  if (v instanceof EdnSet) return v.items.map(toPlain);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[String(toPlain(k))] = toPlain(x);
    return out;
  }
  return v;
}

function bad(
  file: string | undefined,
  line: number | undefined,
  problem: string,
  fix: string,
): ConsistencyInputError {
  return new ConsistencyInputError("SPC-H003", `Jepsen operation ${problem}`, { file, line }, fix);
}
