/**
 * The "graph" view: a small spec's whole reachable state graph as DOT (TLC's `-dump dot`), with
 * a counterexample's path drawn over it in colour. Explores the Model directly, breadth-first,
 * with the engine's rules (initial states in order, the constraint, stutters are not edges,
 * states identified by the fingerprint of their `view`), and refuses to draw more than
 * `maxNodes` states (default 500): beyond that the picture is a hairball and Graphviz's layout
 * takes minutes, so the states view is the one to use.
 *
 * Kept separate from the engine on purpose: it needs every edge, which the engine does not
 * store, and it runs only on graphs small enough that a Map of fingerprints is fine.
 */

import type { ViolationKind } from "../engine/result.js";
import { UsageError } from "../errors.js";
import type { Model } from "../spec/model.js";
import { fingerprint } from "../state/fingerprint.js";
import type { Trace } from "../trace/trace.js";
import { escapeHtml, FOLD_WIDTH, foldedHtml, labelTable, stateRows, styled, wideRow } from "./dot-label.js";
import { failureNote, traceTitle } from "./dot-states.js";
import { DOT_THEME, digraph, dotEdge, dotNode, htmlLabel } from "./dot-syntax.js";

/** Default limit on the number of states the graph view draws. */
export const DEFAULT_MAX_NODES = 500;

/** One explored state. */
export interface GraphNode<S> {
  readonly id: number;
  readonly state: S;
  /** Which initial state it is, or -1. */
  readonly initial: number;
}

/** All transitions from one state to another, with the labels of the steps that take it. */
export interface GraphEdge {
  readonly from: number;
  readonly to: number;
  readonly labels: readonly string[];
}

/** A reachable state graph. */
export interface StateGraph<S> {
  readonly nodes: readonly GraphNode<S>[];
  readonly edges: readonly GraphEdge[];
  /** Node id by state fingerprint (of the model's view). */
  readonly idOf: ReadonlyMap<string, number>;
}

/** Options of the graph view. */
export interface GraphViewOptions {
  readonly maxNodes?: number;
  /** A counterexample (or any trace) to highlight. */
  readonly trace?: Trace;
  readonly property?: string | undefined;
  readonly kind?: ViolationKind | undefined;
  readonly width?: number;
}

function keyOf<S>(model: Model<S>, state: S): string {
  return fingerprint(model.view ? model.view(state) : state);
}

