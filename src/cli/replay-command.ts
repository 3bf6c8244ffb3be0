/**
 * `specter replay <trace.itf.json>`: re-runs a saved counterexample against the current spec.
 * Staged like every command: read the file → load the spec its metadata names → compile with
 * the recorded params and bug preset → replay (src/trace/replay.ts) → report.
 *
 * Exit status: 1 when the recorded violation reproduces (the bug is still there, which is what
 * a committed counterexample of a bug preset expects), 0 when every step replays but the
 * property now holds (or the trace records no property), 2 when the file is missing or malformed or does not fit the spec (the
 * message says at which step and why).
 */

import { dirname, resolve } from "node:path";
import { type ErrorCode, isSpecterError, UsageError } from "../errors.js";
import { failureNote } from "../render/dot-states.js";
import { formatParams } from "../render/text-result.js";
import { renderTraceText } from "../render/text-trace.js";
import type { Spec } from "../spec/define-spec.js";
import { compileSpec, type Model } from "../spec/model.js";
import { formatValue } from "../state/format-value.js";
import { type DecodedItf, readItfFile } from "../trace/itf-decode.js";
import type { SpecterMeta } from "../trace/itf-meta.js";
import { type ReplayResult, replayTrace } from "../trace/replay.js";
import { ExitCode, type Io } from "./io.js";
import { loadSpec } from "./load-spec.js";
import { reportError } from "./report-error.js";

/** Flags of `specter replay`. */
export interface ReplayFlags {
  readonly format: "text" | "json";
  readonly verbose?: boolean;
}

const MISFIT: ErrorCode = "SPC-U011";

function specterOf(decoded: DecodedItf): SpecterMeta {
  if (decoded.specter) return decoded.specter;
  throw new UsageError(
    "SPC-U010",
    `${decoded.file}: at $["#meta"].specter: missing: the file was not written by Specter, so the actions of its steps are unknown and it cannot be replayed (it can still be drawn with \`specter render\`)`,
  );
}

function rethrowAt(e: unknown, file: string, path: string, code: ErrorCode | undefined, what: string): never {
  if (!isSpecterError(e)) throw e;
  // No `cause`: the original message is included, and its stack would only show our loader.
  throw new UsageError(code ?? e.code, `${file}: at ${path}: ${what}: ${e.message}`, e.details);
}

/**
 * Loads the spec a trace file names: its recorded file (relative to the trace) or a bundled spec.
 *
 * @example
 * const spec = await loadTraceSpec(await readItfFile(file)); // spec.name === "two-phase-commit"
 */
export async function loadTraceSpec(decoded: DecodedItf): Promise<Spec> {
  const meta = specterOf(decoded);
  const specFile =
    meta.specFile !== undefined ? resolve(dirname(resolve(decoded.file)), meta.specFile) : undefined;
  let spec: Spec;
  try {
    spec = (await loadSpec(specFile ?? meta.spec)).spec;
  } catch (e) {
    const path = specFile ? '$["#meta"].specter.specFile' : '$["#meta"].specter.spec';
    rethrowAt(e, decoded.file, path, undefined, "cannot load the spec the trace was recorded with");
  }
  if (spec.name !== meta.spec)
    throw new UsageError(
      MISFIT,
      `${decoded.file}: at $["#meta"].specter.spec: the trace was recorded with spec "${meta.spec}", but ${specFile} defines spec "${spec.name}"`,
    );
  return spec;
}

/**
 * Loads and compiles the model a trace file was recorded with (its params and bug preset).
 *
 * @example
 * const model = await loadTraceModel(decoded);
 * replayTrace(model, decoded.trace, decoded.specter);
 */
