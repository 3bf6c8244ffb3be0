/**
 * Node and link faults as explorer actions: `crash` / `restart` (within `maxCrashes`) and
 * `partition` / `heal` (within `maxPartitions`).
 *
 * A crash resets the node's volatile fields to `init`'s values at once, keeping only its
 * `durable` fields, and disarms its timers. Erasing at crash time (rather than at restart) is a
 * sound reduction: a crashed node runs nothing, so two states that differ only in what a crashed
 * node had in volatile memory have the same futures, and they become one state. Messages to a
 * crashed node stay in flight (undeliverable until it restarts; the network may still drop
 * them). A partition cuts the nodes in two; messages across the cut stay in flight until it
 * heals. Only one partition exists at a time, and a partition is named by the side without the
 * first node, so each cut has one representation.
 */

import type { ActorActionDef } from "./action-def.js";
import { formatPartition } from "./format-message.js";
import { closeOnCrash } from "./history.js";
import { nodeInit } from "./init-state.js";
import { countFault, type RuntimeOf, used } from "./message-actions.js";
import type { MutableState } from "./network.js";
import { runHandler } from "./run-handler.js";
import type { Runtime } from "./runtime.js";
import { clearTimers } from "./timers.js";
import type { NodeId } from "./types.js";

function crash(d: MutableState, rt: Runtime, id: NodeId): void {
  const kind = rt.kindOf(id);
  const node = d.nodes[kind.name]![id]!;
  const fresh = nodeInit(rt, kind, id);
  for (const k of Object.keys(node)) if (!kind.durable.has(k) && !(k in fresh)) delete node[k];
  for (const k of Object.keys(fresh)) if (!kind.durable.has(k)) node[k] = fresh[k];
  clearTimers(d, id);
  d.crashed!.add(id);
  if (d.history) closeOnCrash(d.history, id);
  countFault(d, rt, "crashes");
}

/** `crash`: a node stops; it loses its volatile state and timers. */
export function crashAction(rt: RuntimeOf): ActorActionDef<NodeId> {
  return {
    doc: "A node crashes (within maxCrashes): volatile fields reset, timers disarmed.",
    over: (s, p) => {
      const r = rt(p);
      if (used(s, "crashes") >= r.max.crashes) return [];
      return r.topology.all.filter(
        (id) => !s.crashed!.has(id) && !r.topology.byzantine.has(id) && r.kindOf(id).crashable,
      );
    },
    do: (draft, id, p) => crash(draft as unknown as MutableState, rt(p), id),
    label: (id) => `crash ${id}`,
    active: (p) => (p.maxCrashes as number) > 0,
  };
}

/** `restart`: a crashed node runs `onStart` again, with its durable fields. */
export function restartAction(rt: RuntimeOf): ActorActionDef<NodeId> {
  return {
    doc: "A crashed node restarts: onStart runs again on its durable fields.",
    over: (s, p) =>
      s.crashed && s.crashed.size > 0 ? rt(p).topology.all.filter((id) => s.crashed!.has(id)) : [],
    do: (draft, id, p) => {
      const r = rt(p);
      const d = draft as unknown as MutableState;
      d.crashed!.delete(id);
      const onStart = r.kindOf(id).def.onStart;
      if (onStart) runHandler(d, r, id, "onStart", (s, ctx) => onStart(s, ctx));
    },
    label: (id) => `restart ${id}`,
    active: (p) => (p.maxCrashes as number) > 0,
  };
}

/** `partition`: the nodes split in two; messages across the cut wait until it heals. */
export function partitionAction(rt: RuntimeOf): ActorActionDef<readonly NodeId[]> {
  return {
    doc: "The network partitions the nodes into two groups (within maxPartitions).",
    over: (s, p) => {
      const r = rt(p);
      return s.partition === null && used(s, "partitions") < r.max.partitions ? r.partitions() : [];
    },
    do: (draft, group, p) => {
      const d = draft as unknown as MutableState;
      d.partition = group;
      countFault(d, rt(p), "partitions");
    },
    label: (group, p) => `partition ${formatPartition(rt(p).topology.all, group)}`,
    active: (p) => (p.maxPartitions as number) > 0,
  };
}

/** `heal`: the partition ends. */
export function healAction(rt: RuntimeOf): ActorActionDef<readonly NodeId[]> {
  return {
    doc: "The partition heals.",
    over: (s) => (s.partition ? [s.partition] : []),
    do: (draft) => {
      (draft as unknown as MutableState).partition = null;
    },
    label: (group, p) => `heal ${formatPartition(rt(p).topology.all, group)}`,
    active: (p) => (p.maxPartitions as number) > 0,
  };
}
