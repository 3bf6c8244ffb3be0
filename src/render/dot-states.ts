/**
 * The "states" view of a trace as DOT: a top-to-bottom chain of states, each node showing only
 * what its step changed (the initial state in full), each edge labelled with the action. The
 * state where the property fails is drawn red with the property's name; for an action
 * invariant the failing step's edge is red too; a lasso's back edge is dashed.
 *
 * Showing diffs rather than whole states is what keeps a 30-step trace readable: the eye
 * follows one field changing down the chain, as in the text rendering (text-trace.ts).
 */

import type { ViolationKind } from "../engine/result.js";
import { diffStates } from "../trace/diff.js";
import type { Trace } from "../trace/trace.js";
import {
  changeRows,
  escapeHtml,
  FOLD_WIDTH,
  foldedHtml,
  labelTable,
  stateRows,
  styled,
  wideRow,
} from "./dot-label.js";
import { DOT_THEME, digraph, dotEdge, dotNode, htmlLabel } from "./dot-syntax.js";

/** What the trace is a counterexample to, and how to draw it. */
export interface StatesViewOptions {
  readonly property?: string | undefined;
  readonly kind?: ViolationKind | undefined;
  /** Fold values wider than this (default 60). */
  readonly width?: number;
}

/**
 * The red note under the failing state, e.g. "✘ consistent is false here".
 *
 * @example
 * failureNote("invariant", "consistent", 5); // "✘ consistent is false here"
 */
export function failureNote(
  kind: ViolationKind | undefined,
  property: string | undefined,
  steps: number,
): string {
  if (kind === "deadlock") return "✘ deadlock: no action is enabled here";
  if (kind === "actionInvariant") return `✘ step ${steps} violates ${property ?? "the action invariant"}`;
  return `✘ ${property ?? "the property"} is false here`;
}

/**
 * The title above a trace's graph: the spec, what the trace shows, then params and bug preset.
 * One style per line, and short lines: Graphviz sizes the title with Helvetica's metrics, and
 * a viewer whose sans-serif font is wider would otherwise see it overlap or be cut off.
 *
 * @example
 * traceTitle(trace, "consistent", "invariant");
 * // two-phase-commit / counterexample to invariant consistent, 5 steps / rms=3 bug=commitEarly; bug preset commitEarly
 */
export function traceTitle(
  trace: Trace,
  property: string | undefined,
  kind: ViolationKind | undefined,
): string {
  const n = trace.steps.length - 1;
  const what =
    kind === "deadlock"
      ? "counterexample: deadlock"
      : property !== undefined
        ? `counterexample to ${kind === "actionInvariant" ? "action invariant" : "invariant"} ${property}`
        : "trace";
  const params = Object.entries(trace.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  const setup = [params, trace.bug ? `bug preset ${trace.bug}` : ""].filter((x) => x !== "").join("; ");
  const lines = [
    styled(escapeHtml(trace.spec), { bold: true, size: 14 }),
    escapeHtml(`${what}, ${n} step${n === 1 ? "" : "s"}`),
    ...(setup ? [styled(escapeHtml(setup), { color: DOT_THEME.muted })] : []),
  ];
  return lines.map((l) => `${l}<BR ALIGN="LEFT"/>`).join("");
}

function nodeRows(trace: Trace, i: number, width: number): string[] {
  const step = trace.steps[i]!;
  const header = wideRow(
    styled(i === 0 ? "state 0 (initial)" : `state ${i}`, { color: DOT_THEME.muted, size: 9 }),
  );
  const body =
    i === 0
      ? stateRows(step.state, width)
      : changeRows(diffStates(trace.steps[i - 1]!.state, step.state), width);
  return [header, ...body];
}

/**
 * Renders a trace as the DOT text of the states view.
 *
 * @example
 * const dot = traceToStatesDot(violation.trace, { property: violation.property, kind: violation.kind });
 * const svg = await dotToSvg(dot);
 */
export function traceToStatesDot(trace: Trace, options: StatesViewOptions = {}): string {
  const t = DOT_THEME;
  const width = options.width ?? FOLD_WIDTH;
  const last = trace.steps.length - 1;
  const failing = options.property !== undefined || options.kind !== undefined;
  const body: string[] = [];
  trace.steps.forEach((step, i) => {
    const rows = nodeRows(trace, i, width);
    const bad = failing && i === last;
    if (bad)
      rows.push(
        wideRow(
          styled(escapeHtml(failureNote(options.kind, options.property, last)), {
            color: t.bad,
            bold: true,
            face: t.font,
          }),
        ),
      );
    body.push(
      dotNode(`s${i}`, {
        label: htmlLabel(labelTable(rows)),
        fillcolor: bad ? t.badFill : i === 0 ? t.initialFill : undefined,
        color: bad ? t.bad : undefined,
        penwidth: bad ? 2 : undefined,
      }),
    );
    if (i === 0) return;
    const badEdge = failing && i === last && options.kind === "actionInvariant";
    body.push(
      dotEdge(`s${i - 1}`, `s${i}`, {
        label: htmlLabel(` ${foldedHtml(step.label, width)} `),
        color: badEdge ? t.bad : undefined,
        fontcolor: badEdge ? t.bad : undefined,
        penwidth: badEdge ? 2 : undefined,
      }),
    );
  });
  if (trace.loopsBackTo !== undefined)
    body.push(
      dotEdge(`s${last}`, `s${trace.loopsBackTo}`, {
        label: htmlLabel(` loops back to state ${trace.loopsBackTo} `),
        style: "dashed",
        constraint: "false",
      }),
    );
  return digraph(
    {
      name: `${trace.spec}: ${options.property ?? "trace"}`,
      title: htmlLabel(traceTitle(trace, options.property, options.kind)),
      graph: { rankdir: "TB", nodesep: 0.3, ranksep: 0.3 },
    },
    body,
  );
}
