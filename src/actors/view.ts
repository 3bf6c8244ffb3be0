/**
 * A typed view of the global state for properties. Node states are read directly
 * (`state.nodes.server`); the framework's own fields use canonical encodings chosen for
 * state-space reduction (message texts, "node:timer" keys), so these helpers decode them into
 * typed values. Decoding is memoised per message text, so using them in invariants is cheap.
 */

import { decodeNet } from "./network.js";
import { armedTimers } from "./timers.js";
import type {
  ActorHistoryEvent,
  ActorState,
  FaultCounts,
  InFlight,
  Message,
  NodeId,
  TimerRef,
} from "./types.js";

/**
 * The in-flight messages with their copies (a bag: sorted by text; ordered: each queue in order).
 *
 * @example
 * inFlight(s).filter((m) => m.msg.type === "RequestVote" && m.to === "n3");
 */
export function inFlight<N, M extends Message>(state: ActorState<N, M>): InFlight<M>[] {
  return decodeNet(state.net) as InFlight<M>[];
}

/**
 * The armed timers.
 *
 * @example
 * armed(s).some((t) => t.node === "n1" && t.timer === "election");
 */
export function armed<N, M extends Message>(state: ActorState<N, M>): readonly TimerRef[] {
  return state.timers ? armedTimers(state.timers) : [];
}

/**
 * Whether a node is crashed now.
 *
 * @example
 * isCrashed(s, "n1"); // false
 */
export function isCrashed<N, M extends Message>(state: ActorState<N, M>, id: NodeId): boolean {
  return state.crashed?.has(id) ?? false;
}

/**
 * The ids of every node, in order (kinds in declaration order).
 *
 * @example
 * nodeIds(s); // ["p1", "q1"]
 */
export function nodeIds<N, M extends Message>(state: ActorState<N, M>): NodeId[] {
  return Object.values(state.nodes as Record<string, Record<NodeId, unknown>>).flatMap((group) =>
    Object.keys(group),
  );
}

/**
 * The current partition as its two sides (the first node's side first), or undefined.
 *
 * @example
 * partitionSides(s); // [["n1"], ["n2", "n3"]]
 */
export function partitionSides<N, M extends Message>(
  state: ActorState<N, M>,
): [NodeId[], NodeId[]] | undefined {
  const cut = state.partition;
  if (!cut) return undefined;
  return [nodeIds(state).filter((id) => !cut.includes(id)), [...cut]];
}

/**
 * The budgeted faults used so far (0 for faults that are not counted).
 *
 * @example
 * faultsUsed(s).crashes; // 1
 */
export function faultsUsed<N, M extends Message>(state: ActorState<N, M>): FaultCounts {
  const f = state.faults ?? {};
  return {
    drops: f.drops ?? 0,
    duplicates: f.duplicates ?? 0,
    crashes: f.crashes ?? 0,
    partitions: f.partitions ?? 0,
  };
}

/**
 * The client-operation history (empty when the spec does not record one).
 *
 * @example
 * historyOf(s).filter((e) => e.type === "ok").length;
 */
export function historyOf<N, M extends Message>(state: ActorState<N, M>): readonly ActorHistoryEvent[] {
  return state.history ?? [];
}
