/**
 * Which nodes exist in a run: ids derived from each kind's prefix and count ("n1".."n3",
 * "c1"), in kind declaration order, the Byzantine ones, and the partitions the explorer may
 * choose. Computed once per compiled model (counts depend on params), never per state.
 */

import type { NodeDirectory, NodeId } from "./types.js";

/** What the topology needs to know about a kind. */
export interface KindShape {
  readonly name: string;
  readonly prefix: string;
  readonly count: number;
  readonly canBeByzantine: boolean;
}

/** The nodes of one run. */
export interface Topology {
  readonly all: readonly NodeId[];
  readonly byKind: Readonly<Record<string, readonly NodeId[]>>;
  readonly kindOf: ReadonlyMap<NodeId, string>;
  readonly byzantine: ReadonlySet<NodeId>;
  /** What handlers see as `ctx.nodes` (frozen). */
  readonly directory: NodeDirectory;
}

/** Prefixes are letters and underscores only, so "n" + "12" can never collide with "n1" + "2". */
export const PREFIX = /^[A-Za-z_]+$/;

/**
 * Builds the topology. The Byzantine nodes are the first `byzantine` nodes of kinds that can be
 * Byzantine; the caller has checked there are that many.
 *
 * @example
 * buildTopology([{ name: "server", prefix: "n", count: 2, canBeByzantine: false }], 0).all; // ["n1", "n2"]
 */
export function buildTopology(kinds: readonly KindShape[], byzantine: number): Topology {
  const all: NodeId[] = [];
  const byKind: Record<string, readonly NodeId[]> = {};
  const kindOf = new Map<NodeId, string>();
  const candidates: NodeId[] = [];
  for (const k of kinds) {
    const ids = Array.from({ length: k.count }, (_, i) => `${k.prefix}${i + 1}`);
    byKind[k.name] = Object.freeze(ids);
    for (const id of ids) {
      all.push(id);
      kindOf.set(id, k.name);
      if (k.canBeByzantine) candidates.push(id);
    }
  }
  Object.freeze(all);
  Object.freeze(byKind);
  return {
    all,
    byKind,
    kindOf,
    byzantine: new Set(candidates.slice(0, byzantine)),
    directory: Object.freeze({ all, byKind }),
  };
}

/**
 * Every way to cut the nodes in two, each given by the side without the first node (so
 * {n1}|{n2,n3} and {n2,n3}|{n1} are one partition): 2^(n-1) - 1 groups, smaller groups first.
 *
 * @example
 * partitionGroups(["n1", "n2", "n3"]); // [["n2"], ["n3"], ["n2", "n3"]]
 */
export function partitionGroups(all: readonly NodeId[]): readonly (readonly NodeId[])[] {
  const rest = all.slice(1);
  if (rest.length > 20) throw new RangeError(`partitions of ${all.length} nodes are too many to enumerate`);
  const groups: NodeId[][] = [];
  for (let mask = 1; mask < 1 << rest.length; mask++) groups.push(rest.filter((_, i) => (mask >> i) & 1));
  groups.sort((a, b) => a.length - b.length || compareIds(rest, a, b));
  return Object.freeze(groups.map((g) => Object.freeze(g)));
}

function compareIds(order: readonly NodeId[], a: readonly NodeId[], b: readonly NodeId[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = order.indexOf(a[i]!) - order.indexOf(b[i]!);
    if (d !== 0) return d;
  }
  return 0;
}
