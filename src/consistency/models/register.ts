/**
 * The read/write/compare-and-set register (Jepsen's etcd and Knossos cas-register workloads).
 * `get`/`put` are accepted as synonyms of `read`/`write`. Two conventions differ between the data
 * sources and are options here: the initial value (etcd: nil, Knossos: 0) and whether an ok read
 * of nil matches every state (Knossos's cas-register does this; the etcd log format uses nil for
 * "no value", so there it must match only the empty register).
 */

import { ConsistencyInputError } from "../errors.js";
import type { Operation } from "../history.js";
import { formatValue, valueEqual } from "../values.js";
import type { SequentialModel, StepResult } from "./model.js";

/** Options of `registerModel`. */
export interface RegisterOptions {
  /** Initial value; default `null` (no value). */
  readonly initial?: unknown;
  /** Knossos convention: an ok read returning nil is legal in every state. Default false. */
  readonly nilReadMatchesAny?: boolean;
}

/**
 * A single register with `read`, `write` and `cas` (`value` = `[expected, new]`).
 *
 * @example
 * ```ts
 * const m = registerModel({ initial: 0 });
 * m.step(0, writeOp).state; // the written value
 * ```
 */
export function registerModel(options: RegisterOptions = {}): SequentialModel<unknown> {
  const initial = options.initial ?? null;
  const nilAny = options.nilReadMatchesAny ?? false;
  return {
    name: "register",
    init: () => initial,
    step: (state, op) => stepRegister(state, op, nilAny),
    describeState: formatValue,
  };
}

function stepRegister(state: unknown, op: Operation, nilAny: boolean): StepResult<unknown> {
  switch (op.f) {
    case "read":
    case "get": {
      const r = op.result;
      const ok = r === undefined || (r === null && nilAny) || r === state || valueEqual(r, state);
      return { ok, state };
    }
    case "write":
    case "put":
      return { ok: true, state: op.value };
    case "cas": {
      const pair = op.value;
      if (!Array.isArray(pair) || pair.length !== 2) throw badCas(op);
      const matches = pair[0] === state || valueEqual(pair[0], state);
      return matches ? { ok: true, state: pair[1] } : { ok: false, state };
    }
    default:
      throw unknownOp(op, "register", "read, write or cas");
  }
}

function badCas(op: Operation): ConsistencyInputError {
  return new ConsistencyInputError(
    "SPC-H003",
    `cas operation ${op.id} has value ${formatValue(op.value)}`,
    { line: op.line },
    "a cas value must be a pair [expected new]",
  );
}

/**
 * The error a built-in model raises for an operation kind it does not know.
 *
 * @example
 * ```ts
 * throw unknownOp(op, "mutex", "acquire or release");
 * ```
 */
export function unknownOp(op: Operation, model: string, known: string): ConsistencyInputError {
  return new ConsistencyInputError(
    "SPC-H003",
    `the ${model} model has no operation '${op.f}' (operation ${op.id}, process ${String(op.process)})`,
    { line: op.line },
    `use ${known}, or check the history with a model for this data type`,
  );
}
