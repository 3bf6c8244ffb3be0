/**
 * Assertions for test suites (fast-check's `assert` to `check`'s `check`): `assertHolds` and
 * `assertViolates` run `check` and throw an `AssertionError`-style error whose message is the
 * full text report — verdict, statistics and the counterexample with diffs — so a failing
 * vitest/jest test shows the trace directly.
 */

import { renderResultText } from "../render/text-result.js";
import type { Spec } from "../spec/define-spec.js";
import { check } from "./check.js";
import type { CheckOptions } from "./options.js";
import type { CheckResult } from "./result.js";

/** Thrown by `assertHolds` / `assertViolates`; carries the result. */
export class SpecAssertionError extends Error {
  override readonly name = "SpecAssertionError";
  constructor(
    message: string,
    readonly result: CheckResult,
  ) {
    super(message);
  }
}

function report(r: CheckResult): string {
  return renderResultText(r, { coverage: false }).join("\n");
}

/**
 * Checks `spec` and throws unless every property holds on a complete search (an incomplete
 * search fails too, unless `allowIncomplete` is set). Returns the result.
 *
 * @example
 * it("two-phase commit is consistent", async () => {
 *   await assertHolds(twoPhaseCommit, { params: { rms: 4 } });
 * });
 */
export async function assertHolds<S>(
  spec: Spec<S>,
  options: CheckOptions & { readonly allowIncomplete?: boolean } = {},
): Promise<CheckResult> {
  const r = await check(spec, options);
  const ok = r.result === "ok" || (r.result === "incomplete" && options.allowIncomplete === true);
  if (!ok) throw new SpecAssertionError(`expected ${spec.name} to hold, but:\n${report(r)}`, r);
  return r;
}

/**
 * Checks `spec` and throws unless `property` is violated (e.g. a bug preset still caught).
 * Returns the result, whose `violations` hold the counterexample.
 *
 * @example
 * await assertViolates(twoPhaseCommit, "consistent", { bug: "commitEarly" });
 */
export async function assertViolates<S>(
  spec: Spec<S>,
  property: string,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const r = await check(spec, options);
  if (!r.violations.some((v) => v.property === property))
    throw new SpecAssertionError(`expected ${spec.name} to violate ${property}, but:\n${report(r)}`, r);
  return r;
}
