/**
 * Parser for the Jepsen etcd single-register logs (2015) used by Porcupine and Horn & Kroening:
 * one `INFO jepsen.util - <process> :<type> :<f> <arg>` line per event, in real-time order. Lines
 * that do not mention `jepsen.util -` (cluster set-up, nemesis chatter in full console logs) are
 * skipped; a line that does but is malformed is an error naming its line. `:info ... :timed-out`
 * gives an unknown-outcome operation, and `:fail :read :timed-out` a failed read.
 */

import { ConsistencyInputError } from "./errors.js";
import { type History, type HistoryEvent, historyFromEvents } from "./history.js";

const LINE = /jepsen\.util\s+-\s+(\S+)\s+:(invoke|ok|fail|info)\s+:(read|write|cas)\s+(.*?)\s*$/;
const MENTION = /jepsen\.util\s+-\s/;

/**
 * Parses an etcd log into a history (register model, initial value nil).
 *
 * @example
 * ```ts
 * const h = parseEtcdLog("INFO  jepsen.util - 0\t:invoke\t:read\tnil\n", "etcd_000.log");
 * h.ops[0]!.status; // "unknown": it never completed
 * ```
 */
export function parseEtcdLog(text: string, file?: string): History {
  const events: HistoryEvent[] = [];
  const lines = text.split("\n");
  let skipped = 0;
  lines.forEach((raw, i) => {
    if (raw.trim() === "") return;
    const line = i + 1;
    if (!MENTION.test(raw)) {
      skipped++;
      return;
    }
    const m = LINE.exec(raw);
    if (m === null) throw bad(file, line, "is not a Jepsen operation line");
    const process = Number(m[1]);
    if (!Number.isInteger(process)) throw bad(file, line, `has process '${m[1]}', not an integer`);
    const type = m[2] as HistoryEvent["type"];
    const f = m[3]!;
    events.push({ process, type, f, value: parseArg(m[4]!, file, line), line });
  });
  if (events.length === 0 && skipped > 0) {
    throw new ConsistencyInputError(
      "SPC-H005",
      "no 'INFO jepsen.util - <process> :<type> :<f> <value>' lines found",
      { file },
      "pass a Jepsen etcd log, or a .edn or .json history",
    );
  }
  return historyFromEvents(events, { source: file, hints: { initialValue: null, datatype: "register" } });
}

function parseArg(arg: string, file: string | undefined, line: number): unknown {
  if (arg === "nil") return null;
  if (arg === ":timed-out") return undefined;
  if (/^-?\d+$/.test(arg)) return Number(arg);
  const pair = /^\[\s*(-?\d+|nil)\s+(-?\d+|nil)\s*\]$/.exec(arg);
  if (pair !== null)
    return [pair[1] === "nil" ? null : Number(pair[1]), pair[2] === "nil" ? null : Number(pair[2])];
  throw bad(file, line, `has value '${arg}'`);
}

function bad(file: string | undefined, line: number, problem: string): ConsistencyInputError {
  return new ConsistencyInputError(
    "SPC-H002",
    `etcd log line ${problem}`,
    { file, line },
    "expected 'INFO jepsen.util - <process> :invoke|:ok|:fail|:info :read|:write|:cas nil|<int>|[<int> <int>]|:timed-out'",
  );
}
