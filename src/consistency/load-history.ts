/**
 * Reads a history file in any supported format, detected from the extension and, failing that,
 * from the content: Jepsen etcd logs (`.log`, or lines mentioning `jepsen.util -`), Jepsen EDN
 * (`.edn`, or text starting with `[{:`, `{:`, `(` or `;`) and Specter JSON (`.json`, or text
 * starting with `{"`).
 */

import { readFile } from "node:fs/promises";
import { ConsistencyInputError } from "./errors.js";
import type { History } from "./history.js";
import { parseEtcdLog } from "./parse-etcd-log.js";
import { parseJepsenEdn } from "./parse-jepsen-edn.js";
import { parseJsonHistory } from "./parse-json.js";

/** The history file formats Specter reads. */
export type HistoryFormat = "etcd-log" | "jepsen-edn" | "json";

/**
 * Guesses a file's format from its name and first characters.
 *
 * @example
 * ```ts
 * detectFormat('{:process 0, :type :invoke}', "c10-ok.txt"); // "jepsen-edn"
 * ```
 */
export function detectFormat(text: string, file = ""): HistoryFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".edn")) return "jepsen-edn";
  if (lower.endsWith(".log")) return "etcd-log";
  const start = text.replace(/^[\s,]+/, "").slice(0, 2);
  if (start.startsWith('{"') || start.startsWith("{}")) return "json";
  if (/^(\[\s*\{|\{:|\(|;|\[:|\[\])/.test(start) || start.startsWith("[")) {
    return /^\[\s*\{\s*"/.test(text.trimStart()) ? "json" : "jepsen-edn";
  }
  if (/jepsen\.util\s+-\s/.test(text.slice(0, 4096))) return "etcd-log";
  throw new ConsistencyInputError(
    "SPC-H005",
    "cannot tell the history format",
    { file: file || undefined },
    "use a .log (Jepsen etcd), .edn (Jepsen EDN) or .json (Specter JSON, see docs/consistency.md) file",
  );
}

/**
 * Parses history text in the given (or detected) format.
 *
 * @example
 * ```ts
 * const h = parseHistory(text, "etcd_000.log");
 * ```
 */
export function parseHistory(text: string, file = "", format?: HistoryFormat): History {
  const src = file || undefined;
  switch (format ?? detectFormat(text, file)) {
    case "etcd-log":
      return parseEtcdLog(text, src);
    case "jepsen-edn":
      return parseJepsenEdn(text, src);
    case "json":
      return parseJsonHistory(text, src);
  }
}

/**
 * Reads and parses a history file.
 *
 * @example
 * ```ts
 * const h = await loadHistory("shared/consistency-data/porcupine/kv/c10-ok.txt");
 * ```
 */
export async function loadHistory(file: string, format?: HistoryFormat): Promise<History> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new ConsistencyInputError(
      "SPC-H001",
      `cannot read the file (${reason})`,
      { file },
      "check the path",
    );
  }
  return parseHistory(text, file, format);
}
