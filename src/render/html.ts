/**
 * A self-contained HTML report: one page with inline CSS and inline SVG, no scripts and no
 * external requests, so it can be attached to a CI run or mailed and opens anywhere. It shows
 * the summary of a check (or of a trace file), then each counterexample as a table of steps
 * with what each one changed, and its drawings: the states view, and for an actor spec the
 * message-sequence chart too (each under a small caption when there are both).
 *
 * The page is built from a neutral `HtmlReport` so that `specter check` (a CheckResult) and
 * `specter render` (a trace file) share it; SVGs are passed in already rendered, which keeps
 * this module synchronous and free of the wasm renderer.
 */

import type { CheckResult, Violation, ViolationKind } from "../engine/result.js";
import { formatValue } from "../state/format-value.js";
import { diffStates } from "../trace/diff.js";
import type { Trace } from "../trace/trace.js";
import { failureNote } from "./dot-states.js";
import { svgForHtml } from "./svg.js";
import { formatParams } from "./text-result.js";

/** One counterexample section. */
export interface HtmlCounterexample {
  readonly property?: string | undefined;
  readonly kind?: ViolationKind | undefined;
  /** One sentence, e.g. "invariant consistent is violated after 5 steps". */
  readonly message: string;
  readonly trace: Trace;
  /** The rendered SVG of its graph (the states view, or the graph view), if any. */
  readonly svg?: string | undefined;
  /** The rendered SVG of its message-sequence chart (actor specs), if any. */
  readonly sequenceSvg?: string | undefined;
  /** How to replay it, e.g. "npx specter replay counterexamples/…/consistent.itf.json". */
  readonly replay?: string | undefined;
}

/** What the page shows. */
export interface HtmlReport {
  readonly title: string;
  /** "bad" (violation), "good" (ok) or "neutral". */
  readonly tone: "bad" | "good" | "neutral";
  readonly verdict: string;
  /** Label / value rows of the summary table. */
  readonly summary: readonly (readonly [string, string])[];
  readonly counterexamples: readonly HtmlCounterexample[];
}

const CSS = `
body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#202124;margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2.5rem 0 .5rem}
.verdict{font-weight:600;padding:.5rem .75rem;border-radius:6px;display:inline-block;margin:.5rem 0 1rem}
.bad{background:#fce8e6;color:#a50e0e}.good{background:#e6f4ea;color:#137333}.neutral{background:#f1f3f4}
table{border-collapse:collapse}td,th{text-align:left;vertical-align:top;padding:.3rem .6rem;border-bottom:1px solid #e8eaed}
th{color:#5f6368;font-weight:600}.summary td:first-child{color:#5f6368;white-space:nowrap}
.steps td:first-child{color:#5f6368;text-align:right}.steps .action{font-weight:600;white-space:nowrap}
code,.change{font:12.5px/1.4 Menlo,Consolas,"DejaVu Sans Mono",monospace}.change{white-space:pre-wrap;word-break:break-word}
.old{color:#5f6368}.new{font-weight:700}.fail td{background:#fce8e6}.note{color:#c5221f;font-weight:700}
.graph{overflow:auto;border:1px solid #e8eaed;border-radius:6px;padding:.5rem;margin-top:1rem}.graph svg{max-width:100%;height:auto}
h3{font-size:1rem;margin:1.5rem 0 0;color:#5f6368}
`;

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @example
 * escapeText('<a href="x">'); // "&lt;a href=&quot;x&quot;&gt;"
 */
