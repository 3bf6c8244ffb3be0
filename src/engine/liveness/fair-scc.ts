/**
 * Which SCCs admit a fair cycle (TLA+'s WF / SF, plus an optional Büchi set that the cycle
 * must visit). Every state has an implicit stutter loop, so every SCC — a single state too —
 * is a candidate cycle; fairness decides.
 *
 * For one fairness key k in an SCC C (k = an action as a whole, or one argument of it):
 * - taken(k): some edge inside C is a k-step; enabledAt(n, k): k can change the state at n.
 * - WF(k) is satisfiable in C iff taken(k) or some n in C has k disabled. Any sub-SCC that
 *   fails this fails it too, so C is discarded.
 * - SF(k) is satisfiable iff taken(k) or k is disabled everywhere in C; otherwise the states
 *   where k is enabled must be avoided: they are removed and the rest is split into SCCs
 *   again (the standard Streett-emptiness refinement), with an explicit worklist.
 * Covering the whole of a good SCC with one cycle satisfies all constraints at once, so a good
 * SCC comes with waypoints — edges and states the cycle must pass — for the lasso builder.
 */

import type { FairnessConstraint } from "../../spec/model.js";
import { stepAction } from "../step-code.js";
import { stronglyConnected } from "./scc.js";
import type { StateGraph } from "./state-graph.js";

/** A point a fair cycle must pass: a state, or an edge (by its index in the graph). */
export type Waypoint = { readonly node: number } | { readonly edge: number; readonly from: number };

/** A set of states admitting a fair cycle, and what that cycle must pass. */
export interface FairComponent {
  readonly nodes: readonly number[];
  readonly waypoints: readonly Waypoint[];
}

interface KeyFacts {
  enabledAt: number;
  anyDisabledNode: number;
  edge: number;
  edgeFrom: number;
}

function keysOfConstraint(graph: StateGraph, c: FairnessConstraint, facts: Map<number, KeyFacts>): number[] {
  const out: number[] = [];
  for (const k of facts.keys())
    if (graph.keyAction[k] === c.action && graph.keyIsArg[k] === c.each) out.push(k);
  return out;
}

/** Gathers, for every fairness key that matters in `nodes`, where it is enabled and taken. */
function gather(
  graph: StateGraph,
  nodes: readonly number[],
  inSub: Int32Array,
  mark: number,
  wholeKey: Int32Array,
) {
  const facts = new Map<number, KeyFacts>();
  const fact = (k: number) => {
    let f = facts.get(k);
    if (!f) facts.set(k, (f = { enabledAt: 0, anyDisabledNode: -1, edge: -1, edgeFrom: -1 }));
    return f;
  };
  for (const n of nodes) for (const k of graph.enabledKeys(n)) fact(k).enabledAt++;
  for (const n of nodes) {
    const end = graph.firstEdge(n) + graph.edgeCountOf(n);
    for (let e = graph.firstEdge(n); e < end; e++) {
      if (inSub[graph.target(e)] !== mark) continue;
      const whole = wholeKey[stepAction(graph.step(e))]!;
      for (const k of [whole, graph.argKey(e)]) {
        if (k < 0) continue;
        const f = fact(k);
        if (f.edge < 0) {
          f.edge = e;
          f.edgeFrom = n;
        }
      }
    }
  }
  for (const [k, f] of facts) {
    if (f.enabledAt === nodes.length) continue;
    for (const n of nodes)
      if (!graph.enabledKeys(n).includes(k)) {
        f.anyDisabledNode = n;
        break;
      }
  }
  return facts;
}

/**
 * Finds the fair components inside the subgraph of `nodes` (marked `mark` in `inSub`).
 * `accept`, when given, is a state set every fair cycle must visit (Büchi acceptance).
 */
export function fairComponents(
  graph: StateGraph,
  nodes: readonly number[],
  inSub: Int32Array,
  mark: number,
  fairness: readonly FairnessConstraint[],
  wholeKey: Int32Array,
  accept?: (node: number) => boolean,
): FairComponent[] {
  const good: FairComponent[] = [];
  let nextMark = mark;
  const work: number[][] = stronglyConnected(graph, nodes, inSub, mark);
  while (work.length > 0) {
    const comp = work.pop()!;
    const m = ++nextMark + 1_000_000;
    for (const n of comp) inSub[n] = m;
    if (accept && !comp.some(accept)) continue;
    const facts = gather(graph, comp, inSub, m, wholeKey);
    const waypoints: Waypoint[] = [];
    const avoid = new Set<number>();
    let unfair = false;
    for (const c of fairness) {
      for (const k of keysOfConstraint(graph, c, facts)) {
        const f = facts.get(k)!;
        if (f.enabledAt === 0) continue;
        if (f.edge >= 0) waypoints.push({ edge: f.edge, from: f.edgeFrom });
        else if (!c.strong && f.anyDisabledNode >= 0) waypoints.push({ node: f.anyDisabledNode });
        else if (!c.strong) unfair = true;
        else avoid.add(k);
      }
    }
    if (unfair) continue;
    if (avoid.size > 0) {
      const rest = comp.filter((n) => !graph.enabledKeys(n).some((k) => avoid.has(k)));
      const rm = ++nextMark + 1_000_000;
      for (const n of rest) inSub[n] = rm;
      work.push(...stronglyConnected(graph, rest, inSub, rm));
      continue;
    }
    if (accept) waypoints.push({ node: comp.find(accept)! });
    good.push({ nodes: comp, waypoints });
  }
  return good;
}
