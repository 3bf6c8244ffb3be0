/**
 * The text report of a check: a verdict line, the statistics (distinct and generated states,
 * depth, time, states per second), what was checked, witnesses, warnings, per-action coverage,
 * and each counterexample as numbered steps followed by the command that reproduces it.
 */

import type { CheckResult, Violation } from "../engine/result.js";
import { formatValue } from "../state/format-value.js";
import { renderTraceText } from "./text-trace.js";

/** How to render a result as text. */
export interface TextResultOptions {
  /** The command that reproduces the run (printed under each counterexample). */
  readonly reproduce?: string;
  /** Include the coverage table (default true). */
  readonly coverage?: boolean;
  /** Files written per violated property, listed under its counterexample. */
  readonly files?: Readonly<Record<string, readonly string[]>>;
}

const num = (n: number) => n.toLocaleString("en-US");

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function verdict(r: CheckResult): string {
  switch (r.result) {
    case "ok":
      return "✔ OK: no violation; every reachable state was explored";
    case "violation":
      return `✘ VIOLATION: ${r.violations.map((v) => v.property).join(", ")}`;
    case "incomplete":
      return `… INCOMPLETE: no violation found, but the search stopped early (${describeStop(r)}); this is not a full pass`;
    case "error":
      return `✘ ERROR ${r.error?.code ?? ""}: ${r.error?.message ?? "unknown error"}`;
  }
}

function describeStop(r: CheckResult): string {
  switch (r.stoppedBy) {
    case "maxStates":
      return "--max-states reached";
    case "maxDepth":
      return "--max-depth reached";
    case "timeLimit":
      return "--time-limit reached";
    case "interrupted":
      return "interrupted";
    case "firstViolation":
      return "stopped at the first violation";
    case "runs":
      return "all random walks done; random search is never complete";
    default:
      return "complete";
  }
}

function coverageLines(r: CheckResult): string[] {
  const names = Object.keys(r.coverage);
  if (names.length === 0) return [];
  const w = Math.max(6, ...names.map((n) => n.length));
  const lines = [
    "",
    `coverage   ${"action".padEnd(w)}  ${"enabled".padStart(12)}  ${"new states".padStart(12)}`,
  ];
  for (const n of names) {
    const c = r.coverage[n]!;
    lines.push(`           ${n.padEnd(w)}  ${num(c.enabled).padStart(12)}  ${num(c.distinct).padStart(12)}`);
  }
  return lines;
}

function summaryLines(r: CheckResult): string[] {
  const params = Object.entries(r.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  const lines = [
    `spec ${r.spec}${params ? ` (${params})` : ""}${r.bug ? ` with bug ${r.bug}` : ""}, strategy ${r.strategy}`,
    verdict(r),
  ];
  if (r.result === "error") return lines;
  lines.push(
    `  ${num(r.distinctStates)} distinct states, ${num(r.generatedStates)} generated, depth ${r.depth}, ` +
      `${seconds(r.durationMs)}, ${num(r.statesPerSecond)} distinct states/s`,
  );
  if (r.random)
    lines.push(
      `  random: ${num(r.random.walks)} walks, ${num(r.random.steps)} steps, ${num(r.random.stepsPerSecond ?? 0)} steps/s, ` +
        `${num(r.random.walksPerSecond ?? 0)} walks/s, seed ${r.random.seed}`,
    );
  if (r.stoppedBy && r.stoppedBy !== "firstViolation") lines.push(`  stopped: ${describeStop(r)}`);
  else if (r.stoppedBy === "firstViolation")
    lines.push("  stopped at the first violation (use --continue to collect one per property)");
  const checked = [
    ...r.checked.invariants,
    ...r.checked.actionInvariants,
    ...(r.checked.properties ?? []).map((p) => `${p} (liveness)`),
  ];
  lines.push(
    `  checked: ${checked.length ? checked.join(", ") : "no invariants"}${r.checked.deadlock ? "; deadlock" : "; deadlock not checked"}` +
      (r.checked.symmetry ? "; symmetry reduction on (states are orbits)" : ""),
  );
  if (r.witnesses.length)
    lines.push(
      `  witnesses: ${r.witnesses.map((w) => (w.reached ? `${w.name} (reached at depth ${w.depth})` : `${w.name} (NOT reached)`)).join(", ")}`,
    );
  lines.push(`  fingerprint collision probability: ${r.collisionProbability.toExponential(1)}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines;
}

function violationLines(
  v: Violation,
  strategy: CheckResult["strategy"],
  random: CheckResult["random"],
  reproduce: string | undefined,
  files: readonly string[] | undefined,
): string[] {
  const lines = ["", `✘ ${v.message}`];
  if (!v.trace) return lines;
  const note =
    v.kind === "deadlock"
      ? "✘ no action is enabled here"
      : v.kind === "actionInvariant"
        ? `✘ ${v.property} is false for this step`
        : `✘ ${v.property} is false here`;
  const how =
    strategy === "bfs"
      ? "shortest, found by breadth-first search"
      : strategy === "dfs"
        ? "found by depth-first search: valid, not necessarily shortest; --strategy bfs finds a shortest one"
        : `found by a random walk of ${random?.foundLength} steps, shrunk to ${random?.shrunkLength} by fast-check and to ${v.trace ? v.trace.steps.length - 1 : 0} by deleting steps; not necessarily shortest`;
  lines.push(`counterexample (${how}):`, ...renderTraceText(v.trace, { finalNote: note }));
  if (reproduce) lines.push(`reproduce: ${reproduce}`);
  if (files?.length) lines.push(`written:   ${files.join(", ")}`);
  return lines;
}

/** Renders a check result as lines of text. */
export function renderResultText(r: CheckResult, options: TextResultOptions = {}): string[] {
  const lines = summaryLines(r);
  if (r.error) {
    lines.push(...r.error.details.map((d) => `  ${d}`));
    if (r.error.trace) lines.push("path to the state where it happened:", ...renderTraceText(r.error.trace));
    return lines;
  }
  if (options.coverage ?? true) lines.push(...coverageLines(r));
  for (const v of r.violations)
    lines.push(...violationLines(v, r.strategy, r.random, options.reproduce, options.files?.[v.property]));
  return lines;
}

/** One-line rendering of a params object, e.g. "rms=3 bug=none". */
export function formatParams(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : formatValue(v)}`)
    .join(" ");
}
