/**
 * The "sequence" view of a trace of an actor spec as DOT: a message-sequence chart. One lifeline
 * per node (columns, in node order), time flowing down one row per step, and an arrow from each
 * send (on the sender's lifeline, at the step that sent it) to its delivery (on the receiver's,
 * at the delivering step), labelled with the payload. A dropped message ends in a red cross
 * short of the receiver; a message still in flight at the end is a dashed grey stub. Timers,
 * crashes, restarts, partitions and Byzantine sends are boxes on the lifelines; a crashed
 * node's lifeline is dashed red until it restarts, a cut-off node's dotted orange until the
 * heal. A gutter on the left numbers the steps; the violation is a red note at the bottom.
 *
 * Every node is pinned (see sequence-layout.ts for why): the graph asks for `layout=neato`,
 * which Graphviz honours whichever engine it was called with, and `splines=line` draws each
 * arrow as one straight line. Labels are nodes of their own with a white background, drawn
 * after the edges, so an arrow crossing behind a label never hides its text.
 */

import type { ViolationKind } from "../engine/result.js";
import type { Trace } from "../trace/trace.js";
import { escapeHtml, styled } from "./dot-label.js";
import { DOT_THEME, digraph, dotEdge, dotNode, htmlLabel } from "./dot-syntax.js";
import {
  type Attrs,
  arrowStatements,
  labelText,
  MARK,
  pointId,
  pos,
  type SequenceCtx,
} from "./sequence-arrows.js";
import { sequenceChart } from "./sequence-chart.js";
import { grid, type Rect, rowY, textSize } from "./sequence-layout.js";
import { sequenceNote, sequenceTitle } from "./sequence-text.js";

/** What the trace is a counterexample to, and how to draw it. */
export interface SequenceViewOptions {
  readonly property?: string | undefined;
  readonly kind?: ViolationKind | undefined;
  /** Fold payloads wider than this (default 32 characters). */
  readonly width?: number;
}

/** The drawing context, with the trace (for the gutter and the lasso). */
interface Ctx extends SequenceCtx {
  readonly trace: Trace;
}

function gutterLines(ctx: Pick<Ctx, "chart" | "trace" | "badRow">, row: number): string[] {
  const lines = [`${row} ${ctx.chart.rows[row] ?? ""}${row === ctx.badRow ? " ✘" : ""}`];
  if (ctx.trace.loopsBackTo === row) lines.push("loop starts here");
  return lines;
}

function gutterNode(ctx: Ctx, row: number): string {
  const t = DOT_THEME;
  const lines = gutterLines(ctx, row);
  const [first = "", ...rest] = lines;
  const num = String(row);
  const head = `${styled(num, { bold: true })}${escapeHtml(first.slice(num.length))}`;
  let label = styled(head, { color: row === ctx.badRow ? t.bad : t.ink });
  for (const l of rest) label += `<BR ALIGN="LEFT"/>${styled(escapeHtml(l), { color: t.path })}`;
  const w = textSize(lines, 10).w;
  return dotNode(`g${row}`, {
    shape: "plaintext",
    style: "",
    margin: 0,
    width: 0,
    height: 0,
    label: htmlLabel(`${label}<BR ALIGN="LEFT"/>`),
    pos: pos(ctx.grid.gutterX + w / 2, rowY(ctx.grid, row)),
  });
}

function headerNode(ctx: Ctx, col: number): string {
  const t = DOT_THEME;
  const l = ctx.chart.lifelines[col]!;
  const byz = ctx.chart.byzantine.has(col);
  const kind = byz ? `${l.kind}, byzantine` : l.kind;
  return dotNode(`h${col}`, {
    label: htmlLabel(
      `${styled(escapeHtml(l.id), { bold: true, size: 12 })}<BR/>${styled(escapeHtml(kind), { color: t.muted, size: 9 })}`,
    ),
    fontname: t.font,
    fillcolor: byz ? MARK.byzantine.fill : t.initialFill,
    color: byz ? MARK.byzantine.line : undefined,
    pos: pos(ctx.grid.cols[col]!, ctx.grid.row),
  });
}

