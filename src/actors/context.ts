/**
 * The `ctx` a handler receives. It does not touch the global state: it validates each request
 * (known node, a kind that handles the message type, a declared timer) and records it as an
 * effect, and run-handler.ts applies the effects after the handler returns. Recording keeps a
 * handler a function from (own state, input) to (own state, effects), which is what lets
 * `paranoid` run it twice and compare, and makes every mistake fail at the call that made it.
 */

import { SpecError } from "../errors.js";
import { deepFreeze } from "../spec/draft.js";
import { CONTEXT_MISUSE } from "./codes.js";
import { MessageFormatError, messageText } from "./message-text.js";
import { plainCopy } from "./plain-copy.js";
import type { KindInfo, Runtime } from "./runtime.js";
import type {
  ActorHistoryEvent,
  Message,
  MessageContext,
  NodeDirectory,
  NodeId,
  OperationInfo,
} from "./types.js";

/** What a handler asked for. */
export type Effect =
  | { readonly op: "send"; readonly to: NodeId; readonly text: string }
  | { readonly op: "setTimer" | "cancelTimer"; readonly timer: string }
  | { readonly op: "history"; readonly event: ActorHistoryEvent };

/** The context of one handler run at one node. */
export class HandlerContext implements MessageContext<Message, string, Readonly<Record<string, unknown>>> {
  readonly effects: Effect[] = [];
  readonly self: NodeId;
  readonly kind: string;
  readonly nodes: NodeDirectory;
  readonly params: Readonly<Record<string, unknown>>;

  constructor(
    private readonly rt: Runtime,
    private readonly info: KindInfo,
    self: NodeId,
    /** The handler, for messages: "onMessage.Ping", "onTimer.retry", "onStart". */
    private readonly where: string,
    /** The sender, in message handlers ("" elsewhere, where the type does not offer it). */
    readonly from: NodeId = "",
  ) {
    this.self = self;
    this.kind = info.name;
    this.nodes = rt.topology.directory;
    this.params = rt.params;
  }

  get peers(): readonly NodeId[] {
    return this.rt.topology.byKind[this.kind]!.filter((id) => id !== this.self);
  }

  private misuse(what: string): never {
    throw new SpecError(
      CONTEXT_MISUSE,
      `spec "${this.rt.statics.spec}": ${this.where} at ${this.self}: ${what}`,
    );
  }

  private encode(msg: Message): string {
    try {
      const text = messageText(msg);
      if (this.rt.paranoid) deepFreeze(msg);
      return text;
    } catch (e) {
      if (e instanceof MessageFormatError) this.misuse(`cannot send this message: ${e.message}`);
      throw e;
    }
  }

  private handles(id: NodeId, type: string): boolean {
    return this.rt.kindOf(id).handles.has(type);
  }

  send(to: NodeId, msg: Message): void {
    if (!this.rt.topology.kindOf.has(to))
      this.misuse(`send to unknown node ${JSON.stringify(to)}; the nodes are ${this.nodes.all.join(", ")}`);
    const text = this.encode(msg);
    if (!this.handles(to, msg.type))
      this.misuse(
        `sent ${msg.type} to ${to}, but kind "${this.rt.kindOf(to).name}" has no onMessage.${msg.type} handler`,
      );
    this.effects.push({ op: "send", to, text });
  }

  broadcast(msg: Message, group?: string | readonly NodeId[]): void {
    const ids = this.groupIds(group);
    const text = this.encode(msg);
    if (!this.rt.statics.kinds.some((k) => k.handles.has(msg.type)))
      this.misuse(`broadcast ${msg.type}, which no kind has an onMessage handler for`);
    for (const to of ids)
      if (to !== this.self && this.handles(to, msg.type)) this.effects.push({ op: "send", to, text });
  }

  private groupIds(group: string | readonly NodeId[] | undefined): readonly NodeId[] {
    if (group === undefined) return this.nodes.all;
    if (typeof group === "string") {
      const ids = this.rt.topology.byKind[group];
      if (!ids)
        this.misuse(
          `broadcast to unknown kind "${group}"; the kinds are ${Object.keys(this.nodes.byKind).join(", ")}`,
        );
      return ids;
    }
    for (const id of group)
      if (!this.rt.topology.kindOf.has(id)) this.misuse(`broadcast to unknown node ${JSON.stringify(id)}`);
    return group;
  }

  setTimer(name: string): void {
    this.timer("setTimer", name);
  }

  cancelTimer(name: string): void {
    this.timer("cancelTimer", name);
  }

  private timer(op: "setTimer" | "cancelTimer", name: string): void {
    if (!this.info.timers.has(name))
      this.misuse(
        `${op}(${JSON.stringify(name)}): kind "${this.kind}" has no onTimer.${name} handler` +
          (this.info.timers.size ? ` (its timers: ${[...this.info.timers].join(", ")})` : ""),
      );
    this.effects.push({ op, timer: name });
  }

  invoke(op: OperationInfo & { readonly f: string }): void {
    if (typeof op?.f !== "string" || op.f === "") this.misuse("invoke needs an operation name `f`");
    this.record("invoke", op);
  }

  complete(type: "ok" | "fail" | "info", op: OperationInfo = {}): void {
    if (type !== "ok" && type !== "fail" && type !== "info")
      this.misuse(`complete(${JSON.stringify(type)}): expected ok, fail or info`);
    this.record(type, op);
  }

  private record(type: ActorHistoryEvent["type"], op: OperationInfo): void {
    if (!this.rt.statics.history)
      this.misuse("the history is off: set `history: true` in defineActors to record operations");
    const event: { -readonly [K in keyof ActorHistoryEvent]: ActorHistoryEvent[K] } = {
      type,
      process: this.self,
      f: op.f ?? "",
    };
    if (op.key !== undefined) event.key = op.key;
    if (op.value !== undefined) event.value = plainCopy(op.value);
    this.effects.push({ op: "history", event });
  }
}
