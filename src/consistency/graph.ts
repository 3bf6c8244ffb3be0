/**
 * Small graph utilities for the polynomial checkers (causal bad patterns, session guarantees,
 * Elle-style dependency cycles): bitset rows for relations, topological order, cycle finding and
 * shortest paths over adjacency lists. All iterative, with explicit stacks or queues.
 */

/** A set of node indices as a bitset row. */
export type Bits = Uint32Array;

/**
 * An empty bitset able to hold nodes 0..n-1.
 *
 * @example
 * ```ts
 * const b = newBits(100); setBit(b, 42); hasBit(b, 42); // true
 * ```
 */
export function newBits(n: number): Bits {
  return new Uint32Array(Math.max(1, Math.ceil(n / 32)));
}

/**
 * Whether node `i` is in the set.
 *
 * @example
 * ```ts
 * hasBit(newBits(8), 3); // false
 * ```
 */
export function hasBit(b: Bits, i: number): boolean {
  return ((b[i >>> 5]! >>> (i & 31)) & 1) === 1;
}

/**
 * Adds node `i`.
 *
 * @example
 * ```ts
 * setBit(bits, 3);
 * ```
 */
export function setBit(b: Bits, i: number): void {
  b[i >>> 5]! |= 1 << (i & 31);
}

/**
 * dst |= src; returns whether dst changed.
 *
 * @example
 * ```ts
 * orInto(a, b); // a now holds every node of b
 * ```
 */
export function orInto(dst: Bits, src: Bits): boolean {
  let changed = false;
  for (let k = 0; k < dst.length; k++) {
    const v = dst[k]! | src[k]!;
    if (v !== dst[k]) {
      dst[k] = v;
      changed = true;
    }
  }
  return changed;
}

/**
 * A topological order of the nodes, or undefined when the graph has a cycle (Kahn).
 *
 * @example
 * ```ts
 * topoOrder([[1], [2], []]); // [0, 1, 2]
 * ```
 */
export function topoOrder(succ: readonly (readonly number[])[]): number[] | undefined {
  const n = succ.length;
  const indeg = new Int32Array(n);
  for (const out of succ) for (const v of out) indeg[v]!++;
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (indeg[v] === 0) order.push(v);
  for (let i = 0; i < order.length; i++) {
    for (const v of succ[order[i]!]!) if (--indeg[v]! === 0) order.push(v);
  }
  return order.length === n ? order : undefined;
}

/**
 * Some cycle of the graph as a node list (each node has an edge to the next, the last to the
 * first), or undefined when it is acyclic. Iterative depth-first search.
 *
 * @example
 * ```ts
 * findCycle([[1], [0]]); // [0, 1]
 * ```
 */
export function findCycle(succ: readonly (readonly number[])[]): number[] | undefined {
  const n = succ.length;
  const color = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const parent = new Int32Array(n).fill(-1);
  const edgeIndex = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (color[root] !== 0) continue;
    const stack = [root];
    color[root] = 1;
    while (stack.length > 0) {
      const u = stack.at(-1)!;
      const out = succ[u]!;
      if (edgeIndex[u]! >= out.length) {
        color[u] = 2;
        stack.pop();
        continue;
      }
      const v = out[edgeIndex[u]!++]!;
      if (color[v] === 1) return unwind(parent, u, v);
      if (color[v] === 0) {
        color[v] = 1;
        parent[v] = u;
        stack.push(v);
      }
    }
  }
  return undefined;
}

function unwind(parent: Int32Array, from: number, to: number): number[] {
  const cycle = [from];
  for (let x = from; x !== to; ) {
    x = parent[x]!;
    cycle.push(x);
  }
  return cycle.reverse();
}

/**
 * A shortest path from `from` to `to` (both included), or undefined (breadth-first search).
 *
 * @example
 * ```ts
 * shortestPath([[1], [2], []], 0, 2); // [0, 1, 2]
 * ```
 */
export function shortestPath(
  succ: readonly (readonly number[])[],
  from: number,
  to: number,
): number[] | undefined {
  const prev = new Int32Array(succ.length).fill(-1);
  const queue = [from];
  prev[from] = from;
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i]!;
    if (u === to) {
      const path = [to];
      for (let x = to; x !== from; ) path.push((x = prev[x]!));
      return path.reverse();
    }
    for (const v of succ[u]!) {
      if (prev[v] === -1) {
        prev[v] = u;
        queue.push(v);
      }
    }
  }
  return undefined;
}

/**
 * The strongly connected components with more than one node or a self-loop (Kosaraju, iterative).
 *
 * @example
 * ```ts
 * cyclicComponents([[1], [0], []]); // [[0, 1]]
 * ```
 */
export function cyclicComponents(succ: readonly (readonly number[])[]): number[][] {
  const n = succ.length;
  const pred: number[][] = succ.map(() => []);
  succ.forEach((out, u) => {
    for (const v of out) pred[v]!.push(u);
  });
  const order = finishOrder(succ);
  const comp = new Int32Array(n).fill(-1);
  const out: number[][] = [];
  for (let k = order.length - 1; k >= 0; k--) {
    const root = order[k]!;
    if (comp[root] !== -1) continue;
    const members = [root];
    comp[root] = out.length;
    for (let i = 0; i < members.length; i++) {
      for (const u of pred[members[i]!]!) {
        if (comp[u] === -1) {
          comp[u] = out.length;
          members.push(u);
        }
      }
    }
    out.push(members);
  }
  return out.filter((m) => m.length > 1 || succ[m[0]!]!.includes(m[0]!));
}

function finishOrder(succ: readonly (readonly number[])[]): number[] {
  const n = succ.length;
  const seen = new Uint8Array(n);
  const edge = new Int32Array(n);
  const order: number[] = [];
  for (let root = 0; root < n; root++) {
    if (seen[root]) continue;
    seen[root] = 1;
    const stack = [root];
    while (stack.length > 0) {
      const u = stack.at(-1)!;
      const out = succ[u]!;
      if (edge[u]! < out.length) {
        const v = out[edge[u]!++]!;
        if (!seen[v]) {
          seen[v] = 1;
          stack.push(v);
        }
      } else {
        order.push(u);
        stack.pop();
      }
    }
  }
  return order;
}
