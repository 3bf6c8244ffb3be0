/**
 * Messages live in the global state as canonical text, e.g. `RequestVote{candidate: 'n1', term: 2}`.
 * The text is a function of the message's value only (object keys sorted, the `type` first), so
 * equal messages built in different ways are one string, and a network can be a `Map` from
 * text to a count of copies: a multiset with one canonical form, whose fingerprint does not
 * depend on the order in which messages were sent. Text is also a snapshot: a handler that
 * sends part of its draft and then changes it does not change the message.
 *
 * Trade-off: messages are restricted to JSON-like values (objects, arrays, strings, finite
 * numbers, booleans, null), which is what goes on a wire anyway; a Set or Map in a message is
 * refused with the fix. Strings are single-quoted so that keys stay readable when trace diffs
 * print them inside double quotes. Decoding is memoised (texts are immutable, decoding is pure),
 * so the hot loop parses each distinct message once per process.
 */

import type { Envelope, Message, NodeId } from "./types.js";

/** Thrown by the codec; callers add where the message came from. */
export class MessageFormatError extends Error {
  override readonly name = "MessageFormatError";
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const MAX_DEPTH = 64;
const CACHE_LIMIT = 1 << 16;

function quote(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function keyText(k: string): string {
  return IDENT.test(k) ? k : quote(k);
}

function fieldsText(obj: Record<string, unknown>, skipType: boolean, path: string, depth: number): string {
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined && !(skipType && k === "type"))
    .sort();
  const parts = keys.map((k) => `${keyText(k)}: ${valueText(obj[k], `${path}.${k}`, depth + 1)}`);
  return `{${parts.join(", ")}}`;
}

function valueText(v: unknown, path: string, depth: number): string {
  if (depth > MAX_DEPTH) throw new MessageFormatError(`${path}: nested too deeply (a cycle?)`);
  switch (typeof v) {
    case "string":
      return quote(v);
    case "number":
      if (!Number.isFinite(v)) throw new MessageFormatError(`${path} is ${v}; use a finite number or null`);
      return Object.is(v, -0) ? "0" : String(v);
    case "boolean":
      return String(v);
    case "object":
      break;
    default:
      throw new MessageFormatError(
        `${path} is ${v === undefined ? "undefined" : `a ${typeof v}`}; messages are JSON-like data`,
      );
  }
  if (v === null) return "null";
  if (Array.isArray(v)) return `[${v.map((e, i) => valueText(e, `${path}[${i}]`, depth + 1)).join(", ")}]`;
  const proto = Object.getPrototypeOf(v);
  if (v instanceof Set || v instanceof Map)
    throw new MessageFormatError(
      `${path} is a ${v instanceof Set ? "Set" : "Map"}; use a (sorted) array in messages`,
    );
  if (proto !== Object.prototype && proto !== null)
    throw new MessageFormatError(`${path} is a class instance; messages are JSON-like data`);
  return fieldsText(v as Record<string, unknown>, false, path, depth);
}

/**
 * The canonical text of a message. Throws `MessageFormatError` when `msg` has no string `type`
 * or holds something that is not JSON-like.
 *
 * @example
 * messageText({ term: 2, type: "RequestVote", candidate: "n1" }); // "RequestVote{candidate: 'n1', term: 2}"
 * messageText({ type: "Ping" }); // "Ping"
 */
export function messageText(msg: unknown): string {
  if (msg === null || typeof msg !== "object" || Array.isArray(msg))
    throw new MessageFormatError("a message must be an object with a string `type`");
  const type = (msg as { type?: unknown }).type;
  if (typeof type !== "string" || type === "")
    throw new MessageFormatError("a message needs a non-empty string `type`");
  const rest = fieldsText(msg as Record<string, unknown>, true, "msg", 0);
  return rest === "{}" ? keyText(type) : `${keyText(type)}${rest}`;
}

/** The text of an in-flight message: `from->to message`. */
export function envelopeText(from: NodeId, to: NodeId, text: string): string {
  return `${from}->${to} ${text}`;
}

/** The key of a directed link in an ordered network. */
export function linkKey(from: NodeId, to: NodeId): string {
  return `${from}->${to}`;
}

/** A recursive-descent reader of the canonical text (only ever fed texts `messageText` made). */
class Reader {
  i = 0;
  constructor(readonly s: string) {}

