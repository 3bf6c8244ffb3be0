/**
 * How messages and steps read in traces: `RequestVote(candidate n1, term 2)`,
 * `deliver RequestVote(term 2) n1 -> n3`, `partition {n1} | {n2, n3}`. These are for people,
 * so they drop quotes around simple strings (a label never needs to be parsed back; the step's
 * argument keeps the exact value for replay and for drawing message-sequence charts).
 */

import type { Message, NodeId } from "./types.js";

const BARE = /^[\w.:/-]+$/;

function valueLabel(v: unknown): string {
  if (typeof v === "string") return BARE.test(v) ? v : JSON.stringify(v);
  if (v === null || typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map(valueLabel).join(", ")}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, e]) => e !== undefined);
  return `{${entries.map(([k, e]) => `${k}: ${valueLabel(e)}`).join(", ")}}`;
}

/**
 * A message for a step label: its type, then its fields as `name value`.
 *
 * @example
 * formatMessage({ type: "RequestVote", term: 2 }); // "RequestVote(term 2)"
 * formatMessage({ type: "Ping" }); // "Ping"
 */
export function formatMessage(msg: Message): string {
  const fields = Object.entries(msg).filter(([k, v]) => k !== "type" && v !== undefined);
  if (fields.length === 0) return msg.type;
  return `${msg.type}(${fields.map(([k, v]) => `${k} ${valueLabel(v)}`).join(", ")})`;
}

/** `RequestVote(term 2) n1 -> n3`. */
export function formatEnvelope(env: {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly msg: Message;
}): string {
  return `${formatMessage(env.msg)} ${env.from} -> ${env.to}`;
}

/** `{n1} | {n2, n3}`: the side with the first node, then the side cut off from it. */
export function formatPartition(all: readonly NodeId[], cut: readonly NodeId[]): string {
  const rest = all.filter((n) => !cut.includes(n));
  return `{${rest.join(", ")}} | {${cut.join(", ")}}`;
}
