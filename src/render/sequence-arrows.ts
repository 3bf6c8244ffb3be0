/**
 * The message arrows of the sequence view as DOT statements: where each arrow starts and ends,
 * how it looks, and where its label goes. An arrow runs from a send (a dot, or a mark's box, on
 * the sender's lifeline) to a delivery (a dot on the receiver's), to a red cross short of the
 * receiver for a drop, or to its own label for a message still in flight at the end. A copy
 * made by the `duplicate` fault forks off the arrow it copies at the height of the step that
 * made it, so the chart shows when the network duplicated it; a message to oneself bends out
 * to the right of the lifeline and back.
 *
 * Labels are placed one by one (sequence-layout.ts), each avoiding the lifelines, the labels
 * before it, and, when it can, the other arrows.
 */

import { escapeHtml, styled } from "./dot-label.js";
import { DOT_THEME, type DotValue, dotEdge, dotNode, htmlLabel } from "./dot-syntax.js";
import type { MessageArrow, SequenceChart } from "./sequence-chart.js";
import { type Grid, type Line, placeLabel, placeStub, type Rect, rowY, textSize } from "./sequence-layout.js";
import { arrowText } from "./sequence-text.js";

/** What drawing a chart needs to know. */
export interface SequenceCtx {
  readonly chart: SequenceChart;
  readonly grid: Grid;
  /** The last step. */
  readonly last: number;
  /** The row drawn red (the last step, when a property fails), or -1. */
  readonly badRow: number;
  /** Whether the arrows and marks of the bad row are red too (an action invariant). */
  readonly badStep: boolean;
  /** Fold payloads wider than this. */
  readonly width: number;
}

/** DOT attributes. */
export type Attrs = Record<string, DotValue | undefined>;

/** Colours of the marks and of forged messages, beyond the shared theme. */
export const MARK = {
  timer: { fill: "#fef7e0", line: "#b06000" },
  crash: { fill: DOT_THEME.badFill, line: DOT_THEME.bad },
  restart: { fill: "#e6f4ea", line: "#137333" },
  cut: { fill: "#feefe3", line: "#e37400" },
  heal: { fill: "#feefe3", line: "#e37400" },
  byzantine: { fill: "#f3e8fd", line: "#9334e6" },
} as const;

/**
 * A pinned position in points (`!` keeps neato from moving it).
 *
 * @example
 * pos(10, -44.25); // "10,-44.3!"
 */
export function pos(x: number, y: number): string {
  return `${Math.round(x * 10) / 10},${Math.round(y * 10) / 10}!`;
}

/**
 * The id of the node where a lifeline meets a row.
 *
 * @example
 * pointId(1, 3); // "n1_3"
 */
export function pointId(col: number, row: number): string {
  return `n${col}_${row}`;
}

const invisible = (x: number, y: number): Attrs => ({
  shape: "point",
  width: 0,
  style: "invis",
  pos: pos(x, y),
});

/** One end of an arrow: a node id, its position, and the node's statement when it is the arrow's own. */
interface Anchor {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly node?: string;
}

interface Geometry {
  readonly start: Anchor;
  readonly end: Anchor;
  /** The straight pieces, in order (two for a message to oneself). */
  readonly lines: readonly Line[];
}

function arrowEnd(ctx: SequenceCtx, a: MessageArrow, i: number): Anchor {
  const { cols, gap } = ctx.grid;
  const dir = a.to > a.from ? 1 : -1;
  if (a.fate === "delivered") return { id: pointId(a.to, a.row), x: cols[a.to]!, y: rowY(ctx.grid, a.row) };
  if (a.fate === "dropped") {
    const [x, y] = [cols[a.to]! - dir * 16, rowY(ctx.grid, a.row)];
    const cross = styled("✘", { color: DOT_THEME.bad, bold: true, size: 14 });
    const node = dotNode(`x${i}`, {
      shape: "plaintext",
      style: "",
      width: 0,
      height: 0,
      margin: 0,
      label: htmlLabel(cross),
      fontname: DOT_THEME.font,
      pos: pos(x, y),
    });
    return { id: `x${i}`, x, y, node };
  }
  // Still in flight: a short arrow towards the receiver that ends at its own label, which is
  // placed (placeStub) before the other labels; this is where it goes if nothing is in the way.
  return {
    id: `l${i}`,
    x: cols[a.from]! + (a.to === a.from ? 1 : dir) * gap * 0.5,
    y: rowY(ctx.grid, a.sentRow) - ctx.grid.row * 0.75,
  };
}

