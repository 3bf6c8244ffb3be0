/**
 * The explorer actions that move messages and fire timers: `deliver`, `timer`, and the network
 * faults `drop` and `duplicate`. Argument domains are computed from the frozen state and
 * contain only steps that can happen (nothing is enumerated and then refused by `when`), and
 * each lists one argument per distinct outcome: one delivery per distinct message however many
 * copies are in flight, one drop per distinct queue entry.
 */

import type { ActorActionDef, RawParams } from "./action-def.js";
import { formatEnvelope } from "./format-message.js";
import {
  anyInFlight,
  copyMessage,
  deliverable,
  type FrozenState,
  type MutableState,
  takeMessage,
} from "./network.js";
import { runHandler } from "./run-handler.js";
import type { Runtime } from "./runtime.js";
import { fireableTimers, timerKey } from "./timers.js";
import type { FaultCounts, QueuedEnvelope, TimerRef } from "./types.js";

/** From params to their runtime. */
export type RuntimeOf = (params: RawParams) => Runtime;

/** Faults of a kind used so far (0 when not counted). */
export function used(s: FrozenState, fault: keyof FaultCounts): number {
  return s.faults?.[fault] ?? 0;
}

/** Counts one use of a budgeted fault (unbounded switches such as `lossy` are not counted). */
export function countFault(d: MutableState, rt: Runtime, fault: keyof FaultCounts): void {
  if (rt.counted.has(fault)) d.faults![fault] = (d.faults![fault] ?? 0) + 1;
}

/** `deliver`: the receiver runs its handler for the message. */
export function deliverAction(rt: RuntimeOf): ActorActionDef<QueuedEnvelope> {
  return {
    doc: "The network delivers an in-flight message; its receiver runs onMessage for the message's type.",
    over: (s, p) => deliverable(s, rt(p)),
    do: (draft, env, p) => {
      const r = rt(p);
      const d = draft as unknown as MutableState;
      if (!r.duplicating) takeMessage(d, r, env);
      const handler = r.kindOf(env.to).def.onMessage![env.msg.type]!;
      runHandler(d, r, env.to, `onMessage.${env.msg.type}`, (s, ctx) => handler(s, env.msg, ctx), env.from);
    },
    label: (env) => `deliver ${formatEnvelope(env)}`,
    active: () => true,
  };
}

/** `timer`: an armed timer fires (it is disarmed first; the handler may arm it again). */
export function timerAction(rt: RuntimeOf, hasTimers: boolean): ActorActionDef<TimerRef> {
  return {
    doc: "An armed timer fires at a node that is up.",
    over: (s) => fireableTimers(s),
    do: (draft, t, p) => {
      const r = rt(p);
      const d = draft as unknown as MutableState;
      d.timers!.delete(timerKey(t.node, t.timer));
      const handler = r.kindOf(t.node).def.onTimer![t.timer]!;
      runHandler(d, r, t.node, `onTimer.${t.timer}`, (s, ctx) => handler(s, ctx));
    },
    label: (t) => `timer ${t.timer} fires at ${t.node}`,
    active: () => hasTimers,
  };
}

/** `drop`: the network loses one copy of a message. */
export function dropAction(rt: RuntimeOf): ActorActionDef<QueuedEnvelope> {
  return {
    doc: "The network loses an in-flight message (lossy, or within the maxDrops budget).",
    over: (s, p) => {
      const r = rt(p);
      return r.lossy || used(s, "drops") < r.max.drops ? anyInFlight(s, r) : [];
    },
    do: (draft, env, p) => {
      const r = rt(p);
      const d = draft as unknown as MutableState;
      takeMessage(d, r, env);
      countFault(d, r, "drops");
    },
    label: (env) => `drop ${formatEnvelope(env)}`,
    active: (p) => p.lossy === true || (p.maxDrops as number) > 0,
  };
}

/** `duplicate`: the network makes one more copy of a message. */
export function duplicateAction(rt: RuntimeOf): ActorActionDef<QueuedEnvelope> {
  return {
    doc: "The network duplicates an in-flight message (within the maxDuplicates budget).",
    over: (s, p) => {
      const r = rt(p);
      return !r.duplicating && used(s, "duplicates") < r.max.duplicates ? anyInFlight(s, r) : [];
    },
    do: (draft, env, p) => {
      const r = rt(p);
      const d = draft as unknown as MutableState;
      copyMessage(d, r, env);
      countFault(d, r, "duplicates");
    },
    label: (env) => `duplicate ${formatEnvelope(env)}`,
    active: (p) => p.duplicating !== true && (p.maxDuplicates as number) > 0,
  };
}
