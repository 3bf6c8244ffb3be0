/**
 * `defineActors`: a protocol as message-passing nodes over a faulty network, compiled to an
 * ordinary `defineSpec` definition. Engines, renderers and CLI commands see a plain spec whose
 * actions are the network's and the faults' (deliver, timer, drop, duplicate, crash, restart,
 * partition, heal, byzantine) and whose state is the `ActorState` the framework owns.
 */

import { defineSpec, type Spec } from "../spec/define-spec.js";
import type { ParamDefs, SpecDefinition } from "../spec/types.js";
import { actorActions } from "./actions.js";
import { analyse } from "./analyse.js";
import { initialState } from "./init-state.js";
import { layerParams } from "./layer-params.js";
import { runtimeCache } from "./runtime.js";
import type { ActorState, ActorsDefinition, Message } from "./types.js";

/**
 * Defines a spec as actors: node kinds with local state and handlers, a network and faults.
 *
 * @example
 * type Msg = { type: "Ping" } | { type: "Pong" };
 * export default defineActors({
 *   name: "hello",
 *   messages: {} as Msg,
 *   nodes: {
 *     client: {
 *       count: 1,
 *       init: () => ({ pongs: 0 }),
 *       onStart: (_s, ctx) => ctx.send("s1", { type: "Ping" }),
 *       onMessage: { Pong: (s) => { s.pongs++; } },
 *     },
 *     server: {
 *       count: 1,
 *       init: () => ({}),
 *       onMessage: { Ping: (_s, m, ctx) => ctx.send("c1", { type: "Pong" }) },
 *     },
 *   },
 *   invariants: { atMostOnePong: (s) => Object.values(s.nodes.client).every((c) => c.pongs <= 1) },
 *   witnesses: { ponged: (s) => s.nodes.client.c1?.pongs === 1 },
 * });
 */
export function defineActors<M extends Message, N, D extends ParamDefs = Record<never, never>>(
  def: ActorsDefinition<M, N, D>,
): Spec<ActorState<N, M>> {
  const statics = analyse(def);
  const runtime = runtimeCache(statics);
  const definition = {
    name: def.name,
    summary: def.summary,
    params: { ...def.params, ...layerParams(def.network, def.faults, def.paranoid) },
    init: (params) => initialState(runtime(params)),
    actions: actorActions(runtime, statics.hasTimers),
    invariants: def.invariants,
    actionInvariants: def.actionInvariants,
    properties: def.properties,
    fairness: def.fairness,
    witnesses: def.witnesses,
    constraint: def.constraint,
    view: def.view,
    deadlock: def.deadlock ?? false,
    bugs: def.bugs,
  } as SpecDefinition<unknown, ParamDefs>;
  return defineSpec(definition) as Spec<ActorState<N, M>>;
}
