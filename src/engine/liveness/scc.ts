/**
 * Strongly connected components of a subgraph (the nodes whose `inSub` mark equals `mark`),
 * by Tarjan's algorithm made iterative with explicit stacks, so graphs of millions of states
 * do not overflow the call stack.
 */

import type { StateGraph } from "./state-graph.js";

/**
 * Returns the SCCs of the subgraph induced by `nodes` (all with `inSub[n] === mark`), each as
 * an array of node indices.
 */
export function stronglyConnected(
  graph: StateGraph,
  nodes: readonly number[] | Int32Array,
  inSub: Int32Array,
  mark: number,
): number[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const sccs: number[][] = [];
  // Call stack frames: node and position in its edge list.
  const frameNode: number[] = [];
  const frameEdge: number[] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    frameNode.push(root);
    frameEdge.push(graph.firstEdge(root));
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const v = frameNode[top]!;
      const end = graph.firstEdge(v) + graph.edgeCountOf(v);
      const e = frameEdge[top]!;
      if (e < end) {
        frameEdge[top] = e + 1;
        const w = graph.target(e);
        if (inSub[w] !== mark) continue;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          frameNode.push(w);
          frameEdge.push(graph.firstEdge(w));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      frameNode.pop();
      frameEdge.pop();
      if (frameNode.length > 0) {
        const parent = frameNode[frameNode.length - 1]!;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== v);
        sccs.push(scc);
      }
    }
  }
  return sccs;
}
