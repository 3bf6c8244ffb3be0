/**
 * `specter check <spec>`: parse flags → load the spec → check → report. No checking logic here
 * (STYLE.md: the CLI is thin and staged). Maps the result to the exit status of the contract:
 * 0 ok, 1 violation, 2 usage/spec/input error, 3 incomplete with --require-complete, 130
 * interrupted (after printing the statistics so far).
 */

import { check } from "../engine/check.js";
import type { Scheduler, Strategy } from "../engine/options.js";
import type { CheckResult } from "../engine/result.js";
import { UsageError } from "../errors.js";
import { renderResultText } from "../render/text-result.js";
import { type WrittenCounterexample, writeCounterexamples } from "../render/write-counterexamples.js";
import { parseParamFlags } from "../spec/params.js";
import { ExitCode, type Io } from "./io.js";
import { resultToJson } from "./json-result.js";
import { loadSpec } from "./load-spec.js";
import { progressLine } from "./progress.js";
import { reportError } from "./report-error.js";

/** Flags of `specter check`, as commander parses them. */
export interface CheckFlags {
  readonly param: readonly string[];
  readonly bug?: string;
  readonly strategy?: Strategy;
  readonly runs?: number;
  readonly depth?: number;
  readonly seed?: number;
  readonly path?: string;
  readonly swarm?: boolean;
  /** random: how walks choose among the enabled steps (default "mixed"). */
  readonly scheduler?: Scheduler;
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeLimit?: number;
  /** bfs: worker threads (1: sequential). */
  readonly workers?: number;
  readonly continue?: boolean;
  /** bfs: checkpoint directory, interval in seconds, and a directory to resume from. */
  readonly checkpoint?: string;
  readonly checkpointEvery?: number;
  readonly resume?: string;
  readonly only?: readonly string[];
  /** false: --no-symmetry; true: --symmetry (random search); undefined: the strategy's default. */
  readonly symmetry?: boolean;
  /** --freeze-states. */
  readonly freezeStates?: boolean;
  /** undefined: the spec's own setting; false: --no-deadlock. */
  readonly deadlock?: boolean;
  readonly format: "text" | "json";
  readonly requireComplete?: boolean;
  readonly verbose?: boolean;
  /** Where counterexamples are written (default "counterexamples"). */
  readonly out?: string;
  /** false: --no-svg. */
  readonly svg?: boolean;
  readonly html?: boolean;
  /** Plain periodic progress lines on stderr when it is not a terminal. */
  readonly progress?: boolean;
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command line that reproduces a run, printed under each counterexample. */
export function reproduceCommand(specArg: string, flags: CheckFlags, result?: CheckResult): string {
  const parts = ["npx", "specter", "check", shellQuote(specArg)];
  if (flags.bug) parts.push("--bug", shellQuote(flags.bug));
  if (flags.strategy && flags.strategy !== "bfs") parts.push("--strategy", flags.strategy);
  for (const p of flags.param) parts.push("-p", shellQuote(p));
  if (flags.deadlock === false) parts.push("--no-deadlock");
  if (flags.symmetry !== undefined) parts.push(flags.symmetry ? "--symmetry" : "--no-symmetry");
  if (flags.freezeStates) parts.push("--freeze-states");
  if (flags.only?.length) parts.push("--only", ...flags.only.map(shellQuote));
  if (result?.random) {
    if (flags.depth !== undefined) parts.push("--depth", String(flags.depth));
    if (flags.swarm) parts.push("--swarm");
    if (flags.scheduler !== undefined && flags.scheduler !== "mixed")
      parts.push("--scheduler", flags.scheduler);
    parts.push("--seed", String(result.random.seed));
    if (result.random.path) parts.push("--path", result.random.path);
  }
  return parts.join(" ");
}

/** Exit status for a result. */
export function exitCodeOf(r: CheckResult, requireComplete: boolean): number {
  if (r.result === "error") return ExitCode.error;
  if (r.result === "violation") return ExitCode.violation;
  if (r.stoppedBy === "interrupted") return ExitCode.interrupted;
  if (r.result === "incomplete" && requireComplete) return ExitCode.incomplete;
  return ExitCode.ok;
}

/** Runs `specter check`. */
export async function checkCommand(specArg: string, flags: CheckFlags, io: Io): Promise<number> {
  let result: CheckResult;
  let specFile: string | undefined;
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  const progress = progressLine(io, {
    plain: flags.progress === true,
    bounds: {
      ...(flags.maxStates !== undefined ? { maxStates: flags.maxStates } : {}),
      ...(flags.timeLimit !== undefined ? { timeLimit: flags.timeLimit } : {}),
    },
  });
  try {
    const params = parseParamFlags(flags.param);
    // --resume alone keeps checkpointing into its directory (at the default interval or this one).
    const checkpointDir =
      flags.checkpoint ?? (flags.checkpointEvery !== undefined ? flags.resume : undefined);
    if (flags.checkpointEvery !== undefined && checkpointDir === undefined)
      throw new UsageError("SPC-U006", "--checkpoint-every needs --checkpoint <dir> (or --resume <dir>)");
    const loaded = await loadSpec(specArg);
    const { spec } = loaded;
    specFile = loaded.bundled ? undefined : loaded.file;
    process.once("SIGINT", onSigint);
    result = await check(spec, {
      params,
      ...(flags.bug !== undefined ? { bug: flags.bug } : {}),
      ...(flags.strategy !== undefined ? { strategy: flags.strategy } : {}),
      ...(flags.runs !== undefined ? { runs: flags.runs } : {}),
      ...(flags.depth !== undefined ? { depth: flags.depth } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.path !== undefined ? { path: flags.path } : {}),
      ...(flags.swarm ? { swarm: true } : {}),
      ...(flags.scheduler !== undefined ? { scheduler: flags.scheduler } : {}),
      ...(flags.maxStates !== undefined ? { maxStates: flags.maxStates } : {}),
      ...(flags.maxDepth !== undefined ? { maxDepth: flags.maxDepth } : {}),
      ...(flags.timeLimit !== undefined ? { timeLimit: flags.timeLimit } : {}),
      ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
      ...(flags.deadlock !== undefined ? { deadlock: flags.deadlock } : {}),
      ...(flags.symmetry !== undefined ? { symmetry: flags.symmetry } : {}),
      ...(flags.freezeStates ? { freezeStates: true } : {}),
      ...(flags.only?.length ? { only: flags.only } : {}),
      ...(checkpointDir !== undefined
        ? {
            checkpoint: {
              dir: checkpointDir,
              ...(flags.checkpointEvery !== undefined ? { everySeconds: flags.checkpointEvery } : {}),
            },
          }
        : {}),
      ...(flags.resume !== undefined ? { resume: flags.resume } : {}),
      continue: flags.continue ?? false,
      signal: controller.signal,
      onProgress: progress.update,
    });
  } catch (e) {
    progress.done();
    return reportError(e, io, flags);
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
  progress.done();
  let written: WrittenCounterexample[] = [];
  try {
    written = await writeCounterexamples(result, {
      outDir: flags.out ?? "counterexamples",
      svg: flags.svg !== false,
      html: flags.html === true,
      ...(specFile !== undefined ? { specFile } : {}),
    });
  } catch (e) {
    return reportError(e, io, flags);
  }
  if (flags.format === "json") io.stdout(`${JSON.stringify(resultToJson(result, written), null, 2)}\n`);
  else {
    const text = `${renderResultText(result, {
      reproduce: reproduceCommand(specArg, flags, result),
      files: Object.fromEntries(written.map((w) => [w.property, Object.values(w.files)])),
    }).join("\n")}\n`;
    // A spec fault is a diagnostic: it goes to stderr, like every other error.
    if (result.error) io.stderr(text);
    else io.stdout(text);
  }
  const saved = flags.checkpoint ?? flags.resume;
  if (
    saved !== undefined &&
    !result.error &&
    ["maxDepth", "timeLimit", "interrupted"].includes(result.stoppedBy ?? "")
  )
    io.stderr(
      `checkpoint saved in ${saved}: continue with --resume ${shellQuote(saved)} (same spec, params and options)\n`,
    );
  if (result.error && flags.verbose && result.error.cause instanceof Error)
    io.stderr(`${result.error.cause.stack}\n`);
  return exitCodeOf(result, flags.requireComplete ?? false);
}
