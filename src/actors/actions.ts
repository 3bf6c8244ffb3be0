/**
 * The explorer actions of every actor spec, in a fixed order (an action's position is part of
 * a step's identity in traces): deliver, timer, then the faults. Every action exists in every
 * actor spec so that any fault can be switched on from the command line; `active` tells which
 * ones can happen under the current params.
 */

import type { ActorActionDef } from "./action-def.js";
import { byzantineAction } from "./byzantine.js";
import {
  deliverAction,
  dropAction,
  duplicateAction,
  type RuntimeOf,
  timerAction,
} from "./message-actions.js";
import { crashAction, healAction, partitionAction, restartAction } from "./node-faults.js";

/** The names of the actions, in order. */
export const ACTOR_ACTIONS = [
  "deliver",
  "timer",
  "drop",
  "duplicate",
  "crash",
  "restart",
  "partition",
  "heal",
  "byzantine",
] as const;

/** Builds the actions for a spec whose kinds do (or do not) have timers. */
export function actorActions(
  rt: RuntimeOf,
  hasTimers: boolean,
): Record<(typeof ACTOR_ACTIONS)[number], ActorActionDef> {
  return {
    deliver: deliverAction(rt),
    timer: timerAction(rt, hasTimers),
    drop: dropAction(rt),
    duplicate: duplicateAction(rt),
    crash: crashAction(rt),
    restart: restartAction(rt),
    partition: partitionAction(rt),
    heal: healAction(rt),
    byzantine: byzantineAction(rt),
  };
}
