/**
 * `specter render <trace.itf.json> [--view states|sequence|graph] [--format svg|dot|html] [-o FILE]`:
 * draws a saved trace. The states view needs only the file (so traces written by other ITF
 * tools render too). The sequence view (actor specs) needs each step's argument — who sent
 * what to whom — which the file does not store, so it replays the trace against the spec the
 * file names to recover them. The graph view explores that spec, with its recorded params,
 * and highlights the trace in it. Output goes to stdout, or atomically to FILE with -o.
 * Exit status 0, or 2 for a missing or malformed file, an unloadable spec, a trace that no
 * longer fits its spec or is not an actor spec's (sequence), or a graph too large.
 */

import type { ViolationKind } from "../engine/result.js";
import { UsageError } from "../errors.js";
import { DEFAULT_MAX_NODES, stateGraphToDot } from "../render/dot-graph.js";
import { traceToSequenceDot } from "../render/dot-sequence.js";
import { traceToStatesDot } from "../render/dot-states.js";
import { type HtmlReport, renderHtmlReport } from "../render/html.js";
import { assertActorTrace } from "../render/sequence-chart.js";
import { dotToSvg } from "../render/svg.js";
import { formatParams } from "../render/text-result.js";
import { writeFilesAtomically } from "../render/write-counterexamples.js";
import { type DecodedItf, readItfFile } from "../trace/itf-decode.js";
import { replayTrace } from "../trace/replay.js";
import type { Trace } from "../trace/trace.js";
import { ExitCode, type Io } from "./io.js";
import { loadTraceModel } from "./replay-command.js";
import { reportError } from "./report-error.js";

/** Flags of `specter render`. */
export interface RenderFlags {
  /** Default "states". */
  readonly view?: "states" | "sequence" | "graph";
  /** Default "svg". */
  readonly format?: "svg" | "dot" | "html";
  /** Write to this file instead of stdout. */
  readonly output?: string;
  /** Largest graph the graph view draws (default 500 states). */
  readonly maxNodes?: number;
  readonly verbose?: boolean;
}

/**
 * The trace with each step's argument, recomputed by replaying it against its spec (a file
 * stores only the arguments' indexes). A trace that no longer fits is SPC-U011, as in replay.
 */
async function withArguments(decoded: DecodedItf): Promise<Trace> {
  const model = await loadTraceModel(decoded);
  const r = replayTrace(model, decoded.trace, {});
  if (r.divergence)
    throw new UsageError(
      "SPC-U011",
      `${decoded.file}: the trace does not fit the spec at ${r.divergence.message}; the sequence view draws the replayed trace, so run \`specter replay\` on the file for details`,
    );
  return r.trace;
}

async function toDot(decoded: DecodedItf, flags: RenderFlags): Promise<string> {
  const property = decoded.specter?.property;
  const kind = decoded.specter?.kind;
  const view = flags.view ?? "states";
  if (view === "states") return traceToStatesDot(decoded.trace, { property, kind });
  if (view === "sequence") {
    // Before loading the spec: a trace of another kind of spec gets the clearer error.
    assertActorTrace(decoded.trace);
    return traceToSequenceDot(await withArguments(decoded), { property, kind });
  }
  const model = await loadTraceModel(decoded);
  return stateGraphToDot(model, {
    trace: decoded.trace,
    property,
    kind,
    maxNodes: flags.maxNodes ?? DEFAULT_MAX_NODES,
  });
}

function describe(kind: ViolationKind | undefined, property: string | undefined, steps: number): string {
  if (kind === "deadlock") return `deadlock after ${steps} steps`;
  if (property === undefined) return `a trace of ${steps} steps`;
  const what = kind === "actionInvariant" ? "action invariant" : "invariant";
  return `counterexample to ${what} ${property}, ${steps} steps`;
}

function htmlOfTrace(file: string, decoded: DecodedItf, svg: string): HtmlReport {
  const { trace, specter } = decoded;
  const steps = trace.steps.length - 1;
  const summary: [string, string][] = [
    ["trace file", file],
    ["spec", trace.spec],
  ];
  const params = formatParams(trace.params);
  if (params) summary.push(["params", params]);
  if (trace.bug) summary.push(["bug preset", trace.bug]);
  if (specter) summary.push(["recorded by", `Specter ${specter.version} (${specter.strategy})`]);
  const message = `${describe(specter?.kind, specter?.property, steps)}, as recorded in the file (not replayed)`;
  return {
    title: `Specter: ${trace.spec}`,
    tone: specter?.property !== undefined ? "bad" : "neutral",
    verdict: describe(specter?.kind, specter?.property, steps),
    summary,
    counterexamples: [
      {
        property: specter?.property,
        kind: specter?.kind,
        message,
        trace,
        svg,
        replay: specter ? `npx specter replay ${file}` : undefined,
      },
    ],
  };
}

/**
 * Runs `specter render <file>` and returns the exit status.
 *
 * @example
 * await renderCommand("counterexamples/two-phase-commit/consistent.itf.json", { format: "dot" }, processIo); // 0
 */
export async function renderCommand(file: string, flags: RenderFlags, io: Io): Promise<number> {
  let out: string;
  try {
    const decoded = await readItfFile(file);
    const dot = await toDot(decoded, flags);
    const format = flags.format ?? "svg";
    if (format === "dot") out = dot;
    else if (format === "svg") out = await dotToSvg(dot);
    else out = renderHtmlReport(htmlOfTrace(file, decoded, await dotToSvg(dot)));
    if (flags.output !== undefined) await writeFilesAtomically([{ path: flags.output, content: out }]);
  } catch (e) {
    return reportError(e, io, flags);
  }
  if (flags.output === undefined) io.stdout(out);
  return ExitCode.ok;
}
