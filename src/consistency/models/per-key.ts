/**
 * Lifts a one-object model to a map of independent objects addressed by `op.key`. The lifted
 * model partitions histories by key for linearizability (locality) but is still a single model
 * over the whole map for sequential consistency, which is not local. Keys whose value equals the
 * inner initial state are left out of the map, so equal maps have equal entries.
 */

import { partitionByKey } from "../history.js";
import { hashString, hashValue, mixHash, valueEqual } from "../values.js";
import type { SequentialModel } from "./model.js";

/** A state of a `perKey` model: each touched key's inner state. */
export type KeyedState<S> = ReadonlyMap<string, S>;

/**
 * A map of independent `inner` objects, one per key.
 *
 * @example
 * ```ts
 * const registers = perKey(registerModel({ initial: 0 }));
 * checkSequential(history, registers); // one search over all keys together
 * checkLinearizable(history, registers); // one search per key
 * ```
 */
export function perKey<S>(inner: SequentialModel<S>): SequentialModel<KeyedState<S>> {
  const eq = inner.equal ?? ((a: S, b: S) => a === b || valueEqual(a, b));
  const h = inner.hash ?? hashValue;
  const initial = inner.init();
  const describe = inner.describeState ?? String;
  return {
    name: `per-key ${inner.name}`,
    init: () => new Map<string, S>(),
    step(state, op) {
      const key = op.key ?? "";
      const r = inner.step(state.get(key) ?? initial, op);
      if (!r.ok) return { ok: false, state };
      const next = new Map(state);
      if (eq(r.state, initial)) next.delete(key);
      else next.set(key, r.state);
      return { ok: true, state: next };
    },
    equal(a, b) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) {
        const w = b.get(k);
        if (w === undefined || !eq(v, w)) return false;
      }
      return true;
    },
    hash(state) {
      let sum = 0;
      for (const [k, v] of state) sum = (sum + mixHash(hashString(k), h(v))) | 0;
      return sum;
    },
    describeState(state) {
      const parts = [...state].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${describe(v)}`);
      return `{${parts.join(", ")}}`;
    },
    partition: partitionByKey,
    partitionModel: inner as SequentialModel<unknown>,
  };
}
