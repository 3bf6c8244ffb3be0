/**
 * The words of the sequence view: its title, the note at the bottom that names the violated
 * property, and the labels of message arrows. Kept apart from the geometry so the wording can
 * be read (and tested) on its own.
 *
 * The title folds the params: an actor spec has a dozen (its own and the network's and fault
 * budgets'), which on one line would make the title far wider than a two-node chart.
 */

import type { ViolationKind } from "../engine/result.js";
import type { Trace } from "../trace/trace.js";
import { escapeHtml, foldText, styled } from "./dot-label.js";
import { DOT_THEME } from "./dot-syntax.js";
import type { MessageArrow } from "./sequence-chart.js";

const LEFT = '<BR ALIGN="LEFT"/>';

function what(property: string | undefined, kind: ViolationKind | undefined): string {
  if (kind === "deadlock") return "counterexample: deadlock";
  if (property === undefined) return "trace";
  const k =
    kind === "actionInvariant" ? "action invariant" : kind === "liveness" ? "liveness property" : "invariant";
  return `counterexample to ${k} ${property}`;
}

/**
 * The title above the chart (HTML-like label markup): spec, what it shows, params, bug preset.
 *
 * @example
 * sequenceTitle(trace, "okOnce", "invariant");
 * // ping-pong / counterexample to invariant okOnce, 6 steps / pings=2 tries=2 ... / bug preset forgetAcked
 */
export function sequenceTitle(
  trace: Trace,
  property: string | undefined,
  kind: ViolationKind | undefined,
): string {
  const n = trace.steps.length - 1;
  const params = Object.entries(trace.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  const lines = [
    styled(escapeHtml(trace.spec), { bold: true, size: 14 }),
    escapeHtml(`${what(property, kind)}, ${n} step${n === 1 ? "" : "s"}, as a message-sequence chart`),
    ...(params ? foldText(params, 80).map((l) => styled(escapeHtml(l), { color: DOT_THEME.muted })) : []),
    ...(trace.bug ? [styled(escapeHtml(`bug preset ${trace.bug}`), { color: DOT_THEME.muted })] : []),
  ];
  return lines.map((l) => `${l}${LEFT}`).join("");
}

/**
 * The red note at the bottom: the property, its kind, and where it fails.
 *
 * @example
 * sequenceNote("invariant", "okOnce", 6); // "✘ invariant okOnce is false after step 6"
 * sequenceNote("liveness", "done", 5, 2); // "✘ liveness property done is violated: after step 5 the run loops back to step 2, for ever"
 */
export function sequenceNote(
  kind: ViolationKind | undefined,
  property: string | undefined,
  steps: number,
  loopsBackTo?: number,
): string {
  const name = property ?? "the property";
  if (kind === "deadlock") return `✘ deadlock after step ${steps}: no action is enabled`;
  if (kind === "actionInvariant") return `✘ step ${steps} violates action invariant ${name}`;
  if (kind === "liveness")
    return `✘ liveness property ${name} is violated${loopsBackTo !== undefined ? `: after step ${steps} the run loops back to step ${loopsBackTo}, for ever` : ""}`;
  return `✘ invariant ${name} is false after step ${steps}`;
}

/**
 * An arrow's label as lines of plain text: the folded payload, then what happened to it, if
 * anything but a plain delivery. A message still in flight names its receiver, since its arrow
 * stops short of it.
 *
 * @example
 * arrowText({ text: "Ping(seq 2)", fate: "inFlight", forged: false, ... }, 32, "q1"); // { payload: ["Ping(seq 2)"], tag: "in flight to q1" }
 */
export function arrowText(
  a: MessageArrow,
  width: number,
  receiver = "",
): { payload: string[]; tag: string | undefined } {
  const tags = [
    a.forged ? "forged" : "",
    a.copy === "duplicate" ? "duplicate" : a.copy === "again" ? "delivered again" : "",
    a.fate === "dropped" ? "dropped" : a.fate === "inFlight" ? `in flight to ${receiver}` : "",
  ].filter((t) => t !== "");
  return { payload: foldText(a.text, width), tag: tags.length ? tags.join(", ") : undefined };
}
