/**
 * The types an actor-spec author writes (ARCHITECTURE.md section 4). `defineActors` takes an
 * `ActorsDefinition` and compiles it to an ordinary spec whose state is an `ActorState`.
 *
 * Inference is the design goal here: the author declares the message union once
 * (`messages: {} as Msg`, XState's type-only idiom) and each node kind's state type is inferred
 * from its `init`, so handlers get `msg` narrowed by its `type`, `durable` is checked against
 * the state's keys, `broadcast` groups against the kind names, and properties see
 * `state.nodes.<kind>` with the right state type. Timer names are plain strings, checked at run
 * time against the kind's `onTimer` keys: typing them too would need a second inferred type per
 * kind, which TypeScript's inference does not do reliably.
 */

import type { Draft } from "../spec/draft.js";
import type { Fairness, LivenessProperty } from "../spec/liveness.js";
import type { BugPreset, ParamDefs, ParamValues } from "../spec/types.js";

/** A node's id: the kind's prefix and a number from 1, e.g. "n1", "c2". */
export type NodeId = string;

/** What every message is: plain data (JSON-like) with a string `type`. */
export interface Message {
  readonly type: string;
}

/** A message on the wire: who sent it to whom. */
export interface Envelope<M extends Message = Message> {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly msg: M;
}

/** An in-flight message with its number of identical copies (unordered networks are bags). */
export interface InFlight<M extends Message = Message> extends Envelope<M> {
  readonly copies: number;
}

/** A message a Byzantine node may send: to whom, and what. */
export interface Outgoing<M extends Message = Message> {
  readonly to: NodeId;
  readonly msg: M;
}

/** How the network orders messages: a bag (`unordered`) or FIFO per directed pair (`ordered`). */
export type NetworkOrder = "unordered" | "ordered";

/** One event of the client-operation history (Jepsen's vocabulary; `info` = outcome unknown). */
export interface ActorHistoryEvent {
  readonly type: "invoke" | "ok" | "fail" | "info";
  /** The node that issued the operation. */
  readonly process: NodeId;
  /** The operation, e.g. "read", "write", "cas". */
  readonly f: string;
  readonly key?: string;
  readonly value?: unknown;
}

/** What a handler passes to `ctx.invoke` / `ctx.complete`. */
export interface OperationInfo {
  /** The operation; on completion it defaults to the open invocation's. */
  readonly f?: string;
  readonly key?: string;
  readonly value?: unknown;
}

/** Faults injected so far, for the budgeted faults only. */
export interface FaultCounts {
  readonly drops: number;
  readonly duplicates: number;
  readonly crashes: number;
  readonly partitions: number;
}

/** The params the actor layer adds to every actor spec (overridable with `-p`). */
export interface ActorParamValues {
  readonly network: NetworkOrder;
  readonly lossy: boolean;
  readonly duplicating: boolean;
  readonly maxDrops: number;
  readonly maxDuplicates: number;
  readonly maxCrashes: number;
  readonly maxPartitions: number;
  readonly byzantine: number;
  readonly paranoid: boolean;
}

/** The params handlers and properties receive: the spec's own and the layer's. */
export type ActorParams<D extends ParamDefs> = ParamValues<D> & ActorParamValues;

/** The node ids of a run: all of them in order, and per kind. */
export interface NodeDirectory<K extends string = string> {
  readonly all: readonly NodeId[];
  readonly byKind: { readonly [k in K]: readonly NodeId[] };
}

declare const MESSAGES: unique symbol;

/**
 * The global state the framework owns. `nodes` is grouped by kind, so `state.nodes.server` is
 * typed with the server kind's state. Read in-flight messages, timers, crashes and the
 * partition through the helpers of view.ts (`inFlight(state)`, ...): their encodings are
 * canonical forms chosen for state-space reduction, not for reading.
 */
