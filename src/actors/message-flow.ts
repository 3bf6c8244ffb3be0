/**
 * The message flow of a trace of an actor spec: each message copy with the step that sent it
 * and the steps that delivered or dropped it, plus the node and link events (timers, crashes,
 * restarts, partitions) — what a message-sequence chart draws.
 *
 * In-flight copies carry no identity in the state, on purpose: tagging each copy with the step
 * that sent it would split states that differ only in when an identical message was sent (and
 * make every retry loop infinite), and would defeat the one-delivery-per-distinct-message
 * reduction. Identity is recovered here instead, from consecutive states: what a step added to
 * the network was sent by it (the sender is in the envelope), and a delivery or drop takes the
 * oldest matching copy. For FIFO queues this is exact; in a bag identical copies cannot be told
 * apart by any property, so oldest-first is as true as any other matching, and the natural one
 * to draw.
 */

import { envelopeText, linkKey, messageText, parseEnvelope, parseLink } from "./message-text.js";
import type { Envelope, Message, NodeId, QueuedEnvelope, TimerRef } from "./types.js";

/** One message copy, from its send to its fate. */
export interface MessageCopy<M extends Message = Message> extends Envelope<M> {
  readonly id: number;
  /** The step that sent it (0: the initial state, i.e. an `onStart`). */
  readonly sentAt: number;
  /** Sent by a Byzantine node's generator. */
  readonly forged: boolean;
  /** For a copy made by the `duplicate` fault: the copy it duplicates. */
  readonly duplicateOf?: number;
  /** Steps that delivered it (more than one on a duplicating network). */
  readonly deliveredAt: number[];
  readonly droppedAt?: number;
}

/** A step that is not about one message. */
export type FlowEvent =
  | { readonly step: number; readonly kind: "timer"; readonly node: NodeId; readonly timer: string }
  | { readonly step: number; readonly kind: "crash" | "restart"; readonly node: NodeId }
  | { readonly step: number; readonly kind: "partition" | "heal"; readonly cut: readonly NodeId[] };

/** What `messageFlow` returns. */
export interface MessageFlow<M extends Message = Message> {
  readonly messages: MessageCopy<M>[];
  readonly events: FlowEvent[];
}

/** The part of a trace this needs (a `Trace` of an actor spec fits). */
export interface FlowTrace {
  readonly params: Readonly<Record<string, unknown>>;
  readonly steps: readonly { readonly action: string; readonly arg: unknown; readonly state: unknown }[];
}

type Net = ReadonlyMap<string, number | readonly string[]>;
type Copy = { -readonly [K in keyof MessageCopy]: MessageCopy[K] };

/** The network as a list of envelope texts per queue: a bag is one "queue" per distinct text. */
function queues(net: Net): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, v] of net) {
    if (typeof v === "number") out.set(key, Array<string>(v).fill(key));
    else {
      const [from, to] = parseLink(key);
      out.set(
        key,
        v.map((text) => envelopeText(from, to, text)),
      );
    }
  }
  return out;
}

class FlowBuilder {
  readonly messages: Copy[] = [];
  /** Copy ids in flight, mirroring the network's queues. */
  private readonly live = new Map<string, number[]>();

  constructor(private readonly ordered: boolean) {}

  queueOf(env: Envelope): number[] {
    const key = this.ordered ? linkKey(env.from, env.to) : textOf(env);
    let q = this.live.get(key);
    if (!q) this.live.set(key, (q = []));
    return q;
  }

  send(text: string, step: number, forged: boolean, duplicateOf?: number): number {
    const env = parseEnvelope(text);
    const id = this.messages.length;
    this.messages.push({
      ...env,
      id,
      sentAt: step,
      forged,
      deliveredAt: [],
      ...(duplicateOf === undefined ? {} : { duplicateOf }),
    });
    return id;
  }

  /** Applies a delivery, drop or duplication to the copy it names (the oldest matching one). */
  consume(action: string, arg: QueuedEnvelope, step: number, keep: boolean): void {
    const q = this.queueOf(arg);
    const at = this.ordered ? (arg.at ?? 0) : 0;
    const id = q[at];
    if (id === undefined) return;
    const copy = this.messages[id]!;
    if (action === "deliver") copy.deliveredAt.push(step);
    if (action === "drop") copy.droppedAt = step;
    if (action === "duplicate") {
      // A FIFO copy sits right behind its original; in a bag, copies are taken oldest first.
      const dup = this.send(textOf(copy), step, false, id);
      if (this.ordered) q.splice(at + 1, 0, dup);
      else q.push(dup);
    } else if (!keep) q.splice(at, 1);
  }

  /** Registers as sent whatever the network holds beyond the copies already known. */
  sendNew(after: Map<string, string[]>, step: number, forged: boolean): void {
    for (const [key, texts] of after) {
      let q = this.live.get(key);
      if (!q) this.live.set(key, (q = []));
      for (let i = q.length; i < texts.length; i++) q.push(this.send(texts[i]!, step, forged));
    }
  }
}

function textOf(env: Envelope): string {
  return envelopeText(env.from, env.to, messageText(env.msg));
}

/**
 * Recovers the message flow of a trace of an actor spec.
 *
 * @example
 * const flow = messageFlow(result.violations[0].trace);
 * flow.messages[0]; // { id: 0, from: "p1", to: "q1", msg: { type: "Ping", seq: 1 }, sentAt: 0, deliveredAt: [1], ... }
 */
export function messageFlow<M extends Message = Message>(trace: FlowTrace): MessageFlow<M> {
  const ordered = trace.params.network === "ordered";
  const keep = trace.params.duplicating === true;
  const flow = new FlowBuilder(ordered);
  const events: FlowEvent[] = [];
  trace.steps.forEach((step, i) => {
    const after = queues((step.state as { net: Net }).net);
    if (i > 0) noteStep(flow, events, step.action, step.arg, i, keep);
    flow.sendNew(after, i, step.action === "byzantine");
  });
  return { messages: flow.messages as MessageCopy<M>[], events };
}

function noteStep(
  flow: FlowBuilder,
  events: FlowEvent[],
  action: string,
  arg: unknown,
  step: number,
  keep: boolean,
): void {
  switch (action) {
    case "deliver":
    case "drop":
    case "duplicate":
      flow.consume(action, arg as QueuedEnvelope, step, action === "deliver" && keep);
      return;
    case "timer": {
      const t = arg as TimerRef;
      events.push({ step, kind: "timer", node: t.node, timer: t.timer });
      return;
    }
    case "crash":
    case "restart":
      events.push({ step, kind: action, node: arg as NodeId });
      return;
    case "partition":
    case "heal":
      events.push({ step, kind: action, cut: arg as readonly NodeId[] });
  }
}
