/**
 * The model behind the "sequence" view: what a message-sequence chart of an actor spec's trace
 * shows, before any DOT is written. Lifelines (one per node, in node order), one row per step,
 * message arrows from send to fate (delivered, dropped, or still in flight at the end), marks
 * on the lifelines (timers, crashes, restarts, partitions, Byzantine sends) and how each
 * lifeline segment is drawn (up, crashed, cut off by a partition).
 *
 * Message identity comes from `messageFlow` (src/actors/message-flow.ts), which recovers it
 * from consecutive states; crashes and partitions between rows are read from the states
 * themselves, so a lifeline is drawn "down" exactly while the node is in `crashed`.
 *
 * Only traces whose steps carry their arguments can be drawn: a trace read from an ITF file
 * has `arg: undefined` (only argument indexes are stored) and must be replayed first, which
 * `specter render --view sequence` does.
 */

import { ACTOR_ACTIONS } from "../actors/actions.js";
import { formatMessage, formatPartition } from "../actors/format-message.js";
import { type MessageCopy, messageFlow } from "../actors/message-flow.js";
import type { NodeId, TimerRef } from "../actors/types.js";
import { UsageError } from "../errors.js";
import type { Trace } from "../trace/trace.js";

/** A node's lifeline: its id and kind. */
export interface Lifeline {
  readonly id: NodeId;
  readonly kind: string;
}

/** A mark on a lifeline at a row. */
export interface LifelineMark {
  readonly col: number;
  readonly row: number;
  readonly kind: "timer" | "crash" | "restart" | "cut" | "heal" | "byzantine";
  readonly text: string;
}

/** How a lifeline is drawn from one row to the next. */
export type Segment = "up" | "down" | "cut";

/** One message arrow: from the send to a delivery, a drop, or the end of the trace. */
export interface MessageArrow {
  readonly from: number;
  readonly sentRow: number;
  readonly to: number;
  /** The delivering or dropping step; one past the last step when still in flight. */
  readonly row: number;
  readonly fate: "delivered" | "dropped" | "inFlight";
  /** The payload as people read it: `Ping(seq 1)`. */
  readonly text: string;
  readonly forged: boolean;
  /** A copy made by the `duplicate` fault, or a second delivery on a duplicating network. */
  readonly copy?: "duplicate" | "again";
  /** For a duplicate: the arrow of the copy it was made from, and the step that made it. */
  readonly copyOf?: { readonly arrow: number; readonly row: number };
}

/** Everything the sequence view draws. */
export interface SequenceChart {
  readonly lifelines: readonly Lifeline[];
  /** One short description per step (row); row 0 is the start. */
  readonly rows: readonly string[];
  readonly marks: readonly LifelineMark[];
  readonly arrows: readonly MessageArrow[];
  /** segments[col][row]: how the lifeline is drawn from that row to the next (the last row's, below it). */
  readonly segments: readonly (readonly Segment[])[];
  /** Nodes that sent forged (Byzantine) messages. */
  readonly byzantine: ReadonlySet<number>;
}

type ActorLikeState = {
  nodes: Record<string, Record<NodeId, unknown>>;
  net: Map<string, unknown>;
  crashed?: ReadonlySet<NodeId>;
  partition?: readonly NodeId[] | null;
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set)
  );
}

/**
 * Whether a trace is a trace of an actor spec (its states have `nodes` per kind and `net`).
 *
 * @example
 * isActorTrace(result.violations[0].trace); // true for ping-pong, false for two-phase-commit
 */
export function isActorTrace(trace: Trace): boolean {
  const s = trace.steps[0]?.state;
  return isRecord(s) && s.net instanceof Map && isRecord(s.nodes) && Object.values(s.nodes).every(isRecord);
}

const ACTIONS: ReadonlySet<string> = new Set(ACTOR_ACTIONS);

function misfit(trace: Trace, why: string): UsageError {
  return new UsageError("SPC-U011", `the sequence view cannot draw this trace of ${trace.spec}: ${why}`);
}

/**
 * Throws a UsageError (SPC-U011) unless the trace is an actor spec's: a clear error rather than
 * a broken chart.
 *
 * @example
 * assertActorTrace(decoded.trace); // throws for a two-phase-commit trace
 */
export function assertActorTrace(trace: Trace): void {
  if (!isActorTrace(trace))
    throw misfit(
      trace,
      'it draws traces of actor specs (defineActors), whose states have "nodes" and "net"; use the states view (--view states) for this spec',
    );
}

/** Throws a UsageError (SPC-U011) unless every step is an actor step with its argument. */
function checkSteps(trace: Trace): void {
  assertActorTrace(trace);
  trace.steps.forEach((step, i) => {
    if (i === 0) return;
    if (!ACTIONS.has(step.action))
      throw misfit(trace, `step ${i} (${step.label}) is not a step of an actor spec`);
    if (step.arg === undefined)
      throw misfit(
        trace,
        `step ${i} (${step.label}) has no argument; a trace read from an ITF file must be replayed against its spec first (specter render --view sequence does this)`,
      );
  });
}