/** The send, or for a duplicate the point where it forks off the arrow it copies. */
function arrowStart(ctx: SequenceCtx, a: MessageArrow, i: number, done: readonly Geometry[]): Anchor {
  const send = { id: pointId(a.from, a.sentRow), x: ctx.grid.cols[a.from]!, y: rowY(ctx.grid, a.sentRow) };
  // A copy of a message still in flight starts at the send: the stub of its original is short.
  const original = a.copyOf === undefined ? undefined : ctx.chart.arrows[a.copyOf.arrow];
  const parent = a.copyOf === undefined || original?.fate === "inFlight" ? undefined : done[a.copyOf.arrow];
  if (parent === undefined || a.copyOf === undefined) return send;
  const y = rowY(ctx.grid, a.copyOf.row);
  const line = parent.lines.find((l) => (l.y1 - y) * (l.y2 - y) < 0);
  if (line === undefined) return send;
  const x = line.x1 + ((line.x2 - line.x1) * (y - line.y1)) / (line.y2 - line.y1);
  const dot = {
    shape: "point",
    width: 0.07,
    color: DOT_THEME.path,
    fillcolor: DOT_THEME.path,
    pos: pos(x, y),
  };
  return { id: `k${i}`, x, y, node: dotNode(`k${i}`, dot) };
}

function geometry(ctx: SequenceCtx): Geometry[] {
  const done: Geometry[] = [];
  ctx.chart.arrows.forEach((a, i) => {
    const start = arrowStart(ctx, a, i, done);
    const end = arrowEnd(ctx, a, i);
    const lines: Line[] =
      a.from === a.to && a.fate === "delivered"
        ? [bendOf(ctx, start, end)].flatMap((b) => [
            { x1: start.x, y1: start.y, x2: b.x, y2: b.y },
            { x1: b.x, y1: b.y, x2: end.x, y2: end.y },
          ])
        : [{ x1: start.x, y1: start.y, x2: end.x, y2: end.y }];
    done.push({ start, end, lines });
  });
  return done;
}

function bendOf(ctx: SequenceCtx, start: Anchor, end: Anchor): { x: number; y: number } {
  return { x: start.x + ctx.grid.gap * 0.3, y: (start.y + end.y) / 2 };
}

function arrowLook(ctx: SequenceCtx, a: MessageArrow): Attrs {
  const t = DOT_THEME;
  const bad = ctx.badStep && a.row === ctx.badRow && a.fate !== "inFlight";
  const color = bad
    ? t.bad
    : a.forged
      ? MARK.byzantine.line
      : a.fate === "dropped"
        ? t.bad
        : a.fate === "inFlight"
          ? t.muted
          : t.path;
  return {
    color,
    penwidth: bad ? 2.2 : 1.3,
    style: a.fate !== "delivered" || a.copy === "duplicate" ? "dashed" : undefined,
    arrowhead: a.fate === "dropped" ? "none" : undefined,
  };
}

/**
 * A message label's markup (payload, then what happened to it) and its size in points.
 *
 * @example
 * labelText(chart, 32, chart.arrows[0]).size; // { w: 66, h: 12 }
 */
export function labelText(
  chart: SequenceChart,
  width: number,
  a: MessageArrow,
): { markup: string; size: { w: number; h: number } } {
  const t = DOT_THEME;
  const { payload, tag } = arrowText(a, width, chart.lifelines[a.to]?.id);
  const size = textSize(payload, 10);
  let markup = payload.map(escapeHtml).join("<BR/>");
  if (tag !== undefined) {
    const color = a.forged ? MARK.byzantine.line : t.muted;
    markup += `<BR/>${styled(escapeHtml(`(${tag})`), { color, size: 9, face: t.font })}`;
    size.h += 11;
    size.w = Math.max(size.w, textSize([`(${tag})`], 9).w);
  }
  return { markup, size };
}

