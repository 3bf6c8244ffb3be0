/**
 * Random small transition graphs as specs, with a brute-force reachability oracle, for the
 * engine's property tests.
 */

import fc from "fast-check";
import { defineSpec } from "../../src/index.js";

/** A directed graph: successors of each node, initial nodes, and "bad" nodes. */
export interface Graph {
  readonly edges: readonly (readonly number[])[];
  readonly inits: readonly number[];
  readonly bad: readonly number[];
}

/** Arbitrary graphs with 1..12 nodes. */
export const graphArb: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    edges: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }), {
      minLength: n,
      maxLength: n,
    }),
    inits: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 3 }),
    bad: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }),
  }),
);

/** The graph as a spec: the state is the current node; `go` follows an edge. */
export function graphSpec(g: Graph, withBad: boolean) {
  return defineSpec({
    name: "random-graph",
    inits: () => g.inits.map((at) => ({ at })),
    actions: {
      go: {
        over: (s) => g.edges[s.at] ?? [],
        do: (d, to: number) => {
          d.at = to;
        },
      },
    },
    invariants: withBad ? { notBad: (s) => !g.bad.includes(s.at) } : {},
    deadlock: false,
  });
}

/** Shortest distance from any initial node to every node (-1 when unreachable). */
export function distances(g: Graph): number[] {
  const dist = g.edges.map(() => -1);
  const queue: number[] = [];
  for (const i of g.inits)
    if (dist[i] === -1) {
      dist[i] = 0;
      queue.push(i);
    }
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (const v of g.edges[u] ?? [])
      if (dist[v] === -1) {
        dist[v] = dist[u]! + 1;
        queue.push(v);
      }
  }
  return dist;
}
