/**
 * Convergence is a property of replica states, not of client histories (CONSISTENCY.md 6), so
 * this check takes replica snapshots: each replica's value and the set of updates it has
 * delivered. Strong eventual consistency (Shapiro et al., 2011) requires replicas that delivered
 * the same updates to hold equal values; with every replica given the same update set (a
 * quiescent state) this is plain "all replicas agree". Use it as a spec invariant over the
 * replicas in a state.
 */

import { type CheckResult, CONSISTENT, violation } from "./result.js";
import { formatValue, valueEqual, valueKey } from "./values.js";

/** One replica's state as seen by the convergence check. */
export interface ReplicaSnapshot<V> {
  readonly replica: string;
  /** Ids of the updates this replica has applied (order does not matter). */
  readonly delivered: Iterable<string | number>;
  readonly value: V;
}

/** Options of `checkConvergence`. */
export interface ConvergenceOptions<V> {
  /** Value equality; default structural. */
  readonly equal?: ((a: V, b: V) => boolean) | undefined;
  readonly describe?: ((v: V) => string) | undefined;
}

/**
 * Checks that replicas which delivered the same set of updates hold equal values.
 *
 * @example
 * ```ts
 * checkConvergence([
 *   { replica: "a", delivered: ["u1", "u2"], value: 3 },
 *   { replica: "b", delivered: ["u2", "u1"], value: 3 },
 * ]).ok; // true
 * ```
 */
export function checkConvergence<V>(
  replicas: readonly ReplicaSnapshot<V>[],
  options: ConvergenceOptions<V> = {},
): CheckResult {
  const equal = options.equal ?? valueEqual;
  const describe = options.describe ?? formatValue;
  const groups = new Map<string, ReplicaSnapshot<V>>();
  for (const r of replicas) {
    const ids = [...r.delivered].map(valueKey).sort();
    const key = ids.join("\u0000");
    const first = groups.get(key);
    if (first === undefined) {
      groups.set(key, r);
      continue;
    }
    if (equal(first.value, r.value)) continue;
    return violation({
      check: "convergence",
      pattern: "Divergence",
      summary: `replicas ${first.replica} and ${r.replica} delivered the same ${ids.length} updates but hold different values`,
      ops: [],
      details: [
        `${first.replica}: ${describe(first.value)}`,
        `${r.replica}: ${describe(r.value)}`,
        `updates delivered by both: ${[...r.delivered].map(String).join(", ") || "none"}`,
      ],
    });
  }
  return CONSISTENT;
}