function rowText(trace: Trace, i: number, all: readonly NodeId[]): string {
  const step = trace.steps[i]!;
  switch (step.action) {
    case "<init>":
      return "start";
    case "timer":
      return `timer ${(step.arg as TimerRef).timer}`;
    case "partition":
    case "heal":
      return `${step.action} ${formatPartition(all, step.arg as readonly NodeId[])}`;
    case "byzantine":
      return "byzantine send";
    default:
      return step.action;
  }
}

function marksOf(trace: Trace, col: ReadonlyMap<NodeId, number>): LifelineMark[] {
  const marks: LifelineMark[] = [];
  const at = (node: NodeId, row: number, kind: LifelineMark["kind"], text: string) => {
    const c = col.get(node);
    if (c !== undefined) marks.push({ col: c, row, kind, text });
  };
  trace.steps.forEach((step, row) => {
    const arg = step.arg;
    if (step.action === "timer") at((arg as TimerRef).node, row, "timer", `timer ${(arg as TimerRef).timer}`);
    else if (step.action === "crash") at(arg as NodeId, row, "crash", "crash");
    else if (step.action === "restart") at(arg as NodeId, row, "restart", "restart");
    else if (step.action === "byzantine") at((arg as { from: NodeId }).from, row, "byzantine", "forged send");
    else if (step.action === "partition")
      for (const n of arg as readonly NodeId[]) at(n, row, "cut", "cut off");
    else if (step.action === "heal") for (const n of arg as readonly NodeId[]) at(n, row, "heal", "healed");
  });
  return marks;
}

function segmentsOf(trace: Trace, ids: readonly NodeId[]): Segment[][] {
  return ids.map((id) =>
    trace.steps.map((step) => {
      const s = step.state as ActorLikeState;
      if (s.crashed?.has(id)) return "down";
      return s.partition?.includes(id) ? "cut" : "up";
    }),
  );
}

function arrowsOf(
  copies: readonly MessageCopy[],
  col: ReadonlyMap<NodeId, number>,
  end: number,
): MessageArrow[] {
  const arrows: MessageArrow[] = [];
  /** The first arrow of each copy, by copy id: where a duplicate of it forks off. */
  const firstArrow = new Map<number, number>();
  for (const m of copies) {
    const from = col.get(m.from);
    const to = col.get(m.to);
    if (from === undefined || to === undefined) continue;
    // A duplicate was sent once, by its original's sender: its send is the original's.
    let origin: MessageCopy = m;
    while (origin.duplicateOf !== undefined) origin = copies[origin.duplicateOf]!;
    const parent = m.duplicateOf === undefined ? undefined : firstArrow.get(m.duplicateOf);
    const base = {
      from,
      sentRow: origin.sentAt,
      to,
      text: formatMessage(m.msg),
      forged: m.forged,
      ...(m.duplicateOf !== undefined ? { copy: "duplicate" as const } : {}),
      ...(parent !== undefined ? { copyOf: { arrow: parent, row: m.sentAt } } : {}),
    };
    firstArrow.set(m.id, arrows.length);
    m.deliveredAt.forEach((row, k) => {
      arrows.push({ ...base, row, fate: "delivered", ...(k > 0 ? { copy: "again" as const } : {}) });
    });
    if (m.droppedAt !== undefined) arrows.push({ ...base, row: m.droppedAt, fate: "dropped" });
    // On a duplicating network a delivered message stays in flight for ever: its deliveries say
    // enough, so only a message never delivered gets an in-flight arrow.
    else if (m.deliveredAt.length === 0) arrows.push({ ...base, row: end, fate: "inFlight" });
  }
  return arrows;
}

/**
 * Works out what the sequence view draws for a trace of an actor spec. Throws a UsageError
 * (SPC-U011) for a trace that is not an actor spec's, or whose steps lack their arguments.
 *
 * @example
 * const chart = sequenceChart(result.violations[0].trace);
 * chart.lifelines.map((l) => l.id); // ["p1", "q1"]
 */
export function sequenceChart(trace: Trace): SequenceChart {
  checkSteps(trace);
  const first = trace.steps[0]!.state as ActorLikeState;
  const lifelines = Object.entries(first.nodes).flatMap(([kind, group]) =>
    Object.keys(group).map((id) => ({ id, kind })),
  );
  const ids = lifelines.map((l) => l.id);
  const col = new Map(ids.map((id, i) => [id, i]));
  const flow = messageFlow(trace);
  const arrows = arrowsOf(flow.messages, col, trace.steps.length);
  const byzantine = new Set(arrows.filter((a) => a.forged).map((a) => a.from));
  return {
    lifelines,
    rows: trace.steps.map((_, i) => rowText(trace, i, ids)),
    marks: marksOf(trace, col),
    arrows,
    segments: segmentsOf(trace, ids),
    byzantine,
  };
}
