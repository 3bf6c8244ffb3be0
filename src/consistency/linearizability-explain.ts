/**
 * Turns an illegal partition into a small explanation. First the shortest failing prefix of the
 * history is found by binary search (a prefix cut at time T keeps operations invoked by T; those
 * still running at T become unknown-outcome; linearizability is prefix-closed, so failure is
 * monotone in T). Then delta debugging removes operations while the rest still cannot be
 * linearized. Each test is a small bounded search; a test that exhausts its budget counts as
 * "not failing", which keeps the result sound (it still fails) at the cost of size.
 */

import { count, describeOp } from "./describe.js";
import type { History, Operation } from "./history.js";
import { type Violation, violation } from "./result.js";
import type { ResolvedSearchOptions } from "./search/options.js";
import { type Partition, searchOnce } from "./search/partitions.js";
import { shrinkExplained } from "./search/shrink.js";

const TEST_BUDGET = 200_000;

/**
 * Builds the violation for a partition known to be illegal.
 *
 * @example
 * ```ts
 * explainLinearizability(part, history, resolveSearchOptions()).explanation.ops;
 * ```
 */
export function explainLinearizability(
  part: Partition,
  history: History,
  opts: ResolvedSearchOptions,
): Violation {
  const where = part.key === undefined || part.key === "" ? "" : ` on key ${JSON.stringify(part.key)}`;
  if (!opts.explain) {
    return violation({
      check: "linearizability",
      summary: `not linearizable${where} (explanation not requested)`,
      ops: [],
      key: part.key,
      minimal: false,
      realTime: true,
    });
  }
  const deadline = Date.now() + opts.explainTimeoutMs;
  const fails = (ops: readonly Operation[]) => searchOnce(ops, part.model, TEST_BUDGET).status === "illegal";
  const prefix = shortestFailingPrefix(part.ops, fails);
  const shrunk = shrinkExplained(prefix, fails, deadline);
  const ops = shrunk.items.map((op) => history.ops[op.id] ?? op);
  const { longest } = searchOnce(shrunk.items, part.model, TEST_BUDGET, true);
  const order = longest.map((i) => describeOp(shrunk.items[i]!)).join(", ");
  const init = part.model.init();
  const from = `from the initial state ${part.model.describeState?.(init) ?? String(init)}`;
  const details = [
    longest.length === 0
      ? `${from}, no operation can take effect first`
      : `${from}, the longest order that works is: ${order}; then no remaining operation can take effect in time`,
  ];
  return violation({
    check: "linearizability",
    summary: `not linearizable${where}: ${count(ops.length)} no legal order consistent with real time`,
    ops,
    key: part.key,
    minimal: shrunk.minimal,
    details,
    realTime: true,
  });
}

function asUnknown(op: Operation): Operation {
  return op.status === "unknown" ? op : { ...op, status: "unknown", result: undefined, complete: Infinity };
}

function shortestFailingPrefix(
  ops: readonly Operation[],
  fails: (o: readonly Operation[]) => boolean,
): Operation[] {
  const cuts = [...new Set(ops.filter((op) => op.status === "ok").map((op) => op.complete))].sort(
    (a, b) => a - b,
  );
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fails(cutAt(ops, cuts[mid]!))) hi = mid;
    else lo = mid + 1;
  }
  return cuts.length === 0 ? [...ops] : cutAt(ops, cuts[lo]!);
}

function cutAt(ops: readonly Operation[], t: number): Operation[] {
  const out: Operation[] = [];
  for (const op of ops) {
    if (op.invoke > t) continue;
    out.push(op.status === "ok" && op.complete > t ? asUnknown(op) : op);
  }
  return out;
}