export async function loadTraceModel(decoded: DecodedItf): Promise<Model> {
  const meta = specterOf(decoded);
  const spec = await loadTraceSpec(decoded);
  try {
    return compileSpec(spec, { params: meta.params, ...(meta.bug !== null ? { bug: meta.bug } : {}) });
  } catch (e) {
    rethrowAt(
      e,
      decoded.file,
      '$["#meta"].specter.params',
      MISFIT,
      "the recorded params or bug preset no longer fit the spec",
    );
  }
}

function headerLines(file: string, meta: SpecterMeta, steps: number): string[] {
  const params = formatParams(meta.params);
  const what =
    meta.kind === "deadlock"
      ? "deadlock"
      : meta.property !== undefined
        ? `${meta.kind === "actionInvariant" ? "action invariant" : "invariant"} ${meta.property}`
        : "no property";
  return [
    `replaying ${file}`,
    `spec ${meta.spec}${params ? ` (${params})` : ""}${meta.bug ? ` with bug ${meta.bug}` : ""}; recorded: ${what}, ${steps} steps`,
  ];
}

function textReport(file: string, meta: SpecterMeta, r: ReplayResult): string[] {
  const recordedSteps = meta.steps.length - 1;
  const n = r.trace.steps.length - 1;
  const note = r.verdict === "reproduced" ? failureNote(r.kind, r.property, n) : undefined;
  const lines = [
    ...headerLines(file, meta, recordedSteps),
    ...renderTraceText(r.trace, note ? { finalNote: note } : {}),
  ];
  if (r.verdict === "reproduced") lines.push(`✘ REPRODUCED: ${r.message.replace(/^reproduced: /, "")}`);
  else if (r.verdict === "holds") lines.push(`✔ NO LONGER VIOLATED: ${r.message}`);
  else if (r.verdict === "replayed") lines.push(`✔ REPLAYED: ${r.message}`);
  return lines;
}

function jsonReport(file: string, meta: SpecterMeta, r: ReplayResult) {
  return {
    file,
    spec: meta.spec,
    params: meta.params,
    bug: meta.bug,
    property: meta.property ?? null,
    kind: meta.kind ?? null,
    result: r.verdict,
    message: r.message,
    recordedSteps: meta.steps.length - 1,
    replayedSteps: r.trace.steps.length - 1,
    divergence: r.divergence
      ? { step: r.divergence.step, reason: r.divergence.reason, message: r.divergence.message }
      : null,
  };
}

function reportDivergence(file: string, r: ReplayResult, io: Io, verbose: boolean): void {
  const d = r.divergence!;
  io.stderr(`error ${MISFIT}: ${file}: the trace does not fit the spec at ${d.message}\n`);
  if (verbose && d.reason === "stateMismatch") {
    io.stderr(`  recorded: ${formatValue(d.recorded)}\n`);
    io.stderr(`  replayed: ${formatValue(d.replayed)}\n`);
  } else if (d.reason === "stateMismatch") io.stderr("  (run with --verbose to see both states in full)\n");
}

/**
 * Runs `specter replay <file>` and returns the exit status.
 *
 * @example
 * await replayCommand("counterexamples/two-phase-commit/consistent.itf.json", { format: "text" }, processIo); // 1
 */
export async function replayCommand(file: string, flags: ReplayFlags, io: Io): Promise<number> {
  let meta: SpecterMeta;
  let result: ReplayResult;
  try {
    const decoded = await readItfFile(file);
    meta = specterOf(decoded);
    const model = await loadTraceModel(decoded);
    result = replayTrace(model, decoded.trace, { property: meta.property, kind: meta.kind });
  } catch (e) {
    return reportError(e, io, flags);
  }
  if (flags.format === "json") io.stdout(`${JSON.stringify(jsonReport(file, meta, result), null, 2)}\n`);
  else io.stdout(`${textReport(file, meta, result).join("\n")}\n`);
  if (result.verdict === "diverged") {
    reportDivergence(file, result, io, flags.verbose ?? false);
    return ExitCode.error;
  }
  return result.verdict === "reproduced" ? ExitCode.violation : ExitCode.ok;
}