/** The node at a lifeline and row: a mark's box, or a dot where a message starts or ends. */
function rowNode(ctx: Ctx, col: number, row: number): string {
  const mark = ctx.chart.marks.find((m) => m.col === col && m.row === row);
  const at = pos(ctx.grid.cols[col]!, rowY(ctx.grid, row));
  if (mark === undefined)
    return dotNode(pointId(col, row), {
      shape: "point",
      width: 0.06,
      color: DOT_THEME.muted,
      fillcolor: DOT_THEME.muted,
      pos: at,
    });
  const look =
    row === ctx.badRow && ctx.badStep ? { fill: DOT_THEME.badFill, line: DOT_THEME.bad } : MARK[mark.kind];
  return dotNode(pointId(col, row), {
    shape: "box",
    style: "filled",
    width: 0,
    height: 0,
    margin: "0.06,0.02",
    fillcolor: look.fill,
    color: look.line,
    fontname: DOT_THEME.font,
    fontsize: 9,
    label: htmlLabel(styled(escapeHtml(mark.text), { color: look.line, bold: true })),
    pos: at,
  });
}

function segmentLook(seg: string): Attrs {
  const base = { arrowhead: "none", penwidth: 1.2 };
  if (seg === "down") return { ...base, style: "dashed", color: DOT_THEME.bad };
  if (seg === "cut") return { ...base, style: "dotted", color: MARK.cut.line, penwidth: 2.5 };
  return { ...base, color: DOT_THEME.border };
}

/** A lifeline: one edge per stretch of rows drawn alike, from the header to a tail below. */
function lifeline(ctx: Ctx, col: number, visible: ReadonlySet<string>, tail: number): string[] {
  const x = ctx.grid.cols[col]!;
  const out = [dotNode(`t${col}`, { shape: "point", width: 0, style: "invis", pos: pos(x, tail) })];
  let from = `h${col}`;
  let look = "up";
  (ctx.chart.segments[col] ?? []).forEach((seg, row) => {
    if (seg === look) return;
    const id = pointId(col, row);
    if (!visible.has(id))
      out.push(dotNode(id, { shape: "point", width: 0, style: "invis", pos: pos(x, rowY(ctx.grid, row)) }));
    out.push(dotEdge(from, id, segmentLook(look)));
    from = id;
    look = seg;
  });
  out.push(dotEdge(from, `t${col}`, segmentLook(look)));
  return out;
}

function violationNode(ctx: Ctx, options: SequenceViewOptions, tail: number): string {
  const t = DOT_THEME;
  const note = sequenceNote(options.kind, options.property, ctx.last, ctx.trace.loopsBackTo);
  const cols = ctx.grid.cols;
  const x = ((cols[0] ?? 0) + (cols[cols.length - 1] ?? 0)) / 2;
  return dotNode("violation", {
    label: htmlLabel(styled(escapeHtml(note), { color: t.bad, bold: true })),
    fillcolor: t.badFill,
    color: t.bad,
    fontname: t.font,
    pos: pos(x, tail - 26),
  });
}

/** A lasso: a dashed arrow left of the gutter, from the last step up to where the loop starts. */
function loopBracket(ctx: Ctx, start: number): string[] {
  const x = ctx.grid.gutterX - 14;
  const invis = { shape: "point", width: 0, style: "invis" };
  return [
    dotNode("loop0", { ...invis, pos: pos(x, rowY(ctx.grid, start)) }),
    // From a little below the last row, so a loop back to the last step itself still shows.
    dotNode("loop1", { ...invis, pos: pos(x, rowY(ctx.grid, ctx.last) - ctx.grid.row * 0.4) }),
    dotEdge("loop1", "loop0", { style: "dashed", color: DOT_THEME.path, penwidth: 1.3 }),
  ];
}

/** The size of a mark's box: its bold 9-point text and margins. */
function markSize(text: string): { w: number; h: number } {
  const t = textSize([text], 9);
  return { w: t.w + 10, h: t.h + 6 };
}

