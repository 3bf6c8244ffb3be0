/**
 * The network: in-flight messages in one canonical form per semantics.
 *
 * - unordered: a bag, `Map<envelope text, copies>`. Map fingerprints ignore insertion order and
 *   the key is canonical, so two states that differ only in the order messages were sent are
 *   one state; identical copies are one entry, so they give one delivery (not one per copy).
 * - ordered: FIFO per directed pair, `Map<"from->to", message texts[]>`; only a queue's head
 *   can be delivered. Empty queues are deleted, so "no queue" and "empty queue" are one state.
 *
 * Readers run on frozen states, so the sorted entry list of a `net` is cached per `Map` object:
 * immer shares the `net` of every state whose step did not touch the network (a timer firing,
 * a crash), and those states then enumerate deliveries without re-sorting or re-parsing.
 */

import {
  envelopeText,
  linkKey,
  parseEnvelope,
  parseLink,
  parseMessage,
  textOfEnvelope,
} from "./message-text.js";
import type { Runtime } from "./runtime.js";
import type { ActorHistoryEvent, Envelope, FaultCounts, InFlight, NodeId, QueuedEnvelope } from "./types.js";

/** The global state as the framework's own code mutates it (an immer draft). */
export interface MutableState {
  nodes: Record<string, Record<NodeId, Record<string, unknown>>>;
  net: Map<string, number | string[]>;
  timers?: Set<string>;
  crashed?: Set<NodeId>;
  partition?: readonly NodeId[] | null;
  faults?: Partial<Record<keyof FaultCounts, number>>;
  history?: ActorHistoryEvent[];
}

/** The global state as readers see it. */
export type FrozenState = Readonly<MutableState>;

type Net = ReadonlyMap<string, number | readonly string[]>;

/** One distinct message of a bag. */
export interface BagEntry {
  readonly text: string;
  readonly env: Envelope;
  readonly copies: number;
}

/** One non-empty FIFO queue. */
export interface LinkEntry {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly queue: readonly string[];
}

const bagCache = new WeakMap<Net, readonly BagEntry[]>();
const linkCache = new WeakMap<Net, readonly LinkEntry[]>();

const byText = (a: { text: string }, b: { text: string }) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);

/** The distinct messages of a bag network, sorted by text. */
export function bagEntries(net: Net): readonly BagEntry[] {
  let out = bagCache.get(net);
  if (!out) {
    const list: BagEntry[] = [];
    for (const [text, copies] of net) list.push({ text, env: parseEnvelope(text), copies: copies as number });
    out = list.sort(byText);
    bagCache.set(net, out);
  }
  return out;
}

/** The non-empty queues of an ordered network, sorted by link. */
export function linkEntries(net: Net): readonly LinkEntry[] {
  let out = linkCache.get(net);
  if (!out) {
    const list = [...net.keys()].sort().map((link) => {
      const [from, to] = parseLink(link);
      return { from, to, queue: net.get(link) as readonly string[] };
    });
    out = list;
    linkCache.set(net, out);
  }
  return out;
}

/** Whether a message from `from` can reach `to` now: `to` is up and no partition cuts the link. */
export function canDeliver(s: FrozenState, from: NodeId, to: NodeId): boolean {
  if (s.crashed?.has(to)) return false;
  const cut = s.partition;
  return !cut || cut.includes(from) === cut.includes(to);
}

/** The messages the explorer may deliver now: one per distinct message (bag) or per queue head. */
export function deliverable(s: FrozenState, rt: Runtime): Envelope[] {
  const out: Envelope[] = [];
  if (!rt.ordered) {
    for (const e of bagEntries(s.net)) if (canDeliver(s, e.env.from, e.env.to)) out.push(e.env);
    return out;
  }
  for (const l of linkEntries(s.net))
    if (canDeliver(s, l.from, l.to)) out.push({ from: l.from, to: l.to, msg: parseMessage(l.queue[0]!) });
  return out;
}

/**
 * Every in-flight message once, for drop and duplicate: a bag's distinct messages, or each
 * queue position except one holding the same message as the position before it (dropping or
 * copying either of two equal neighbours gives the same queue).
 */
export function anyInFlight(s: FrozenState, rt: Runtime): QueuedEnvelope[] {
  if (!rt.ordered) return bagEntries(s.net).map((e) => e.env);
  const out: QueuedEnvelope[] = [];
  for (const l of linkEntries(s.net))
    l.queue.forEach((text, at) => {
      if (at === 0 || l.queue[at - 1] !== text)
        out.push({ from: l.from, to: l.to, msg: parseMessage(text), at });
    });
  return out;
}

/** Puts one message in flight (a duplicating network keeps one copy: it is a set). */
export function putMessage(d: MutableState, rt: Runtime, from: NodeId, to: NodeId, text: string): void {
  if (rt.ordered) {
    const link = linkKey(from, to);
    const q = d.net.get(link) as string[] | undefined;
    if (q) q.push(text);
    else d.net.set(link, [text]);
    return;
  }
  const key = envelopeText(from, to, text);
  const n = (d.net.get(key) as number | undefined) ?? 0;
  if (rt.duplicating && n > 0) return;
  d.net.set(key, n + 1);
}

/** Removes one copy of a message (a bag), or the message at its queue position (default: the head). */
export function takeMessage(d: MutableState, rt: Runtime, env: QueuedEnvelope): void {
  if (rt.ordered) {
    const key = linkKey(env.from, env.to);
    const q = d.net.get(key) as string[];
    if (q.length === 1) d.net.delete(key);
    else q.splice(env.at ?? 0, 1);
    return;
  }
  const text = textOfEnvelope(env);
  const n = d.net.get(text) as number;
  if (n <= 1) d.net.delete(text);
  else d.net.set(text, n - 1);
}

/** Adds a copy of an in-flight message (in a queue: right behind the original). */
export function copyMessage(d: MutableState, rt: Runtime, env: QueuedEnvelope): void {
  if (rt.ordered) {
    const q = d.net.get(linkKey(env.from, env.to)) as string[];
    q.splice((env.at ?? 0) + 1, 0, q[env.at ?? 0]!);
    return;
  }
  const text = textOfEnvelope(env);
  d.net.set(text, (d.net.get(text) as number) + 1);
}

/** Whether a message is in flight (for the Byzantine guard: no second copy of a forged message). */
export function isInFlight(s: FrozenState, rt: Runtime, from: NodeId, to: NodeId, text: string): boolean {
  if (!rt.ordered) return s.net.has(envelopeText(from, to, text));
  const q = s.net.get(linkKey(from, to)) as readonly string[] | undefined;
  return q?.includes(text) === true;
}

/** Decodes a network into a list of in-flight messages (a bag sorted by text; queues in order). */
export function decodeNet(net: Net): InFlight[] {
  const first = net.values().next();
  if (first.done) return [];
  if (typeof first.value === "number") return bagEntries(net).map((e) => ({ ...e.env, copies: e.copies }));
  const out: InFlight[] = [];
  for (const l of linkEntries(net))
    for (const text of l.queue) out.push({ from: l.from, to: l.to, msg: parseMessage(text), copies: 1 });
  return out;
}