  fail(what: string): never {
    throw new MessageFormatError(`malformed message text at ${this.i} (${what}): ${this.s}`);
  }

  expect(c: string): void {
    if (this.s[this.i] !== c) this.fail(`expected '${c}'`);
    this.i++;
  }

  str(): string {
    this.expect("'");
    let out = "";
    for (;;) {
      const c = this.s[this.i++];
      if (c === undefined) this.fail("unterminated string");
      if (c === "'") return out;
      out += c === "\\" ? (this.s[this.i++] ?? "") : c;
    }
  }

  word(): string {
    const m = /^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i));
    if (!m) this.fail("expected a name");
    this.i += m[0].length;
    return m[0];
  }

  key(): string {
    return this.s[this.i] === "'" ? this.str() : this.word();
  }

  fields(into: Record<string, unknown>): Record<string, unknown> {
    this.expect("{");
    while (this.s[this.i] !== "}") {
      if (this.s[this.i] === ",") this.i += 2;
      const k = this.key();
      this.expect(":");
      this.expect(" ");
      into[k] = this.value();
    }
    this.i++;
    return Object.freeze(into);
  }

  value(): unknown {
    const c = this.s[this.i];
    if (c === "'") return this.str();
    if (c === "{") return this.fields({});
    if (c === "[") {
      this.i++;
      const out: unknown[] = [];
      while (this.s[this.i] !== "]") {
        if (this.s[this.i] === ",") this.i += 2;
        out.push(this.value());
      }
      this.i++;
      return Object.freeze(out);
    }
    const m = /^(?:null|true|false|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)/.exec(this.s.slice(this.i));
    if (!m) this.fail("expected a value");
    this.i += m[0].length;
    return m[0] === "null" ? null : m[0] === "true" ? true : m[0] === "false" ? false : Number(m[0]);
  }

  message(): Message {
    const type = this.key();
    const msg = this.s[this.i] === "{" ? this.fields({ type }) : Object.freeze({ type });
    if (this.i !== this.s.length) this.fail("trailing text");
    return msg as Message;
  }
}

const messages = new Map<string, Message>();
const envelopes = new Map<string, Envelope>();
const envelopeTexts = new WeakMap<Envelope, string>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Decodes a message text back to a frozen message (memoised: the same object every time).
 *
 * @example
 * parseMessage("Ping{seq: 1}"); // { type: "Ping", seq: 1 }
 */
export function parseMessage(text: string): Message {
  return messages.get(text) ?? remember(messages, text, new Reader(text).message());
}

/**
 * Decodes an envelope text (`from->to message`) to a frozen envelope (memoised).
 *
 * @example
 * parseEnvelope("p1->q1 Ping{seq: 1}"); // { from: "p1", to: "q1", msg: { type: "Ping", seq: 1 } }
 */
export function parseEnvelope(text: string): Envelope {
  const hit = envelopes.get(text);
  if (hit) return hit;
  const arrow = text.indexOf("->");
  const space = text.indexOf(" ", arrow);
  if (arrow <= 0 || space < 0) throw new MessageFormatError(`malformed envelope text: ${text}`);
  const env = Object.freeze({
    from: text.slice(0, arrow),
    to: text.slice(arrow + 2, space),
    msg: parseMessage(text.slice(space + 1)),
  });
  envelopeTexts.set(env, text);
  return remember(envelopes, text, env);
}

/** The envelope text of an envelope (cheap for envelopes that `parseEnvelope` returned). */
export function textOfEnvelope(env: Envelope): string {
  return envelopeTexts.get(env) ?? envelopeText(env.from, env.to, messageText(env.msg));
}

/** Splits a link key ("from->to") into its two node ids. */
export function parseLink(link: string): readonly [NodeId, NodeId] {
  const arrow = link.indexOf("->");
  return [link.slice(0, arrow), link.slice(arrow + 2)];
}