/** What message labels must not cover: the gutter, the headers and the marks' boxes. */
function obstacles(ctx: Ctx): Rect[] {
  const { gutterX, cols } = ctx.grid;
  const right = (cols[0] ?? gutterX) - 12;
  const gutter = {
    x: (gutterX + right) / 2,
    y: rowY(ctx.grid, ctx.last) / 2,
    w: right - gutterX,
    h: ctx.grid.row * (ctx.last + 2),
  };
  const marks = ctx.chart.marks.map((m) => ({
    x: cols[m.col]!,
    y: rowY(ctx.grid, m.row),
    ...markSize(m.text),
  }));
  const headers = ctx.chart.lifelines.map((l, c) => ({
    x: cols[c]!,
    y: ctx.grid.row,
    w: textSize([l.id, `${l.kind}, byzantine`], 12).w + 20,
    h: 36,
  }));
  return [gutter, ...headers, ...marks];
}

function context(trace: Trace, options: SequenceViewOptions): Ctx {
  const chart = sequenceChart(trace);
  const last = trace.steps.length - 1;
  const failing = options.property !== undefined || options.kind !== undefined;
  const width = options.width ?? 32;
  const partial = {
    trace,
    chart,
    last,
    badRow: failing ? last : -1,
    badStep: options.kind === "actionInvariant",
    width,
  };
  const gutter = Math.max(...trace.steps.map((_, r) => textSize(gutterLines(partial, r), 10).w));
  const labels = chart.arrows.map((a) => labelText(chart, width, a).size);
  const firstBoxes = chart.marks.filter((m) => m.col === 0).map((m) => markSize(m.text).w / 2);
  const needs = {
    lifelines: chart.lifelines.length,
    gutter,
    labelWidth: Math.max(0, ...labels.map((l) => l.w)),
    labelHeight: Math.max(0, ...labels.map((l) => l.h)),
    firstBox: Math.max(0, ...firstBoxes),
  };
  return { ...partial, grid: grid(needs) };
}

/**
 * Renders a trace of an actor spec as the DOT text of the sequence view. Throws a UsageError
 * (SPC-U011) for a trace that is not an actor spec's, or whose steps lack their arguments.
 *
 * @example
 * const v = (await check(pingPong, { bug: "forgetAcked" })).violations[0];
 * const svg = await dotToSvg(traceToSequenceDot(v.trace, { property: v.property, kind: v.kind }));
 */
export function traceToSequenceDot(trace: Trace, options: SequenceViewOptions = {}): string {
  const ctx = context(trace, options);
  const { chart } = ctx;
  // Where arrows start or end, and the marks: the row nodes drawn, row by row.
  const points = [
    ...chart.arrows.map((a) => [a.from, a.sentRow] as const),
    ...chart.arrows.filter((a) => a.fate === "delivered").map((a) => [a.to, a.row] as const),
    ...chart.marks.map((m) => [m.col, m.row] as const),
  ].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const visible = new Set(points.map(([c, r]) => pointId(c, r)));
  const arrows = arrowStatements(ctx, obstacles(ctx));
  // Lifelines run a row past the last step, or on to the lowest label; the note goes below.
  const tail = Math.min(rowY(ctx.grid, ctx.last + 1), arrows.bottom - 8);
  const cols = chart.lifelines.map((_, c) => c);
  const body = [
    ...cols.map((c) => headerNode(ctx, c)),
    ...trace.steps.map((_, r) => gutterNode(ctx, r)),
    ...points
      .filter(([c, r], i) => i === 0 || pointId(c, r) !== pointId(...points[i - 1]!))
      .map(([c, r]) => rowNode(ctx, c, r)),
    ...cols.flatMap((c) => lifeline(ctx, c, visible, tail)),
    ...arrows.statements,
  ];
  if (trace.loopsBackTo !== undefined) body.push(...loopBracket(ctx, trace.loopsBackTo));
  if (ctx.badRow >= 0) body.push(violationNode(ctx, options, tail));
  return digraph(
    {
      name: `${trace.spec}: ${options.property ?? "trace"} (sequence)`,
      title: htmlLabel(sequenceTitle(trace, options.property, options.kind)),
      // Pinned positions in points, straight arrows, labels drawn over the arrows behind them.
      graph: { layout: "neato", inputscale: 72, splines: "line", overlap: "true", outputorder: "edgesfirst" },
      edge: { arrowsize: 0.8 },
    },
    body,
  );
}
