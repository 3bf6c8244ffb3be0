/**
 * Byzantine nodes. A Byzantine node runs none of its handlers; instead, at any step, it may send
 * any message its kind's `byzantine` generator lists for the current state — different messages
 * to different nodes included (equivocation). The generator sees the whole global state (an
 * omniscient adversary), so messages addressed to a Byzantine node are never put in flight:
 * its behaviour cannot depend on them, and dropping them keeps them out of the state space.
 *
 * To keep the state space finite, a forged message is offered only while no identical copy of
 * it is in flight: the adversary can replay a message after it has been received (a real attack,
 * caught the same way), but cannot pile up copies without bound.
 */

import { describeThrown, isSpecterError, SpecError } from "../errors.js";
import type { ActorActionDef } from "./action-def.js";
import { CONTEXT_MISUSE } from "./codes.js";
import { formatEnvelope } from "./format-message.js";
import type { RuntimeOf } from "./message-actions.js";
import { envelopeText, MessageFormatError, messageText, parseEnvelope } from "./message-text.js";
import { type FrozenState, isInFlight, type MutableState, putMessage } from "./network.js";
import type { Runtime } from "./runtime.js";
import type { Envelope, NodeId, Outgoing } from "./types.js";

function generate(rt: Runtime, s: FrozenState, id: NodeId): readonly Outgoing[] {
  const kind = rt.kindOf(id);
  const where = `byzantine generator of kind "${kind.name}" at ${id}`;
  let out: unknown;
  try {
    out = kind.def.byzantine!({ self: id, state: s, nodes: rt.topology.directory, params: rt.params });
  } catch (e) {
    if (isSpecterError(e)) throw e;
    throw new SpecError("SPC-S002", `spec "${rt.statics.spec}": ${where} threw ${describeThrown(e)}`, [], {
      cause: e,
    });
  }
  if (!Array.isArray(out))
    throw new SpecError(
      CONTEXT_MISUSE,
      `spec "${rt.statics.spec}": ${where} must return an array of { to, msg }`,
    );
  return out;
}

function checkedText(rt: Runtime, id: NodeId, o: Outgoing): string {
  const bad = (what: string): never => {
    throw new SpecError(CONTEXT_MISUSE, `spec "${rt.statics.spec}": byzantine generator at ${id}: ${what}`);
  };
  if (!rt.topology.kindOf.has(o?.to)) bad(`unknown destination ${JSON.stringify(o?.to)}`);
  let text = "";
  try {
    text = messageText(o.msg);
  } catch (e) {
    if (e instanceof MessageFormatError) bad(`cannot send this message: ${e.message}`);
    throw e;
  }
  if (!rt.kindOf(o.to).handles.has(o.msg.type))
    bad(`kind "${rt.kindOf(o.to).name}" (${o.to}) has no onMessage.${o.msg.type} handler`);
  return text;
}

/** The messages the Byzantine nodes may send now, once each. */
function forgeries(rt: Runtime, s: FrozenState): Envelope[] {
  const out: Envelope[] = [];
  const seen = new Set<string>();
  for (const id of rt.topology.byzantine) {
    for (const o of generate(rt, s, id)) {
      const text = checkedText(rt, id, o);
      if (rt.topology.byzantine.has(o.to) || isInFlight(s, rt, id, o.to, text)) continue;
      const key = envelopeText(id, o.to, text);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(parseEnvelope(key));
    }
  }
  return out;
}

/** `byzantine`: a Byzantine node sends a message of its choice. */
export function byzantineAction(rt: RuntimeOf): ActorActionDef<Envelope> {
  return {
    doc: "A Byzantine node sends any message its kind's generator allows (within the byzantine param).",
    over: (s, p) => {
      const r = rt(p);
      return r.topology.byzantine.size > 0 ? forgeries(r, s) : [];
    },
    do: (draft, env, p) =>
      putMessage(draft as unknown as MutableState, rt(p), env.from, env.to, messageText(env.msg)),
    label: (env) => `byzantine send ${formatEnvelope(env)}`,
    active: (p) => (p.byzantine as number) > 0,
  };
}
