/**
 * Geometry of the sequence view: where columns, rows and labels go, in points (Graphviz's
 * y axis points up, so later rows have lower y). A message-sequence chart is a grid, so the
 * view pins every node (`neato` with `pos="x,y!"`) instead of asking `dot` to rank it: `dot`
 * turns each edge label into a node of its own and routes long arrows through it, which bends
 * straight arrows into zigzags; pinned, every arrow is one straight line.
 *
 * The cost is that this module must know how big text is. Graphviz measures Courier as 0.6 em
 * per character, so the message labels and the gutter are Courier and their sizes are exact;
 * Helvetica is narrower, so 0.6 em is a safe upper bound for the rest. Columns are spaced to
 * fit the widest message label and rows to fit the tallest. Each label is then placed
 * greedily, in a few dozen tries: on its arrow at the centre of a gap between lifelines, or
 * nudged along it, or just beside it, never over a lifeline, a box or an earlier label, and
 * preferring the spot that hides the least of the other arrows. Greedy is not optimal, but it
 * is predictable (the same trace always gives the same DOT) and fast enough for long traces.
 */

/** Least height of one step's row; rows grow to fit the tallest message label. */
const MIN_ROW = 44;
/** Space between the gutter's text and the first lifeline (or a box on it). */
const GUTTER_GAP = 24;
const MIN_COLUMN_GAP = 200;
const LABEL_PAD = 10;

/** A rectangle by its centre and size. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A straight segment from (x1, y1) to (x2, y2). */
export interface Line {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/**
 * The size of a block of text: widest line by 0.6 em per character, 1.2 em per line.
 *
 * @example
 * textSize(["Ping(seq 1)"], 10); // { w: 66, h: 12 }
 */
export function textSize(lines: readonly string[], size: number): { w: number; h: number } {
  const chars = Math.max(0, ...lines.map((l) => [...l].length));
  return { w: chars * size * 0.6, h: lines.length * size * 1.2 };
}

/** Where the columns and rows are. */
export interface Grid {
  /** Left edge of the gutter. */
  readonly gutterX: number;
  /** x of each lifeline. */
  readonly cols: readonly number[];
  readonly gap: number;
  /** Height of a row. */
  readonly row: number;
}

/** What the grid must make room for. */
export interface GridNeeds {
  readonly lifelines: number;
  /** The gutter's widest text. */
  readonly gutter: number;
  /** The widest and the tallest message label. */
  readonly labelWidth: number;
  readonly labelHeight: number;
  /** Half the widest box on the first lifeline, which must clear the gutter. */
  readonly firstBox: number;
}

/**
 * Spaces the lifelines so the widest message label fits between two of them, and the rows so
 * the tallest fits between two steps.
 *
 * @example
 * grid({ lifelines: 2, gutter: 60, labelWidth: 66, labelHeight: 12, firstBox: 0 });
 * // { gutterX: 0, cols: [96, 296], gap: 200, row: 44 }
 */
export function grid(needs: GridNeeds): Grid {
  const gap = Math.max(MIN_COLUMN_GAP, Math.ceil(needs.labelWidth + 2 * LABEL_PAD + 60));
  const row = Math.max(MIN_ROW, Math.ceil(needs.labelHeight + 20));
  const first = needs.gutter + GUTTER_GAP + Math.max(12, needs.firstBox);
  return { gutterX: 0, cols: Array.from({ length: needs.lifelines }, (_, c) => first + c * gap), gap, row };
}

/**
 * The y of a row (0 at the first step, going down).
 *
 * @example
 * rowY(grid, 2); // -88 with rows 44 points high
 */
export function rowY(g: Grid, row: number): number {
  return -row * g.row;
}

function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return Math.abs(a.x - b.x) * 2 < a.w + b.w + margin && Math.abs(a.y - b.y) * 2 < a.h + b.h + margin;
}