export interface ActorState<N = Record<string, object>, M extends Message = Message> {
  readonly nodes: { readonly [K in keyof N]: Readonly<Record<NodeId, N[K]>> };
  /** unordered: envelope text -> copies; ordered: "from->to" -> queue of message texts. */
  readonly net: ReadonlyMap<string, number | readonly string[]>;
  /** Armed timers as "node:timer" (present when some kind has timers). */
  readonly timers?: ReadonlySet<string>;
  /** Crashed nodes (present when crashes are possible). */
  readonly crashed?: ReadonlySet<NodeId>;
  /** The side of the partition cut off from the first node, or null (when partitions are possible). */
  readonly partition?: readonly NodeId[] | null;
  /** Budgeted faults used so far (present when some budget is positive). */
  readonly faults?: Readonly<Partial<FaultCounts>>;
  /** Client operations (present when the spec sets `history: true`). */
  readonly history?: readonly ActorHistoryEvent[];
  /** Type-only: carries the message union for the view helpers. Never set. */
  readonly [MESSAGES]?: M;
}

/** A timer: which node, which timer. */
export interface TimerRef {
  readonly node: NodeId;
  readonly timer: string;
}

/** A queued message of an ordered network (`at` = position in its FIFO queue). */
export interface QueuedEnvelope<M extends Message = Message> extends Envelope<M> {
  readonly at?: number;
}

/** The explorer steps of an actor spec, as action invariants see them. */
export type ActorStep<M extends Message = Message> =
  | { readonly action: "deliver" | "drop" | "duplicate" | "byzantine"; readonly arg: QueuedEnvelope<M> }
  | { readonly action: "timer"; readonly arg: TimerRef }
  | { readonly action: "crash" | "restart"; readonly arg: NodeId }
  | { readonly action: "partition" | "heal"; readonly arg: readonly NodeId[] };

/** What a handler can do besides changing its own state (drafted by immer). */
export interface ActorContext<M extends Message = Message, K extends string = string, P = ActorParamValues> {
  readonly self: NodeId;
  readonly kind: K;
  readonly nodes: NodeDirectory<K>;
  /** The other nodes of this node's kind. */
  readonly peers: readonly NodeId[];
  readonly params: P;
  /** Puts `msg` in flight to `to` (whose kind must handle `msg.type`). */
  send(to: NodeId, msg: M): void;
  /** Sends to every other node of `group` (a kind, a list of ids, or everyone) that handles `msg.type`. */
  broadcast(msg: M, group?: K | readonly NodeId[]): void;
  /** Arms one of this node's timers (a no-op when armed: there is no time, only "may fire"). */
  setTimer(name: string): void;
  cancelTimer(name: string): void;
  /** Appends an `invoke` event for this node to the history (needs `history: true`). */
  invoke(op: OperationInfo & { readonly f: string }): void;
  /** Appends the completion of this node's open operation. */
  complete(type: "ok" | "fail" | "info", op?: OperationInfo): void;
}

/** The context of a message handler: also says who sent the message. */
export interface MessageContext<M extends Message = Message, K extends string = string, P = ActorParamValues>
  extends ActorContext<M, K, P> {
  /** The sender of the message being handled. */
  readonly from: NodeId;
}

/** What a Byzantine node's message generator sees: everything (an omniscient adversary). */
export interface ByzantineContext<N, M extends Message, K extends string, P> {
  readonly self: NodeId;
  readonly state: ActorState<N, M>;
  readonly nodes: NodeDirectory<K>;
  readonly params: P;
}

/** The handlers of one message type per key, each getting the narrowed message. */
export type MessageHandlers<S, M extends Message, K extends string, P> = {
  readonly [T in M["type"]]?: (
    state: Draft<S>,
    msg: Extract<M, { type: T }>,
    ctx: MessageContext<M, K, P>,
  ) => void;
};

