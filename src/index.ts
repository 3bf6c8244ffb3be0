/**
 * Specter's public API. Every export is named here (no `export *`); test/index.test.ts
 * snapshots this list so that API changes show in review.
 */

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
  FlowEvent,
  FlowTrace,
  InFlight,
  Message,
  MessageContext,
  MessageCopy,
  MessageFlow,
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
} from "./actors/index.js";
export {
  ACTOR_ACTIONS,
  armed,
  defineActors,
  faultsUsed,
  formatEnvelope,
  formatMessage,
  historyOf,
  inFlight,
  isCrashed,
  messageFlow,
  messageText,
  nodeIds,
  parseEnvelope,
  parseMessage,
  partitionSides,
} from "./actors/index.js";
export type { AllBugsEntry, CheckEntry, Expectation, SpecterConfig } from "./ci/config.js";
export { defineConfig } from "./ci/config.js";
export type {
  BudgetedResult,
  CheckResult as ConsistencyResult,
  Explanation,
  History,
  HistoryEvent,
  Operation,
  OperationInput,
  SequentialModel,
  SessionGuarantee,
  Violation as ConsistencyViolation,
} from "./consistency/index.js";
export {
  ConsistencyInputError,
  checkCausal,
  checkConvergence,
  checkLinearizable,
  checkListAppend,
  checkSequential,
  checkSessionGuarantees,
  defineModel,
  formatExplanation,
  historyFromEvents,
  historyFromOperations,
  historyFromSessions,
  kvModel,
  linearizableHistory,
  loadHistory,
  multiRegisterModel,
  mutexModel,
  parseHistory,
  perKey,
  registerModel,
  SESSION_GUARANTEES,
  sessionReport,
  timeline,
} from "./consistency/index.js";
export { assertHolds, assertViolates, SpecAssertionError } from "./engine/assert.js";
export { check } from "./engine/check.js";
export type { CheckOptions, Progress, Scheduler, Strategy } from "./engine/options.js";
export type {
  ActionCoverage,
  CheckError,
  CheckResult,
  RandomStats,
  StopReason,
  Violation,
  ViolationKind,
  WitnessReport,
} from "./engine/result.js";
export type { ErrorCode } from "./errors.js";
export { SpecError, UsageError } from "./errors.js";
export type { SequenceViewOptions } from "./render/dot-sequence.js";
export { traceToSequenceDot } from "./render/dot-sequence.js";
export { traceToStatesDot } from "./render/dot-states.js";
export { isActorTrace } from "./render/sequence-chart.js";
export { dotToSvg } from "./render/svg.js";
export type { WriteCounterexamplesOptions, WrittenCounterexample } from "./render/write-counterexamples.js";
export { writeCounterexamples } from "./render/write-counterexamples.js";
export type { Spec } from "./spec/define-spec.js";
export { defineSpec, isSpec } from "./spec/define-spec.js";
export type { Draft } from "./spec/draft.js";
export type { Fairness, FairnessEntry, LivenessProperty, LivePredicate } from "./spec/liveness.js";
export { alwaysEventually, each, eventually, eventuallyAlways, leadsTo } from "./spec/liveness.js";
export type { CompileOptions, Model } from "./spec/model.js";
export { compileSpec } from "./spec/model.js";
export { range } from "./spec/range.js";
export type {
  ActionDef,
  BugPreset,
  ParamDefs,
  ParamSpec,
  ParamValue,
  ParamValues,
  SpecDefinition,
  StatePredicate,
  StepInfo,
  StepPredicate,
  Symmetry,
} from "./spec/types.js";
export type { Fingerprint } from "./state/fingerprint.js";
export { fingerprint } from "./state/fingerprint.js";
export { formatValue } from "./state/format-value.js";
export type { Change } from "./trace/diff.js";
export { diffStates } from "./trace/diff.js";
export type { DecodedItf } from "./trace/itf-decode.js";
export { decodeItf, readItfFile } from "./trace/itf-decode.js";
export type { ItfWriteInfo } from "./trace/itf-encode.js";
export { encodeItf } from "./trace/itf-encode.js";
export type { ReplayResult, ReplayTarget } from "./trace/replay.js";
export { replayTrace } from "./trace/replay.js";
export type { Trace, TraceStep } from "./trace/trace.js";
export { INIT_ACTION } from "./trace/trace.js";
