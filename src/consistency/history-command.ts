/**
 * The library side of `specter history <file> --model ... --check ...`: load the file (format
 * detected from extension and content), run the check, print the verdict and explanation as
 * text or JSON, and return the exit status: 0 consistent, 1 violation, 2 unusable input (the
 * message names the file and what to do), 3 undecided (the search budget ran out). The CLI
 * layer only parses flags and calls this.
 */

import { checkCausal } from "./causal.js";
import { formatExplanation } from "./describe.js";
import { ConsistencyInputError } from "./errors.js";
import type { History, Operation } from "./history.js";
import { checkLinearizable } from "./linearizability.js";
import { loadHistory } from "./load-history.js";
import { kvModel } from "./models/kv.js";
import type { SequentialModel } from "./models/model.js";
import { perKey } from "./models/per-key.js";
import { registerModel } from "./models/register.js";
import type { BudgetedResult, Explanation } from "./result.js";
import { checkSequential } from "./sequential.js";
import { sessionReport } from "./session.js";

/** Flags of `specter history`. */
export interface HistoryCommandOptions {
  readonly file: string;
  readonly model: "register" | "kv";
  readonly check: "linearizable" | "sequential" | "causal" | "session";
  readonly format: "text" | "json";
}

/** Where the command writes. */
export interface HistoryCommandIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

/** One named verdict in the command's report. */
interface Named {
  readonly name: string;
  readonly result: BudgetedResult;
}

/**
 * Runs one history check and reports it; resolves to the exit status.
 *
 * @example
 * ```ts
 * const code = await runHistoryCommand(
 *   { file: "etcd_000.log", model: "register", check: "linearizable", format: "text" },
 *   { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
 * ); // 1: not linearizable
 * ```
 */
export async function runHistoryCommand(opts: HistoryCommandOptions, io: HistoryCommandIo): Promise<number> {
  let results: Named[];
  try {
    const history = await loadHistory(opts.file);
    results = runCheck(history, opts);
  } catch (e) {
    if (!(e instanceof ConsistencyInputError)) throw e;
    io.stderr(`error ${e.code}: ${e.messageFor(opts.file)}\n`);
    return 2;
  }
  const main = results[0]!.result;
  const code = main.ok ? 0 : main.verdict === "violation" ? 1 : 3;
  io.stdout(
    opts.format === "json" ? `${JSON.stringify(toJson(opts, results), null, 2)}\n` : toText(opts, results),
  );
  return code;
}

function modelFor(history: History, kind: HistoryCommandOptions["model"]): SequentialModel<unknown> {
  const h = history.hints;
  if (kind === "kv")
    return perKey(
      kvModel(typeof h.initialValue === "string" ? h.initialValue : ""),
    ) as SequentialModel<unknown>;
  const inner = registerModel({
    initial: h.initialValue ?? null,
    nilReadMatchesAny: h.nilReadMatchesAny ?? false,
  });
  return perKey(inner) as SequentialModel<unknown>;
}

/** The first entry decides the exit status; the others are shown alongside. */
function runCheck(history: History, opts: HistoryCommandOptions): Named[] {
  switch (opts.check) {
    case "linearizable":
      return [{ name: "linearizability", result: checkLinearizable(history, modelFor(history, opts.model)) }];
    case "sequential":
      return [
        { name: "sequential consistency", result: checkSequential(history, modelFor(history, opts.model)) },
      ];
    case "causal": {
      const cc: Named = { name: "CC", result: checkCausal(history, "CC") };
      const dt = history.hints.datatype;
      if (dt === "grow-set" || dt === "list-append") return [cc];
      return [
        cc,
        { name: "CM", result: checkCausal(history, "CM") },
        { name: "CCv", result: checkCausal(history, "CCv") },
      ];
    }
    case "session": {
      const rep = sessionReport(history);
      const each = Object.entries(rep.each).map(([name, result]) => ({ name, result }));
      return [{ name: "all four session guarantees", result: rep.all }, ...each];
    }
  }
}

function verdictWord(r: BudgetedResult): string {
  return r.ok ? "holds" : r.verdict === "violation" ? "VIOLATED" : `UNKNOWN (${r.reason})`;
}

function toText(opts: HistoryCommandOptions, results: readonly Named[]): string {
  const main = results[0]!;
  const lines = [`${opts.file}: ${main.name} (${opts.model} model): ${verdictWord(main.result)}`];
  for (const extra of results.slice(1)) lines.push(`  ${extra.name}: ${verdictWord(extra.result)}`);
  let out = `${lines.join("\n")}\n`;
  const shown = results.find((r) => r.result.verdict === "violation");
  if (shown !== undefined && shown.result.verdict === "violation")
    out += `\n${formatExplanation(shown.result.explanation)}`;
  if (!main.result.ok && main.result.verdict === "unknown") {
    out += "The search gave up before deciding; the history may be too concurrent for an exhaustive check.\n";
  }
  return out;
}

function toJson(opts: HistoryCommandOptions, results: readonly Named[]): unknown {
  return {
    file: opts.file,
    model: opts.model,
    check: opts.check,
    verdict: results[0]!.result.verdict,
    results: results.map(({ name, result }) => ({
      name,
      verdict: result.verdict,
      ...(result.verdict === "unknown" ? { reason: result.reason } : {}),
      ...(result.verdict === "violation" ? { explanation: explanationJson(result.explanation) } : {}),
    })),
  };
}

/**
 * Plain-JSON form of an explanation (times that never came are null).
 *
 * @example
 * ```ts
 * JSON.stringify(explanationJson(r.explanation));
 * ```
 */
export function explanationJson(e: Explanation): unknown {
  return { ...e, ops: e.ops.map(opJson) };
}

function opJson(op: Operation): unknown {
  return { ...op, complete: Number.isFinite(op.complete) ? op.complete : null, result: op.result ?? null };
}
