/**
 * Classifies dependency cycles of a list-append history as Adya's anomalies and derives
 * verdicts for isolation levels. Per strongly connected component, the weakest explanation is
 * reported (as Elle does): G0 (a ww cycle), G1c (ww and wr), G-single (exactly one rw edge),
 * G-nonadjacent (rw edges, none adjacent) and otherwise G2-item (a cycle that needs two adjacent
 * rw edges). Snapshot isolation forbids exactly the cycles whose rw edges are never adjacent
 * (Cerone & Gotsman: ((ww ∪ wr) ; rw?) must be acyclic), found here as any cycle in a product
 * graph that remembers whether the previous edge was rw. Repeatable read (Adya's PL-2.99, with
 * item reads only) and serializability forbid every cycle.
 */

import { cyclicComponents, findCycle, shortestPath } from "./graph.js";
import type { History } from "./history.js";
import { type DepEdge, type DependencyGraph, dependencyGraph } from "./list-append.js";
import type { Explanation } from "./result.js";
import { violation } from "./result.js";
import { formatValue } from "./values.js";

/** Verdict for one isolation level. */
export type LevelVerdict = "holds" | "violated" | "unknown";

/** What `checkListAppend` found. */
export interface ListAppendResult {
  /** Anomaly names found, e.g. ["G2-item"]. */
  readonly anomalyTypes: readonly string[];
  readonly anomalies: readonly Explanation[];
  readonly serializable: LevelVerdict;
  readonly snapshotIsolation: LevelVerdict;
  readonly repeatableRead: LevelVerdict;
  /** False when some version order could not be inferred; "holds" then becomes "unknown". */
  readonly complete: boolean;
}

const SI_BREAKING = new Set([
  "G0",
  "G1c",
  "G-single",
  "G-nonadjacent",
  "incompatible-order",
  "duplicate-elements",
  "garbage-read",
  "aborted-read",
  "G1b",
  "internal",
]);

/**
 * Checks a list-append transaction history for Adya anomalies.
 *
 * @example
 * ```ts
 * const r = checkListAppend(parseHistory(text, "si-without-g-single.edn"));
 * r.anomalyTypes; // ["G2-item"]
 * r.snapshotIsolation; // "holds"
 * ```
 */
export function checkListAppend(history: History): ListAppendResult {
  const g = dependencyGraph(history);
  const anomalies: Explanation[] = g.anomalies.map(
    (a) =>
      violation({
        check: "list-append",
        pattern: a.type,
        summary: `${a.message} (key ${a.key})`,
        ops: a.txns.map((t) => g.txns[t]!),
      }).explanation,
  );
  for (const comp of cyclicComponents(adjacency(g.txns.length, g.edges))) anomalies.push(classify(g, comp));
  const types = [...new Set(anomalies.map((a) => a.pattern))];
  const level = (broken: boolean): LevelVerdict => (broken ? "violated" : g.complete ? "holds" : "unknown");
  const anyCycle = anomalies.length > 0;
  return {
    anomalyTypes: types,
    anomalies,
    serializable: level(anyCycle),
    repeatableRead: level(anyCycle),
    snapshotIsolation: level(types.some((t) => SI_BREAKING.has(t))),
    complete: g.complete,
  };
}

function adjacency(
  n: number,
  edges: readonly DepEdge[],
  keep: (e: DepEdge) => boolean = () => true,
): number[][] {
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) if (keep(e)) succ[e.from]!.push(e.to);
  return succ;
}

function classify(g: DependencyGraph, comp: readonly number[]): Explanation {
  const inComp = new Set(comp);
  const edges = g.edges.filter((e) => inComp.has(e.from) && inComp.has(e.to));
  const n = g.txns.length;
  const ww = findCycle(adjacency(n, edges, (e) => e.kind === "ww"));
  if (ww) return report(g, "G0", ww, edges);
  const wwr = findCycle(adjacency(n, edges, (e) => e.kind !== "rw"));
  if (wwr) return report(g, "G1c", wwr, edges);
  const nonRw = adjacency(n, edges, (e) => e.kind !== "rw");
  for (const e of edges) {
    if (e.kind !== "rw") continue;
    const back = shortestPath(nonRw, e.to, e.from);
    if (back) return report(g, "G-single", [e.from, ...back.slice(0, -1)], edges);
  }
  const si = siCycle(n, edges);
  if (si) return report(g, "G-nonadjacent", si, edges);
  return report(g, "G2-item", findCycle(adjacency(n, edges)) ?? [...comp], edges);
}

/** A cycle whose rw edges are never adjacent, via the product graph (node, last edge was rw). */
function siCycle(n: number, edges: readonly DepEdge[]): number[] | undefined {
  const succ: number[][] = Array.from({ length: 2 * n }, () => []);
  for (const e of edges) {
    if (e.kind === "rw") succ[2 * e.from]!.push(2 * e.to + 1);
    else {
      succ[2 * e.from]!.push(2 * e.to);
      succ[2 * e.from + 1]!.push(2 * e.to);
    }
  }
  const cycle = findCycle(succ);
  if (cycle === undefined) return undefined;
  const nodes = cycle.map((x) => x >> 1);
  return nodes.filter((v, i) => v !== nodes[(i + 1) % nodes.length] || nodes.length === 1);
}

function report(
  g: DependencyGraph,
  type: string,
  cycle: readonly number[],
  edges: readonly DepEdge[],
): Explanation {
  const name = (t: number) => `T${t} (${txnLabel(g, t)})`;
  const details = cycle.map((a, i) => {
    const b = cycle[(i + 1) % cycle.length]!;
    const e = edges.find((x) => x.from === a && x.to === b && (type !== "G0" || x.kind === "ww"));
    return `${name(a)} -${e?.kind ?? "?"}-> ${name(b)}${e ? ` on key ${e.key}` : ""}`;
  });
  const summary = `dependency cycle of ${cycle.length} transactions (${type})`;
  return violation({
    check: "list-append",
    pattern: type,
    summary,
    ops: cycle.map((t) => g.txns[t]!),
    details,
  }).explanation;
}

function txnLabel(g: DependencyGraph, t: number): string {
  const op = g.txns[t]!;
  const micro = op.status === "ok" ? op.result : op.value;
  const body = Array.isArray(micro)
    ? micro
        .map((m) => (Array.isArray(m) ? m.map(formatValue).join(" ").replaceAll('"', "") : formatValue(m)))
        .join("; ")
    : formatValue(micro);
  return `${typeof op.process === "number" ? `p${op.process}` : op.process}: ${body}`;
}