export function escapeText(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function fieldLines(state: unknown): string[] {
  if (
    state !== null &&
    typeof state === "object" &&
    !Array.isArray(state) &&
    !(state instanceof Set) &&
    !(state instanceof Map)
  )
    return Object.entries(state as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${escapeText(k)} = ${escapeText(formatValue(v))}`);
  return [escapeText(formatValue(state))];
}

function changeLines(before: unknown, after: unknown): string[] {
  const changes = diffStates(before, after);
  if (changes.length === 0) return ['<span class="old">(no change)</span>'];
  return changes.map((c) => {
    const path = escapeText(c.path === "" ? "state" : c.path);
    if (c.kind === "added") return `${path}: + <span class="new">${escapeText(formatValue(c.after))}</span>`;
    if (c.kind === "removed")
      return `${path}: <span class="old">− ${escapeText(formatValue(c.before))}</span>`;
    return `${path}: <span class="old">${escapeText(formatValue(c.before))}</span> → <span class="new">${escapeText(formatValue(c.after))}</span>`;
  });
}

function stepTable(cx: HtmlCounterexample): string {
  const steps = cx.trace.steps;
  const last = steps.length - 1;
  const failing = cx.property !== undefined || cx.kind !== undefined;
  const rows = steps.map((step, i) => {
    const lines = i === 0 ? fieldLines(step.state) : changeLines(steps[i - 1]!.state, step.state);
    if (failing && i === last)
      lines.push(`<span class="note">${escapeText(failureNote(cx.kind, cx.property, last))}</span>`);
    const back =
      cx.trace.loopsBackTo !== undefined && i === last ? ` (loops back to ${cx.trace.loopsBackTo})` : "";
    return `<tr${failing && i === last ? ' class="fail"' : ""}><td>${i}</td><td class="action">${escapeText(step.label + back)}</td><td class="change">${lines.join("\n")}</td></tr>`;
  });
  return `<table class="steps"><thead><tr><th>#</th><th>step</th><th>state (initial) / what changed</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** The drawings, each under a caption when there are two (the sequence chart first: it reads at a glance). */
function drawings(cx: HtmlCounterexample): string {
  const both = cx.svg !== undefined && cx.sequenceSvg !== undefined;
  const one = (svg: string | undefined, caption: string) =>
    svg === undefined
      ? ""
      : `${both ? `<h3>${caption}</h3>` : ""}<div class="graph">${svgForHtml(svg)}</div>`;
  return one(cx.sequenceSvg, "Messages between nodes") + one(cx.svg, "States, step by step");
}

function section(cx: HtmlCounterexample): string {
  const heading = cx.property ? `Counterexample: ${cx.property}` : "Trace";
  const replay = cx.replay ? `<p>Replay: <code>${escapeText(cx.replay)}</code></p>` : "";
  return `<section><h2>${escapeText(heading)}</h2><p>${escapeText(cx.message)}</p>${replay}${stepTable(cx)}${drawings(cx)}</section>`;
}

/**
 * Renders a report as a complete HTML document.
 *
 * @example
 * writeFileSync("report.html", renderHtmlReport(htmlReportOfResult(result, { consistent: svg })));
 */
export function renderHtmlReport(report: HtmlReport): string {
  const summary = report.summary
    .map(([k, v]) => `<tr><td>${escapeText(k)}</td><td>${escapeText(v)}</td></tr>`)
    .join("");
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(report.title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${escapeText(report.title)}</h1>`,
    `<div class="verdict ${report.tone}">${escapeText(report.verdict)}</div>`,
    `<table class="summary">${summary}</table>`,
    ...report.counterexamples.map(section),
    "</body></html>",
    "",
  ].join("\n");
}

function resultSummary(r: CheckResult): [string, string][] {
  const rows: [string, string][] = [["spec", r.spec]];
  const params = formatParams(r.params);
  if (params) rows.push(["params", params]);
  if (r.bug) rows.push(["bug preset", r.bug]);
  rows.push(
    ["strategy", r.strategy],
    [
      "states",
      `${r.distinctStates.toLocaleString("en-US")} distinct, ${r.generatedStates.toLocaleString("en-US")} generated, depth ${r.depth}`,
    ],
    [
      "complete",
      r.complete
        ? "yes: every reachable state was explored"
        : `no${r.stoppedBy ? ` (stopped: ${r.stoppedBy})` : ""}`,
    ],
    [
      "checked",
      [
        ...r.checked.invariants,
        ...r.checked.actionInvariants,
        ...(r.checked.deadlock ? ["deadlock"] : []),
      ].join(", ") || "nothing",
    ],
  );
  if (r.witnesses.length)
    rows.push([
      "witnesses",
      r.witnesses
        .map((w) => `${w.name} (${w.reached ? `reached at depth ${w.depth}` : "not reached"})`)
        .join(", "),
    ]);
  for (const w of r.warnings) rows.push(["warning", w]);
  return rows;
}

/**
 * Builds the report of a check: its summary and each violation that has a trace. `svgs` maps
 * a property to its rendered states view, `sequenceSvgs` to its sequence chart (actor specs);
 * `only` keeps one property's section.
 *
 * @example
 * renderHtmlReport(htmlReportOfResult(result, { svgs: { consistent: svg } }));
 */
export function htmlReportOfResult(
  r: CheckResult,
  options: {
    svgs?: Readonly<Record<string, string>>;
    sequenceSvgs?: Readonly<Record<string, string>>;
    replay?: Readonly<Record<string, string>>;
    only?: string;
  } = {},
): HtmlReport {
  const withTrace = r.violations.filter(
    (v): v is Violation & { trace: Trace } =>
      v.trace !== undefined && (options.only === undefined || v.property === options.only),
  );
  const verdict =
    r.result === "violation"
      ? `✘ violation: ${r.violations.map((v) => v.property).join(", ")}`
      : r.result === "ok"
        ? "✔ no violation"
        : r.result === "incomplete"
          ? "… incomplete: no violation found, but the search stopped early"
          : `✘ error ${r.error?.code ?? ""}: ${r.error?.message ?? ""}`;
  return {
    title: `Specter: ${r.spec}`,
    tone: r.result === "ok" ? "good" : r.result === "incomplete" ? "neutral" : "bad",
    verdict,
    summary: resultSummary(r),
    counterexamples: withTrace.map((v) => ({
      property: v.property,
      kind: v.kind,
      message: v.message,
      trace: v.trace,
      svg: options.svgs?.[v.property],
      sequenceSvg: options.sequenceSvgs?.[v.property],
      replay: options.replay?.[v.property],
    })),
  };
}