function labelNode(i: number, markup: string, color: string, at: Rect): string {
  return dotNode(`l${i}`, {
    shape: "box",
    style: "filled",
    fillcolor: "white",
    color: "white",
    width: 0,
    height: 0,
    margin: "0.03,0.01",
    fontname: DOT_THEME.mono,
    // The arrow's colour: a label set beside its arrow still reads as that arrow's.
    fontcolor: color,
    label: htmlLabel(markup),
    pos: pos(at.x, at.y),
  });
}

/** Places every label: first the in-flight ones (each moves its arrow's end), then the rest. */
function placeLabels(ctx: SequenceCtx, geos: Geometry[], obstacles: readonly Rect[]): Rect[] {
  const { cols, gap } = ctx.grid;
  const scene = { cols, left: (cols[0] ?? 0) + 4, right: (cols[cols.length - 1] ?? 0) + gap * 0.6 };
  const placed: Rect[] = [...obstacles];
  const at: Rect[] = [];
  const arrows = ctx.chart.arrows;
  const lines = (keep: (j: number) => boolean) => geos.filter((_, j) => keep(j)).flatMap((g) => g.lines);
  const placedStub = new Set<number>();
  arrows.forEach((a, i) => {
    if (a.fate !== "inFlight") return;
    const g = geos[i]!;
    const avoid = lines((j) => j !== i && (arrows[j]!.fate !== "inFlight" || placedStub.has(j)));
    const dir = a.to >= a.from ? 1 : -1;
    const r = placeStub(g.start, dir, ctx.grid, labelText(ctx.chart, ctx.width, a).size, {
      ...scene,
      placed,
      avoid,
    });
    geos[i] = {
      ...g,
      end: { ...g.end, x: r.x, y: r.y },
      lines: [{ x1: g.start.x, y1: g.start.y, x2: r.x, y2: r.y }],
    };
    placedStub.add(i);
    at[i] = r;
  });
  arrows.forEach((a, i) => {
    if (a.fate === "inFlight") return;
    const avoid = lines((j) => j !== i);
    at[i] = placeLabel(geos[i]!.lines[0]!, labelText(ctx.chart, ctx.width, a).size, {
      ...scene,
      placed,
      avoid,
    });
  });
  return at;
}

/**
 * The DOT statements of every message arrow: end nodes, fork dots, labels and edges. Labels
 * keep clear of `obstacles` (the gutter, the headers, the marks' boxes). Also returns the
 * lowest y anything reaches, so what goes below the chart can go below that.
 *
 * @example
 * const { statements, bottom } = arrowStatements(ctx, [gutterRect]);
 */
export function arrowStatements(
  ctx: SequenceCtx,
  obstacles: readonly Rect[],
): { statements: string[]; bottom: number } {
  const geos = geometry(ctx);
  const labels = placeLabels(ctx, geos, obstacles);
  const statements = ctx.chart.arrows.flatMap((a, i) => {
    const g = geos[i]!;
    const look = arrowLook(ctx, a);
    const out = [g.start.node, g.end.node].filter((n): n is string => n !== undefined);
    out.push(labelNode(i, labelText(ctx.chart, ctx.width, a).markup, String(look.color), labels[i]!));
    if (g.lines.length === 1) return [...out, dotEdge(g.start.id, g.end.id, look)];
    const bend = g.lines[0]!;
    return [
      ...out,
      dotNode(`b${i}`, invisible(bend.x2, bend.y2)),
      dotEdge(g.start.id, `b${i}`, { ...look, arrowhead: "none" }),
      dotEdge(`b${i}`, g.end.id, look),
    ];
  });
  const bottom = Math.min(0, ...labels.map((r) => r.y - r.h / 2), ...geos.map((g) => g.end.y));
  return { statements, bottom };
}
