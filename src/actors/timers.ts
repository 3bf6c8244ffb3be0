/**
 * Timers. There is no clock: an armed timer may fire at any moment, which covers every timing
 * (Stateright's and TLA+'s usual abstraction). So a timer is just "armed or not", stored as
 * "node:timer" in a Set; arming an armed timer changes nothing (restarting a countdown is
 * indistinguishable without a clock), and only armed timers of nodes that are up are actions.
 */

import type { FrozenState, MutableState } from "./network.js";
import type { NodeId, TimerRef } from "./types.js";

/** "n1:election". Node ids have no ':' (prefixes are letters), so the first ':' splits. */
export function timerKey(node: NodeId, timer: string): string {
  return `${node}:${timer}`;
}

const cache = new WeakMap<ReadonlySet<string>, readonly TimerRef[]>();

/** The armed timers, sorted (cached per Set: immer shares it between states that did not touch timers). */
export function armedTimers(timers: ReadonlySet<string>): readonly TimerRef[] {
  let out = cache.get(timers);
  if (!out) {
    out = [...timers].sort().map((key) => {
      const colon = key.indexOf(":");
      return Object.freeze({ node: key.slice(0, colon), timer: key.slice(colon + 1) });
    });
    cache.set(timers, out);
  }
  return out;
}

/**
 * The timers that can fire now. A crash disarms its node's timers and a crashed or Byzantine
 * node runs no handler that could arm one, so every armed timer belongs to a node that is up.
 */
export function fireableTimers(s: FrozenState): readonly TimerRef[] {
  return s.timers && s.timers.size > 0 ? armedTimers(s.timers) : [];
}

/** Disarms every timer of a node (it crashed). */
export function clearTimers(d: MutableState, node: NodeId): void {
  const timers = d.timers;
  if (!timers) return;
  const prefix = `${node}:`;
  for (const key of [...timers]) if (key.startsWith(prefix)) timers.delete(key);
}
