/**
 * Public API of Specter's consistency checkers: history model and parsers, sequential models,
 * linearizability, sequential consistency, causal consistency (CC/CM/CCv), session guarantees,
 * convergence, Elle-style list-append anomalies, explanations, and the `specter history`
 * command. Every export is named (no `export *`) so API changes show in review.
 */

export { type CausalModel, type CausalOptions, checkCausal } from "./causal.js";
export { type ConvergenceOptions, checkConvergence, type ReplicaSnapshot } from "./convergence.js";
export { count, describeOp, formatExplanation, processName, timeline } from "./describe.js";
export {
  type EdnDocument,
  EdnKeyword,
  EdnSet,
  EdnSymbol,
  EdnTagged,
  type EdnValue,
  kw,
  readEdn,
} from "./edn.js";
export {
  type ConsistencyErrorCode,
  ConsistencyInputError,
  formatLocation,
  type InputLocation,
} from "./errors.js";
export {
  type History,
  type HistoryEvent,
  type HistoryOptions,
  historyFromEvents,
  historyFromOperations,
  historyFromSessions,
  type ModelHints,
  type Operation,
  type OperationInput,
  type OpStatus,
  type ProcessId,
  partitionByKey,
  sessionsOf,
} from "./history.js";
export {
  explanationJson,
  type HistoryCommandIo,
  type HistoryCommandOptions,
  runHistoryCommand,
} from "./history-command.js";
export { checkLinearizable } from "./linearizability.js";
export { linearizableHistory } from "./linearizable-history.js";
export {
  type DepEdge,
  type DependencyGraph,
  type DepKind,
  dependencyGraph,
  type ReadAnomaly,
} from "./list-append.js";
export { checkListAppend, type LevelVerdict, type ListAppendResult } from "./list-append-cycles.js";
export { detectFormat, type HistoryFormat, loadHistory, parseHistory } from "./load-history.js";
export { kvModel } from "./models/kv.js";
export { defineModel, type SequentialModel, type StepResult } from "./models/model.js";
export { multiRegisterModel } from "./models/multi-register.js";
export { mutexModel } from "./models/mutex.js";
export { type KeyedState, perKey } from "./models/per-key.js";
export { type RegisterOptions, registerModel } from "./models/register.js";
export { parseEtcdLog } from "./parse-etcd-log.js";
export { parseJepsenEdn, toPlain } from "./parse-jepsen-edn.js";
export { historyFromJson, parseJsonHistory } from "./parse-json.js";
export {
  type BudgetedResult,
  type CheckResult,
  CONSISTENT,
  type Consistent,
  type Explanation,
  type Undecided,
  undecided,
  type Violation,
  violation,
} from "./result.js";
export { type RwDatatype, type RwHistory, type RwOp, toRwHistory } from "./rw-history.js";
export { resolveSearchOptions, type SearchOptions } from "./search/options.js";
export { checkSequential } from "./sequential.js";
export {
  checkSessionGuarantees,
  SESSION_GUARANTEES,
  type SessionOptions,
  type SessionReport,
  sessionReport,
} from "./session.js";
export type { SessionGuarantee } from "./session-visibility.js";
export { formatValue, hashValue, valueEqual, valueKey } from "./values.js";
