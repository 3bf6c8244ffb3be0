/**
 * The sequential-model contract every checker searches against (Porcupine's Model, Knossos's
 * model protocol): a pure `step` from a state and an operation to "legal, and here is the next
 * state" or "illegal". Operations whose outcome is unknown arrive with `result === undefined`,
 * and a model must then accept any output (the operation may have taken effect with whatever
 * result); it still decides whether the operation *can* take effect (a CAS whose compare fails
 * cannot, but that is fine, because an unknown operation may also never happen).
 */

import type { Operation } from "../history.js";

/** The outcome of applying one operation to a state. */
export interface StepResult<S> {
  readonly ok: boolean;
  readonly state: S;
}

/**
 * A sequential specification. Methods use method syntax on purpose, so a
 * `SequentialModel<string>` is usable where a `SequentialModel<unknown>` is expected.
 */
export interface SequentialModel<S> {
  readonly name: string;
  init(): S;
  /** Must not mutate `state`. */
  step(state: S, op: Operation): StepResult<S>;
  /** State equality; defaults to `===` for primitives and structural equality for objects. */
  equal?(a: S, b: S): boolean;
  /** 32-bit hash consistent with `equal`; defaults to a structural hash. */
  hash?(state: S): number;
  /** Rendering of a state in explanations. */
  describeState?(state: S): string;
  /**
   * P-compositionality: split the operations into independent parts (for example one per key),
   * each checked on its own with `partitionModel`. Sound only when the specification factorises;
   * never used by the sequential-consistency check, which is not local.
   */
  partition?(ops: readonly Operation[]): ReadonlyMap<string, readonly Operation[]>;
  readonly partitionModel?: SequentialModel<unknown>;
}

/**
 * Adapts a bare step function into a model; a convenience for user-supplied data types.
 *
 * @example
 * ```ts
 * const counter = defineModel("counter", () => 0, (n, op) =>
 *   op.f === "inc" ? { ok: true, state: n + 1 }
 *   : { ok: op.result === undefined || op.result === n, state: n });
 * ```
 */
export function defineModel<S>(
  name: string,
  init: () => S,
  step: (state: S, op: Operation) => StepResult<S>,
  extra: Partial<Pick<SequentialModel<S>, "equal" | "hash" | "describeState">> = {},
): SequentialModel<S> {
  return { name, init, step, ...extra };
}
