/**
 * Knossos's multi-register: every operation is a transaction (`f` = "txn") whose value is a list
 * of micro-operations `[read k v]` / `[write k v]` applied atomically in order. Reads of nil match
 * anything (the invocation shows reads as nil; the completion carries what was read).
 */

import { ConsistencyInputError } from "../errors.js";
import type { Operation } from "../history.js";
import { formatValue, valueEqual } from "../values.js";
import type { SequentialModel, StepResult } from "./model.js";
import { unknownOp } from "./register.js";

type Registers = Readonly<Record<string, unknown>>;

/**
 * Registers named by key, read and written only by transactions.
 *
 * @example
 * ```ts
 * const m = multiRegisterModel({ x: 0, y: 0 });
 * ```
 */
export function multiRegisterModel(initial: Registers): SequentialModel<Registers> {
  return {
    name: "multi-register",
    init: () => initial,
    step: stepTxn,
    describeState: formatValue,
  };
}

function stepTxn(state: Registers, op: Operation): StepResult<Registers> {
  if (op.f !== "txn") throw unknownOp(op, "multi-register", "txn");
  const micro = op.result === undefined ? op.value : op.result;
  if (!Array.isArray(micro)) throw badTxn(op);
  let next: Record<string, unknown> | undefined;
  for (const m of micro) {
    if (!Array.isArray(m) || m.length !== 3) throw badTxn(op);
    const [f, k, v] = m as [unknown, unknown, unknown];
    const key = String(k);
    const cur = next ? next[key] : state[key];
    if (f === "read" || f === "r") {
      if (v !== null && v !== undefined && !valueEqual(v, cur)) return { ok: false, state };
    } else if (f === "write" || f === "w") {
      next ??= { ...state };
      next[key] = v;
    } else {
      throw badTxn(op);
    }
  }
  return { ok: true, state: next ?? state };
}

function badTxn(op: Operation): ConsistencyInputError {
  return new ConsistencyInputError(
    "SPC-H003",
    `transaction ${op.id} has value ${formatValue(op.result ?? op.value)}`,
    { line: op.line },
    "a txn value must be a list of [read k v] or [write k v]",
  );
}
