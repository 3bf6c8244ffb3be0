/**
 * Linearizability (Herlihy & Wing): every operation takes effect atomically at some point
 * between its invocation and its completion. Checked by Wing & Gong's search with Lowe's memo
 * (search/wgl.ts), one search per partition when the model factorises (P-compositionality),
 * with partitions interleaved and an early exit (search/partitions.ts).
 *
 * Failed operations did not happen and are removed; unknown-outcome operations may take effect
 * once at any point after their invocation, or never.
 */

import { ConsistencyInputError } from "./errors.js";
import type { History } from "./history.js";
import { explainLinearizability } from "./linearizability-explain.js";
import type { SequentialModel } from "./models/model.js";
import { type BudgetedResult, CONSISTENT, undecided } from "./result.js";
import { resolveSearchOptions, type SearchOptions } from "./search/options.js";
import { partitionsOf, runPartitions } from "./search/partitions.js";

/**
 * Checks that a history is linearizable with respect to a sequential model.
 *
 * @example
 * ```ts
 * const h = parseHistory(text, "etcd_002.log");
 * const r = checkLinearizable(h, registerModel(), { timeoutMs: 10_000 });
 * if (r.verdict === "violation") console.log(formatExplanation(r.explanation));
 * ```
 */
export function checkLinearizable<S>(
  history: History,
  model: SequentialModel<S>,
  options: SearchOptions = {},
): BudgetedResult {
  const opts = resolveSearchOptions(options);
  if (!history.realTime) {
    throw new ConsistencyInputError(
      "SPC-H006",
      "this history has no real-time order (only per-session program order)",
      { file: history.source },
      "give invoke/complete times or events, or check sequential, causal or session consistency instead",
    );
  }
  const parts = partitionsOf(history.ops, model as SequentialModel<unknown>, opts.partition);
  const outcome = runPartitions(parts, opts);
  if (outcome.status === "ok") return CONSISTENT;
  if (outcome.status === "unknown") return undecided(outcome.reason);
  return explainLinearizability(outcome.part, history, opts);
}
