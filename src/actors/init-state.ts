/**
 * The initial global state: every node's `init`, then every honest node's `onStart` (in node
 * order, inside one immer `produce`), with an empty network. Framework fields exist only when
 * the run can use them (timers when a kind has timers, `crashed` when crashes are possible,
 * ...): an absent field costs nothing to hash and keeps traces free of noise.
 */

import { describeThrown, SpecError } from "../errors.js";
import { applyRecipe } from "../spec/draft.js";
import { isPlainObject } from "../state/plain-data.js";
import type { FrozenState, MutableState } from "./network.js";
import { runHandler } from "./run-handler.js";
import type { KindInfo, Runtime } from "./runtime.js";
import type { NodeId } from "./types.js";

/** Calls a kind's `init` and checks it returned a plain object. */
export function nodeInit(rt: Runtime, kind: KindInfo, id: NodeId): Record<string, unknown> {
  const spec = `spec "${rt.statics.spec}"`;
  let s: unknown;
  try {
    s = kind.def.init(id, rt.params);
  } catch (e) {
    const where = `init of kind "${kind.name}" (node ${id})`;
    throw new SpecError("SPC-S002", `${spec}: ${where} threw ${describeThrown(e)}`, [], { cause: e });
  }
  if (s === null || typeof s !== "object" || Array.isArray(s) || !isPlainObject(s))
    throw new SpecError(
      "SPC-S001",
      `${spec}: init of kind "${kind.name}" must return a plain object (a node's local state)`,
    );
  for (const field of kind.durable)
    if (!(field in s))
      throw new SpecError(
        "SPC-S001",
        `${spec}: durable field "${field}" of kind "${kind.name}" is not in its state (${Object.keys(s).join(", ")})`,
      );
  return s as Record<string, unknown>;
}

function startAll(d: MutableState, rt: Runtime): void {
  for (const id of rt.topology.all) {
    const onStart = rt.kindOf(id).def.onStart;
    if (onStart && !rt.topology.byzantine.has(id))
      runHandler(d, rt, id, "onStart", (s, ctx) => onStart(s, ctx));
  }
}

/** Builds the initial global state for a runtime. */
export function initialState(rt: Runtime): FrozenState {
  const nodes: MutableState["nodes"] = {};
  for (const kind of rt.statics.kinds) {
    const group: Record<NodeId, Record<string, unknown>> = {};
    for (const id of rt.topology.byKind[kind.name]!) group[id] = nodeInit(rt, kind, id);
    nodes[kind.name] = group;
  }
  const base: MutableState = { nodes, net: new Map() };
  if (rt.statics.hasTimers) base.timers = new Set();
  if (rt.max.crashes > 0) base.crashed = new Set();
  if (rt.max.partitions > 0) base.partition = null;
  if (rt.counted.size > 0) base.faults = Object.fromEntries([...rt.counted].map((f) => [f, 0]));
  if (rt.statics.history) base.history = [];
  return applyRecipe(base, (d) => startAll(d as unknown as MutableState, rt), undefined, rt.params);
}
