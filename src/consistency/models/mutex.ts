/**
 * A lock (Knossos's mutex model): `acquire` is legal only when free, `release` only when held.
 * Refused attempts appear in Jepsen histories as `fail` and are dropped by the checkers.
 */

import type { SequentialModel } from "./model.js";
import { unknownOp } from "./register.js";

/**
 * A mutex that starts free (state `false`).
 *
 * @example
 * ```ts
 * checkLinearizable(history, mutexModel());
 * ```
 */
export function mutexModel(): SequentialModel<boolean> {
  return {
    name: "mutex",
    init: () => false,
    step(held, op) {
      if (op.f === "acquire") return { ok: !held, state: true };
      if (op.f === "release") return { ok: held, state: false };
      throw unknownOp(op, "mutex", "acquire or release");
    },
    describeState: (held) => (held ? "held" : "free"),
  };
}
