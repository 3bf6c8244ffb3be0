/**
 * The shape of the explorer actions the actor layer generates: an ordinary `ActionDef` with its
 * `label` always given (a step reads "deliver Ping(seq 1) p1 -> q1", not a dump of its argument)
 * and one field the spec layer does not read yet: `active`, whether the action can happen at all
 * under these params, so that a fault switched off is not reported as "never enabled" (see the
 * proposed change in docs/guide/actors.md, "For maintainers").
 */

import type { ActionDef, ParamValue } from "../spec/types.js";
import type { FrozenState } from "./network.js";

/** Params as the spec layer hands them to actions. */
export type RawParams = Readonly<Record<string, ParamValue>>;

/** An action of an actor spec. */
// biome-ignore lint/suspicious/noExplicitAny: each action has its own argument type.
export interface ActorActionDef<A = any> extends ActionDef<FrozenState, RawParams, A> {
  /** The step's label in traces. */
  readonly label: (arg: A, params: RawParams) => string;
  /** Whether the action exists under these params. */
  readonly active: (params: RawParams) => boolean;
}