/** Positions along a line to try, best first: centres of the gaps it crosses, then nearby. */
function candidates(line: Line, cols: readonly number[]): number[] {
  const lo = Math.min(line.x1, line.x2);
  const hi = Math.max(line.x1, line.x2);
  const xs = [lo, ...cols.filter((x) => x > lo + 1 && x < hi - 1), hi];
  const dx = line.x2 - line.x1;
  const centres = xs.slice(1).map((x, i) => (dx === 0 ? 0.5 : ((x + xs[i]!) / 2 - line.x1) / dx));
  centres.sort((a, b) => Math.abs(a - 0.5) - Math.abs(b - 0.5));
  const ts = [...centres];
  for (let k = 1; k <= 6; k++)
    for (const c of centres) ts.push(c + (0.06 * k) / centres.length, c - (0.06 * k) / centres.length);
  return ts.filter((t) => t > 0.08 && t < 0.92);
}

function inside(x: number, y: number, r: Rect): boolean {
  return Math.abs(x - r.x) * 2 <= r.w && Math.abs(y - r.y) * 2 <= r.h;
}

/** Whether segments p1-p2 and p3-p4 cross (touching counts). */
function segmentsCross(a: Line, b: Line): boolean {
  const cross = (ox: number, oy: number, px: number, py: number, qx: number, qy: number) =>
    (px - ox) * (qy - oy) - (py - oy) * (qx - ox);
  const d1 = cross(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
  const d2 = cross(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
  const d3 = cross(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
  const d4 = cross(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
  return d1 * d2 <= 0 && d3 * d4 <= 0;
}

/**
 * Whether a line passes through a rectangle.
 *
 * @example
 * lineHitsRect({ x1: 0, y1: 0, x2: 100, y2: 0 }, { x: 50, y: 0, w: 10, h: 10 }); // true
 */
export function lineHitsRect(line: Line, r: Rect): boolean {
  if (inside(line.x1, line.y1, r) || inside(line.x2, line.y2, r)) return true;
  const [l, rt, t, b] = [r.x - r.w / 2, r.x + r.w / 2, r.y + r.h / 2, r.y - r.h / 2];
  const edges: Line[] = [
    { x1: l, y1: t, x2: rt, y2: t },
    { x1: l, y1: b, x2: rt, y2: b },
    { x1: l, y1: t, x2: l, y2: b },
    { x1: rt, y1: t, x2: rt, y2: b },
  ];
  return edges.some((e) => segmentsCross(line, e));
}

/** What a label must keep clear of. */
export interface Scene {
  /** x of each lifeline: no label covers one. */
  readonly cols: readonly number[];
  /** Labels stay between these x (the first lifeline and a little right of the last). */
  readonly left: number;
  readonly right: number;
  /** Labels placed so far, and other boxes: no label covers one. Each new label is added. */
  readonly placed: Rect[];
  /** The other arrows: a label covers as few of them as it can. */
  readonly avoid: readonly Line[];
}

/** Positions beside the line at the same point, just clear of it (a slanted line moves sideways over the label's height). */
function besides(line: Line, r: Rect): Rect[] {
  const [dx, dy] = [Math.abs(line.x2 - line.x1), Math.abs(line.y2 - line.y1)];
  const out: Rect[] = [];
  if (dy > 0) {
    const sx = r.w / 2 + 4 + (r.h / 2) * (dx / dy);
    if (sx < r.w / 2 + 48) out.push({ ...r, x: r.x + sx }, { ...r, x: r.x - sx });
  }
  if (dx > 0) {
    const sy = r.h / 2 + 4 + (r.w / 2) * (dy / dx);
    if (sy < r.h / 2 + 24) out.push({ ...r, y: r.y + sy }, { ...r, y: r.y - sy });
  }
  return out;
}

/** A place a label could go, with its extra cost, and the arrow it must not cover, if any. */
export interface Candidate {
  readonly rect: Rect;
  readonly cost: number;
  readonly clearOf?: Line;
}

function blocked(r: Rect, scene: Scene): boolean {
  return (
    r.x - r.w / 2 < scene.left ||
    r.x + r.w / 2 > scene.right ||
    scene.cols.some((x) => Math.abs(r.x - x) * 2 <= r.w + 4) ||
    scene.placed.some((p) => overlaps(r, p, 2))
  );
}

/**
 * The distance from a point to a segment.
 *
 * @example
 * distanceToLine(50, 10, { x1: 0, y1: 0, x2: 100, y2: 0 }); // 10
 */
export function distanceToLine(x: number, y: number, l: Line): number {
  const [dx, dy] = [l.x2 - l.x1, l.y2 - l.y1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - l.x1) * dx + (y - l.y1) * dy) / len2));
  return Math.hypot(x - (l.x1 + t * dx), y - (l.y1 + t * dy));
}

/**
 * What covering other arrows costs a label. An arrow that clips a corner costs little; one
 * that runs through the label's middle costs two, since the label then seems to be on that
 * arrow as much as on its own; hiding where an arrow starts or ends (its dot or head) costs three.
 */
function crossings(r: Rect, avoid: readonly Line[]): number {
  const big = { ...r, w: r.w + 6, h: r.h + 10 };
  return avoid.reduce((n, l) => {
    if (inside(l.x1, l.y1, big) || inside(l.x2, l.y2, big)) return n + 3;
    if (!lineHitsRect(l, big)) return n;
    return n + (distanceToLine(r.x, r.y, l) < r.h + 4 ? 2 : 0.7);
  }, 0);
}

/**
 * Picks the cheapest candidate that covers no lifeline or placed box (the first of equals),
 * records it in `scene.placed` and returns it; `fallback` when none fits.
 *
 * @example
 * placeBest([{ rect: { x: 100, y: -22, w: 70, h: 16 }, cost: 0 }], scene, fallback);
 */
export function placeBest(options: readonly Candidate[], scene: Scene, fallback: Rect): Rect {
  let best = fallback;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const c of options) {
    if (blocked(c.rect, scene) || (c.clearOf !== undefined && lineHitsRect(c.clearOf, c.rect))) continue;
    const cost = crossings(c.rect, scene.avoid) + c.cost;
    if (cost < bestCost) [best, bestCost] = [c.rect, cost];
    if (cost === 0) break;
  }
  scene.placed.push(best);
  return best;
}

