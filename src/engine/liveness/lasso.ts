/**
 * Builds a lasso counterexample on the state graph: the shortest prefix (BFS over the product
 * of the graph with the property's two phases) from an initial state to a state of a fair
 * component, and a cycle inside that component through all its waypoints and back. Returns
 * the edges to follow; the trace itself is rebuilt by replaying their steps.
 */

import type { FairComponent } from "./fair-scc.js";
import type { StateGraph } from "./state-graph.js";

/** The search problem for one property. */
export interface LassoProblem {
  readonly sources: readonly number[];
  /** Whether sources start already in the "inside" phase (eventually: the prefix must avoid p). */
  readonly sourcesInside: boolean;
  /** Where the prefix may switch from "anywhere" to "inside". */
  readonly start: (node: number) => boolean;
  /** States allowed inside. */
  readonly allowed: (node: number) => boolean;
  /** For each state, the index of the fair component it belongs to, or -1. */
  readonly goodComp: Int32Array;
}

/** A lasso as edges: `prefix` from an initial state to `entry`, `cycle` from `entry` back to it. */
export interface LassoEdges {
  readonly source: number;
  readonly prefix: readonly number[];
  readonly entry: number;
  readonly cycle: readonly number[];
}

/** Shortest path of edges from `from` to the first node satisfying `isTarget`, inside `inComp`. */
function pathWithin(
  graph: StateGraph,
  from: number,
  isTarget: (n: number) => boolean,
  inComp: Uint8Array,
): number[] {
  if (isTarget(from)) return [];
  // For each reached node: the edge that reached it and the node it came from.
  const via = new Map<number, readonly [number, number]>([[from, [-1, -1]]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    const end = graph.firstEdge(u) + graph.edgeCountOf(u);
    for (let e = graph.firstEdge(u); e < end; e++) {
      const v = graph.target(e);
      if (inComp[v] !== 1 || via.has(v)) continue;
      via.set(v, [e, u]);
      if (!isTarget(v)) {
        queue.push(v);
        continue;
      }
      const edges: number[] = [];
      for (let n = v; n !== from; ) {
        const [edge, back] = via.get(n)!;
        edges.push(edge);
        n = back;
      }
      return edges.reverse();
    }
  }
  throw new Error("liveness: no path inside a strongly connected component (internal error)");
}

/** The shortest prefix to a fair component, or undefined when none is reachable. */
export function findPrefix(
  graph: StateGraph,
  nodeCount: number,
  p: LassoProblem,
): { source: number; edges: number[]; entry: number } | undefined {
  // Product node id: node * 2 + phase (0: anywhere, 1: inside).
  const prev = new Int32Array(nodeCount * 2).fill(-1);
  const prevEdge = new Int32Array(nodeCount * 2).fill(-1);
  const seen = new Uint8Array(nodeCount * 2);
  const queue: number[] = [];
  const origin = new Map<number, number>();
  const push = (id: number, from: number, edge: number) => {
    if (seen[id]) return false;
    seen[id] = 1;
    prev[id] = from;
    prevEdge[id] = edge;
    queue.push(id);
    return (id & 1) === 1 && p.goodComp[id >> 1]! >= 0;
  };
  for (const s of p.sources) {
    const id = s * 2 + (p.sourcesInside ? 1 : 0);
    origin.set(id, s);
    if (push(id, -1, -1)) return rebuildPrefix(id, prev, prevEdge);
  }
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    const u = id >> 1;
    const inside = (id & 1) === 1;
    if (!inside && p.start(u) && p.allowed(u) && push(u * 2 + 1, id, -1))
      return rebuildPrefix(u * 2 + 1, prev, prevEdge);
    const end = graph.firstEdge(u) + graph.edgeCountOf(u);
    for (let e = graph.firstEdge(u); e < end; e++) {
      const v = graph.target(e);
      if (inside && !p.allowed(v)) continue;
      const vid = v * 2 + (inside ? 1 : 0);
      if (push(vid, id, e)) return rebuildPrefix(vid, prev, prevEdge);
    }
  }
  return undefined;
}

function rebuildPrefix(
  id: number,
  prev: Int32Array,
  prevEdge: Int32Array,
): { source: number; edges: number[]; entry: number } {
  const edges: number[] = [];
  let cur = id;
  while (prev[cur]! >= 0) {
    if (prevEdge[cur]! >= 0) edges.push(prevEdge[cur]!);
    cur = prev[cur]!;
  }
  return { source: cur >> 1, edges: edges.reverse(), entry: id >> 1 };
}

/** A cycle from `entry` through every waypoint of `comp` and back (empty: stutter at `entry`). */
export function buildCycle(
  graph: StateGraph,
  nodeCount: number,
  comp: FairComponent,
  entry: number,
): number[] {
  const inComp = new Uint8Array(nodeCount);
  for (const n of comp.nodes) inComp[n] = 1;
  const cycle: number[] = [];
  const visited = new Set<number>([entry]);
  const taken = new Set<number>();
  let cur = entry;
  const walk = (edges: number[]) => {
    for (const e of edges) {
      cycle.push(e);
      taken.add(e);
      visited.add(graph.target(e));
    }
  };
  for (const w of comp.waypoints) {
    if ("node" in w) {
      if (visited.has(w.node)) continue;
      walk(pathWithin(graph, cur, (n) => n === w.node, inComp));
      cur = w.node;
    } else {
      if (taken.has(w.edge)) continue;
      walk([...pathWithin(graph, cur, (n) => n === w.from, inComp), w.edge]);
      cur = graph.target(w.edge);
    }
  }
  if (cur !== entry) walk(pathWithin(graph, cur, (n) => n === entry, inComp));
  return cycle;
}