function tooLarge<S>(model: Model<S>, maxNodes: number): UsageError {
  const params = Object.entries(model.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  return new UsageError(
    "SPC-U012",
    `the reachable state graph of spec ${model.name}${params ? ` (${params})` : ""} has more than ${maxNodes} states, too many to draw legibly; render the counterexample alone with --view states, raise the limit with --max-nodes, or check with smaller params`,
  );
}

/**
 * Explores every reachable state of `model` breadth-first, keeping all edges. Throws a
 * UsageError (SPC-U012) when there are more than `maxNodes` states.
 *
 * @example
 * const g = exploreStateGraph(compileSpec(counter, { params: { max: 3 } }));
 * g.nodes.length; // 4
 */
export function exploreStateGraph<S>(model: Model<S>, maxNodes = DEFAULT_MAX_NODES): StateGraph<S> {
  const nodes: GraphNode<S>[] = [];
  const idOf = new Map<string, number>();
  const edges = new Map<string, { from: number; to: number; labels: string[] }>();
  const admit = (state: S, initial: number): number => {
    const key = keyOf(model, state);
    const known = idOf.get(key);
    if (known !== undefined) return known;
    if (nodes.length >= maxNodes) throw tooLarge(model, maxNodes);
    nodes.push({ id: nodes.length, state, initial });
    idOf.set(key, nodes.length - 1);
    return nodes.length - 1;
  };
  model.initialStates.forEach((s, i) => {
    if (!model.constraint || model.constraint(s)) admit(s, i);
  });
  for (let next = 0; next < nodes.length; next++) {
    const { state } = nodes[next]!;
    for (let a = 0; a < model.actionNames.length; a++)
      for (const arg of model.args(a, state)) {
        if (!model.enabled(a, state, arg)) continue;
        const succ = model.apply(a, state, arg);
        if (succ === state || (model.constraint && !model.constraint(succ))) continue;
        const to = admit(succ, -1);
        const key = `${next}>${to}`;
        const edge = edges.get(key) ?? { from: next, to, labels: [] };
        edge.labels.push(model.describeStep(a, arg));
        edges.set(key, edge);
      }
  }
  return { nodes, edges: [...edges.values()], idOf };
}

/** The node ids a trace passes through (undefined where a state is not in the graph). */
function tracePath<S>(
  model: Model<S>,
  graph: StateGraph<S>,
  trace: Trace | undefined,
): (number | undefined)[] {
  return trace ? trace.steps.map((s) => graph.idOf.get(keyOf(model, s.state as S))) : [];
}

function nodeLabel(
  node: GraphNode<unknown>,
  step: number | undefined,
  note: string | undefined,
  width: number,
): string {
  const t = DOT_THEME;
  const head = [node.initial >= 0 ? "initial" : "", step !== undefined ? `step ${step}` : ""]
    .filter((x) => x)
    .join(", ");
  const rows = [
    ...(head
      ? [
          wideRow(
            styled(escapeHtml(head), {
              color: step !== undefined ? t.path : t.muted,
              size: 9,
              bold: step !== undefined,
            }),
          ),
        ]
      : []),
    ...stateRows(node.state, width),
    ...(note ? [wideRow(styled(escapeHtml(note), { color: t.bad, bold: true, face: t.font }))] : []),
  ];
  return labelTable(rows);
}

function graphTitle<S>(model: Model<S>, options: GraphViewOptions, size: string): string {
  const line = (markup: string) => `${markup}<BR ALIGN="LEFT"/>`;
  const sizeLine = line(styled(escapeHtml(size), { color: DOT_THEME.muted }));
  if (options.trace) return traceTitle(options.trace, options.property, options.kind) + sizeLine;
  const params = Object.entries(model.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  const setup = [params, model.bug ? `bug preset ${model.bug}` : ""].filter((x) => x !== "").join("; ");
  return (
    line(styled(escapeHtml(model.name), { bold: true, size: 14 })) +
    (setup ? line(styled(escapeHtml(setup), { color: DOT_THEME.muted })) : "") +
    sizeLine
  );
}

/**
 * Renders the whole reachable state graph of `model` as DOT, highlighting `options.trace`.
 * Throws a UsageError (SPC-U012) above `options.maxNodes` states (default 500).
 *
 * @example
 * const dot = stateGraphToDot(model, { trace: violation.trace, property: "consistent", kind: "invariant" });
 */
export function stateGraphToDot<S>(model: Model<S>, options: GraphViewOptions = {}): string {
  const t = DOT_THEME;
  const width = options.width ?? FOLD_WIDTH;
  const graph = exploreStateGraph(model, options.maxNodes ?? DEFAULT_MAX_NODES);
  const path = tracePath(model, graph, options.trace);
  const last = path.length - 1;
  const failing =
    options.trace !== undefined && (options.property !== undefined || options.kind !== undefined);
  const stepOf = new Map<number, number>();
  for (let i = 0; i < path.length; i++) {
    const id = path[i];
    if (id !== undefined && !stepOf.has(id)) stepOf.set(id, i);
  }
  const pathEdges = new Set(path.slice(1).map((id, i) => `${path[i]}>${id}`));
  const badId = failing ? path[last] : undefined;
  const body: string[] = [];
  for (const node of graph.nodes) {
    const bad = node.id === badId;
    const onPath = stepOf.has(node.id);
    const note = bad ? failureNote(options.kind, options.property, last) : undefined;
    body.push(
      dotNode(`n${node.id}`, {
        label: htmlLabel(nodeLabel(node, stepOf.get(node.id), note, width)),
        fillcolor: bad ? t.badFill : node.initial >= 0 ? t.initialFill : undefined,
        color: bad ? t.bad : onPath ? t.path : undefined,
        penwidth: bad || onPath ? 2 : undefined,
      }),
    );
  }
  for (const e of graph.edges) {
    const onPath = pathEdges.has(`${e.from}>${e.to}`);
    body.push(
      dotEdge(`n${e.from}`, `n${e.to}`, {
        label: htmlLabel(` ${e.labels.map((l) => foldedHtml(l, width)).join("<BR/>")} `),
        color: onPath ? t.path : undefined,
        fontcolor: onPath ? t.path : undefined,
        penwidth: onPath ? 2 : undefined,
      }),
    );
  }
  const size = `${graph.nodes.length} reachable states, ${graph.edges.length} edges`;
  return digraph(
    {
      name: `${model.name}: state graph`,
      title: htmlLabel(graphTitle(model, options, size)),
      graph: { rankdir: "TB" },
    },
    body,
  );
}