/**
 * Places a label of size `size` on `line`, its centre on the line, or else just beside it. It
 * must not cover a lifeline or a placed box, and covers as few other arrows as it can; sitting
 * beside its arrow, where it reads less surely as that arrow's, counts one and a half
 * crossings. When nothing fits, the middle of the line is used.
 *
 * @example
 * const scene = { cols: [0, 200], left: 0, right: 300, placed: [], avoid: [] };
 * placeLabel({ x1: 0, y1: 0, x2: 200, y2: -44 }, { w: 60, h: 12 }, scene); // { x: 100, y: -22, w: 70, h: 16 }
 */
export function placeLabel(line: Line, size: { w: number; h: number }, scene: Scene): Rect {
  const at = (t: number): Rect => ({
    x: line.x1 + (line.x2 - line.x1) * t,
    y: line.y1 + (line.y2 - line.y1) * t,
    w: size.w + LABEL_PAD,
    h: size.h + 4,
  });
  const onLine = candidates(line, scene.cols).map(at);
  return placeBest(
    [
      ...onLine.map((rect) => ({ rect, cost: 0 })),
      ...onLine.flatMap((r) => besides(line, r)).map((rect) => ({ rect, cost: 1.5, clearOf: line })),
    ],
    scene,
    at(0.5),
  );
}

/**
 * Where the label of a message still in flight goes: the end of a short arrow from the send
 * towards the receiver (`dir` is +1 or -1), below the send's row; further down when that spot
 * is taken, e.g. by the other messages of a broadcast.
 *
 * @example
 * placeStub({ x: 100, y: 0 }, 1, grid, { w: 60, h: 24 }, scene); // { x: 200, y: -33, ... } (rows of 44)
 */
export function placeStub(
  from: { x: number; y: number },
  dir: number,
  g: Grid,
  size: { w: number; h: number },
  scene: Scene,
): Rect {
  const at = (fx: number, rows: number): Rect => ({
    x: from.x + dir * g.gap * fx,
    y: from.y - g.row * rows,
    w: size.w + LABEL_PAD,
    h: size.h + 4,
  });
  // Rows further down come last: a broadcast that sends two kinds of message (PBFT's prepare
  // and commit) needs more than five free spots, and the fallback would cover another label.
  const rows = [0.75, 1.35, 1.95, 2.55, 3.15, 3.75, 4.35, 4.95, 5.55];
  const spots = rows.flatMap((r) => [0.5, 0.4, 0.6].map((fx) => at(fx, r)));
  return placeBest(
    spots.map((rect, i) => ({ rect, cost: i * 0.01 })),
    scene,
    at(0.5, 0.75),
  );
}
