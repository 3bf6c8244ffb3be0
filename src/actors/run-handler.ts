/**
 * Runs one handler at one node inside the step's single immer `produce`: the handler gets the
 * draft of its node's own state and a recording context; afterwards the recorded effects
 * (sends, timers, history events) are applied to the global draft.
 *
 * Under `paranoid` the handler also runs a second time, on a plain copy of the same input with
 * a fresh context, and the two (state, effects) results must have the same fingerprint; this
 * finds Math.random, Date.now and module-level state in handlers at the step that uses them,
 * instead of as a confusing replay failure later. Errors thrown by user code are re-thrown
 * as `SpecError`s naming the handler and the node.
 */

import { describeThrown, isSpecterError, SpecError } from "../errors.js";
import { fingerprint } from "../state/fingerprint.js";
import { formatValue } from "../state/format-value.js";
import { FROZEN_MUTATION, NONDETERMINISTIC_HANDLER } from "./codes.js";
import { type Effect, HandlerContext } from "./context.js";
import { openOperation } from "./history.js";
import { type MutableState, putMessage } from "./network.js";
import { plainCopy } from "./plain-copy.js";
import type { Runtime } from "./runtime.js";
import { timerKey } from "./timers.js";
import type { NodeId } from "./types.js";

/** A handler call with its input bound: `(state, ctx) => handler(state, msg, ctx)`. */
export type HandlerBody = (state: Record<string, unknown>, ctx: HandlerContext) => void;

const FROZEN_HINTS = [
  "read only",
  "read-only",
  "not extensible",
  "Cannot assign",
  "Cannot add property",
  "Cannot delete",
];

function call(rt: Runtime, id: NodeId, where: string, run: () => void): void {
  try {
    run();
  } catch (e) {
    if (isSpecterError(e)) throw e;
    const spec = `spec "${rt.statics.spec}"`;
    if (e instanceof TypeError && FROZEN_HINTS.some((h) => e.message.includes(h)))
      throw new SpecError(
        FROZEN_MUTATION,
        `${spec}: ${where} at ${id} mutated a frozen value (${e.message}). A handler may change only its own state; ` +
          "received messages, params and the state a Byzantine generator sees are frozen (and, with paranoid, messages already sent): " +
          "copy before changing, e.g. `{ ...msg, term: 2 }`",
        [],
        { cause: e },
      );
    throw new SpecError("SPC-S002", `${spec}: ${where} at ${id} threw ${describeThrown(e)}`, [], {
      cause: e,
    });
  }
}

/** Applies a handler's effects to the global draft, in the order the handler asked for them. */
export function applyEffects(d: MutableState, rt: Runtime, id: NodeId, effects: readonly Effect[]): void {
  for (const e of effects) {
    switch (e.op) {
      case "send":
        // A Byzantine node ignores its inputs (its generator sees the whole state instead).
        if (!rt.topology.byzantine.has(e.to)) putMessage(d, rt, id, e.to, e.text);
        break;
      case "setTimer":
        d.timers!.add(timerKey(id, e.timer));
        break;
      case "cancelTimer":
        d.timers!.delete(timerKey(id, e.timer));
        break;
      case "history": {
        const history = d.history!;
        history.push(e.event.f === "" ? { ...e.event, f: openOperation(history, id) } : e.event);
      }
    }
  }
}

function runTwice(
  rt: Runtime,
  id: NodeId,
  where: string,
  node: Record<string, unknown>,
  body: HandlerBody,
  from: NodeId,
): Effect[] {
  const info = rt.kindOf(id);
  const input = plainCopy(node);
  const first = new HandlerContext(rt, info, id, where, from);
  call(rt, id, where, () => body(node, first));
  const second = new HandlerContext(rt, info, id, where, from);
  call(rt, id, where, () => body(input, second));
  const a = [plainCopy(node), first.effects];
  const b = [input, second.effects];
  if (fingerprint(a) !== fingerprint(b))
    throw new SpecError(
      NONDETERMINISTIC_HANDLER,
      `spec "${rt.statics.spec}": ${where} at ${id} is nondeterministic: two runs from the same state and input differ. ` +
        "Look for Math.random, Date.now, module-level mutable state, or iteration over a Map/Set whose order depends on how it was built",
      [`first run:  ${formatValue(a, 400)}`, `second run: ${formatValue(b, 400)}`],
    );
  return first.effects;
}

/**
 * Runs `body` as node `id`'s handler `where` on the global draft `d`.
 *
 * @example
 * runHandler(d, rt, "n1", "onMessage.Ping", (s, ctx) => kind.onMessage.Ping(s, msg, ctx));
 */
export function runHandler(
  d: MutableState,
  rt: Runtime,
  id: NodeId,
  where: string,
  body: HandlerBody,
  from: NodeId = "",
): void {
  const info = rt.kindOf(id);
  const node = d.nodes[info.name]![id]!;
  if (rt.paranoid) {
    applyEffects(d, rt, id, runTwice(rt, id, where, node, body, from));
    return;
  }
  const ctx = new HandlerContext(rt, info, id, where, from);
  call(rt, id, where, () => body(node, ctx));
  applyEffects(d, rt, id, ctx.effects);
}
