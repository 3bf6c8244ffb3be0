/**
 * Sequential consistency (Lamport): one total order of all operations that respects each
 * process's program order and the sequential specification; real time is ignored. Unlike
 * linearizability it is not local, so the history is never split by key: the store-buffer
 * history (each key's part is SC, the whole is not) would otherwise pass.
 */

import { count } from "./describe.js";
import type { History, Operation } from "./history.js";
import type { SequentialModel } from "./models/model.js";
import { type BudgetedResult, CONSISTENT, undecided, violation } from "./result.js";
import { CompiledModel } from "./search/compiled-model.js";
import { resolveSearchOptions, type SearchOptions } from "./search/options.js";
import { searchSequential } from "./search/sc-search.js";
import { shrinkExplained } from "./search/shrink.js";

const TEST_BUDGET = 200_000;

/**
 * Checks that a history is sequentially consistent with respect to a model. Use a model over
 * the whole data type (for example `perKey(registerModel())`); its partition is ignored.
 *
 * @example
 * ```ts
 * const r = checkSequential(historyFromSessions(sessions), perKey(registerModel()));
 * r.ok; // false for the store-buffer history
 * ```
 */
export function checkSequential<S>(
  history: History,
  model: SequentialModel<S>,
  options: SearchOptions = {},
): BudgetedResult {
  const opts = resolveSearchOptions(options);
  const m = model as SequentialModel<unknown>;
  const ops = history.ops.filter((op) => op.status !== "fail");
  const deadline = Date.now() + opts.timeoutMs;
  const status = searchSequential(
    ops,
    new CompiledModel(m, ops),
    { used: 0, max: opts.maxConfigurations },
    deadline,
  );
  if (status === "ok") return CONSISTENT;
  if (status === "budget") return undecided(`configuration budget of ${opts.maxConfigurations} exhausted`);
  if (status === "timeout") return undecided(`timeout after ${opts.timeoutMs} ms`);
  if (!opts.explain) {
    return violation({
      check: "sequential consistency",
      summary: "not sequentially consistent",
      ops: [],
      minimal: false,
    });
  }
  const fails = (sub: readonly Operation[]) =>
    searchSequential(sub, new CompiledModel(m, sub), { used: 0, max: TEST_BUDGET }, Infinity) === "illegal";
  const shrunk = shrinkExplained(ops, fails, Date.now() + opts.explainTimeoutMs);
  const shown = shrunk.items.map((op) => history.ops[op.id] ?? op);
  return violation({
    check: "sequential consistency",
    summary: `not sequentially consistent: ${count(shown.length)} no legal order that respects each process's program order`,
    ops: shown,
    minimal: shrunk.minimal,
    details: [`processes involved: ${[...new Set(shown.map((o) => String(o.process)))].join(", ")}`],
    realTime: false,
  });
}
