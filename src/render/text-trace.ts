/**
 * A trace as numbered steps for the terminal: the initial state in full (one line per
 * top-level field), then for each step its action and argument and only what changed
 * (`path: old → new`, `set: + element`), never the whole state again.
 */

import { formatValue } from "../state/format-value.js";
import { diffStates } from "../trace/diff.js";
import type { Trace } from "../trace/trace.js";

/** Options for rendering a trace as text. */
export interface TextTraceOptions {
  /** Fold values wider than this many characters (default 100). */
  readonly width?: number;
  /** A line to print under the last step, e.g. "✘ consistent is false here". */
  readonly finalNote?: string;
}

function fieldLines(state: unknown, width: number): string[] {
  if (
    state !== null &&
    typeof state === "object" &&
    !Array.isArray(state) &&
    !(state instanceof Set) &&
    !(state instanceof Map)
  )
    return Object.entries(state as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k} = ${formatValue(v, width)}`);
  return [formatValue(state, width)];
}

/**
 * Renders a trace as text lines.
 *
 * @example
 * renderTraceText(trace).join("\n");
 * // "  0  initial state\n       x = 0\n  1  inc\n       x: 0 → 1"
 */
export function renderTraceText(trace: Trace, options: TextTraceOptions = {}): string[] {
  const width = options.width ?? 100;
  const lines: string[] = [];
  const numWidth = String(trace.steps.length - 1).length;
  const indent = " ".repeat(numWidth + 5);
  trace.steps.forEach((step, i) => {
    const back =
      trace.loopsBackTo !== undefined && i === trace.steps.length - 1
        ? `  (back to step ${trace.loopsBackTo})`
        : "";
    lines.push(`  ${String(i).padStart(numWidth)}  ${step.label}${back}`);
    if (i === 0) {
      for (const l of fieldLines(step.state, width)) lines.push(`${indent}${l}`);
      return;
    }
    const changes = diffStates(trace.steps[i - 1]!.state, step.state);
    if (changes.length === 0) lines.push(`${indent}(no change)`);
    for (const c of changes) {
      const path = c.path === "" ? "state" : c.path;
      if (c.kind === "changed")
        lines.push(`${indent}${path}: ${formatValue(c.before, width)} → ${formatValue(c.after, width)}`);
      else if (c.kind === "added") lines.push(`${indent}${path}: + ${formatValue(c.after, width)}`);
      else lines.push(`${indent}${path}: − ${formatValue(c.before, width)}`);
    }
  });
  if (options.finalNote) lines.push(`${indent}${options.finalNote}`);
  return lines;
}
