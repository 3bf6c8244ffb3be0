/**
 * The causal order CO = (program order ∪ reads-from)⁺ of a read/write history, as one strict
 * "causal past" bitset per operation, computed in topological order in O(n · edges / 32). When
 * po ∪ rf has a cycle (an operation reads from its own causal future), the cycle is returned
 * instead: that is the CyclicCO bad pattern. Also renders CO paths for explanations.
 */

import { describeOp, processName } from "./describe.js";
import { type Bits, findCycle, newBits, orInto, setBit, shortestPath, topoOrder } from "./graph.js";
import { poRfEdges, type RwHistory } from "./rw-history.js";

/** The causal order, or the cycle that prevents one. */
export type CausalOrder =
  | { readonly acyclic: true; readonly succ: number[][]; readonly past: readonly Bits[] }
  | { readonly acyclic: false; readonly succ: number[][]; readonly cycle: readonly number[] };

/**
 * Computes every operation's strict causal past.
 *
 * @example
 * ```ts
 * const co = causalOrder(rw);
 * if (co.acyclic && hasBit(co.past[r]!, w)) { ... } // w is causally before r
 * ```
 */
export function causalOrder(rw: RwHistory): CausalOrder {
  const succ = poRfEdges(rw);
  const order = topoOrder(succ);
  if (order === undefined) return { acyclic: false, succ, cycle: findCycle(succ) ?? [] };
  const n = rw.ops.length;
  const past = rw.ops.map(() => newBits(n));
  for (const u of order) {
    for (const v of succ[u]!) {
      orInto(past[v]!, past[u]!);
      setBit(past[v]!, u);
    }
  }
  return { acyclic: true, succ, past };
}

/**
 * Describes a path of po/rf edges, one line per edge.
 *
 * @example
 * ```ts
 * coPathLines(rw, [w, r]); // ['write(x, 1) by p1 is read by read(x) -> 1 by p2']
 * ```
 */
export function coPathLines(rw: RwHistory, path: readonly number[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const a = rw.ops[path[i]!]!;
    const b = rw.ops[path[i + 1]!]!;
    const how = a.session === b.session && b.pos > a.pos ? "is followed in its session by" : "is read by";
    lines.push(`${label(rw, a.index)} ${how} ${label(rw, b.index)}`);
  }
  return lines;
}

/**
 * An operation and its process, for explanation lines.
 *
 * @example
 * ```ts
 * label(rw, 0); // "write(x, 1) by p1"
 * ```
 */
export function label(rw: RwHistory, i: number): string {
  const o = rw.ops[i]!;
  return `${describeOp(o.op)} by ${processName(o.op.process)}`;
}

/**
 * A shortest po/rf path from `a` to `b` (both included), or just [a, b] if none.
 *
 * @example
 * ```ts
 * coPath(co.succ, w, r); // [w, ..., r]
 * ```
 */
export function coPath(succ: readonly (readonly number[])[], a: number, b: number): number[] {
  return shortestPath(succ, a, b) ?? [a, b];
}