/** One kind of node: how many, their local state, and their handlers. */
export interface NodeKind<S, M extends Message, K extends string, P, N> {
  /** How many nodes of this kind: a number or a function of the params. */
  readonly count: number | ((params: P) => number);
  /** Id prefix (letters and underscores); default: the kind's first letter. */
  readonly prefix?: string;
  /** A node's initial local state: a plain object. */
  readonly init: (id: NodeId, params: P) => S;
  /** Fields that survive a crash; the others are reset to `init`'s values. */
  readonly durable?: readonly (keyof S & string)[];
  /** Whether nodes of this kind may crash (default true). */
  readonly crashable?: boolean;
  /** Runs when the node starts, and again when it restarts after a crash. */
  readonly onStart?: (state: Draft<S>, ctx: ActorContext<M, K, P>) => void;
  readonly onMessage?: MessageHandlers<S, M, K, P>;
  readonly onTimer?: { readonly [timer: string]: (state: Draft<S>, ctx: ActorContext<M, K, P>) => void };
  /** Messages a Byzantine node of this kind may send at any time, instead of running handlers. */
  readonly byzantine?: (b: ByzantineContext<N, M, K, P>) => readonly Outgoing<M>[];
  readonly doc?: string;
}

/** The spec's network defaults (each overridable with `-p`). */
export interface NetworkOptions {
  readonly order?: NetworkOrder;
  /** Any in-flight message may be lost at any time (unbounded, no counter in the state). */
  readonly lossy?: boolean;
  /** Delivery leaves the message in flight: each message may be received any number of times. */
  readonly duplicating?: boolean;
}

/** The spec's fault-budget defaults (0 disables a fault; each overridable with `-p`). */
export interface FaultOptions {
  readonly maxDrops?: number;
  readonly maxDuplicates?: number;
  readonly maxCrashes?: number;
  readonly maxPartitions?: number;
  /** How many nodes are Byzantine (the first ones of kinds that declare `byzantine`). */
  readonly byzantine?: number;
}

type Kinds<N> = Extract<keyof N, string>;
type Pred<N, M extends Message, D extends ParamDefs> = (
  state: ActorState<N, M>,
  params: ActorParams<D>,
) => boolean;

/** What `defineActors` accepts. */
export interface ActorsDefinition<M extends Message, N, D extends ParamDefs> {
  readonly name: string;
  readonly summary?: string;
  readonly params?: D;
  /** Type-only: declares the message union, e.g. `messages: {} as Msg`. */
  readonly messages?: M;
  readonly nodes: { readonly [K in keyof N]: NodeKind<N[K], M, Kinds<N>, ActorParams<D>, N> };
  readonly network?: NetworkOptions;
  readonly faults?: FaultOptions;
  /** Record client operations in `state.history` (default false). */
  readonly history?: boolean;
  /** Default of the `paranoid` param: run handlers twice and fail on differences. */
  readonly paranoid?: boolean;
  readonly invariants?: Readonly<Record<string, Pred<N, M, D>>>;
  readonly actionInvariants?: Readonly<
    Record<
      string,
      (
        before: ActorState<N, M>,
        after: ActorState<N, M>,
        step: ActorStep<M>,
        params: ActorParams<D>,
      ) => boolean
    >
  >;
  /** Liveness properties (`eventually(...)`, ...), under the `fairness` of the actions below. */
  readonly properties?: Readonly<Record<string, LivenessProperty<ActorState<N, M>, ActorParams<D>>>>;
  /** Fairness of the layer's actions, e.g. `{ weak: [each("deliver"), "timer"] }`. */
  readonly fairness?: Fairness;
  readonly witnesses?: Readonly<Record<string, Pred<N, M, D>>>;
  readonly constraint?: Pred<N, M, D>;
  readonly view?: (state: ActorState<N, M>, params: ActorParams<D>) => unknown;
  /** Whether quiescence is an error; default false (a protocol that has finished is not stuck). */
  readonly deadlock?: boolean;
  readonly bugs?: Readonly<Record<string, BugPreset>>;
}
