/**
 * The actor layer's public API (ARCHITECTURE.md section 4): `defineActors`, the view helpers
 * properties use to read the global state, the message formatting used in step labels, and
 * the types. Every export is named (no `export *`).
 */

export { ACTOR_ACTIONS } from "./actions.js";
export { defineActors } from "./define-actors.js";
export { formatEnvelope, formatMessage } from "./format-message.js";
export type { FlowEvent, FlowTrace, MessageCopy, MessageFlow } from "./message-flow.js";
export { messageFlow } from "./message-flow.js";
export { messageText, parseEnvelope, parseMessage } from "./message-text.js";
export type {
  ActorContext,
  ActorHistoryEvent,
  ActorParams,
  ActorParamValues,
  ActorState,
  ActorStep,
  ActorsDefinition,
  ByzantineContext,
  Envelope,
  FaultCounts,
  FaultOptions,
  InFlight,
  Message,
  MessageContext,
  MessageHandlers,
  NetworkOptions,
  NetworkOrder,
  NodeDirectory,
  NodeId,
  NodeKind,
  OperationInfo,
  Outgoing,
  QueuedEnvelope,
  TimerRef,
} from "./types.js";
export { armed, faultsUsed, historyOf, inFlight, isCrashed, nodeIds, partitionSides } from "./view.js";
