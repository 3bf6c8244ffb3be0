/**
 * Result types shared by every checker. A violation is a value, never an exception. Searches
 * that can run out of time or memory (linearizability, sequential consistency) may also answer
 * "unknown"; that case has `ok: false` so that `if (result.ok)` never mistakes it for success,
 * and no `explanation`, so code that prints one must look at `verdict` first.
 */

import type { Operation } from "./history.js";

/** Why a history fails a check: a small set of operations that cannot be ordered, and how. */
export interface Explanation {
  /** The consistency model checked, e.g. "linearizability", "CCv", "session guarantees". */
  readonly check: string;
  /** The named anomaly or bad pattern, e.g. "WriteCORead", "G2-item"; empty for searches. */
  readonly pattern: string;
  /** One sentence for humans. */
  readonly summary: string;
  /** The operations involved, in invocation order. */
  readonly ops: readonly Operation[];
  /** The partition (key) the violation is in, for partitioned checks. */
  readonly key: string | undefined;
  /** True when no single operation can be removed and the set still fails. */
  readonly minimal: boolean;
  /** Further lines: derivation steps, cycle edges, the longest partial order that works. */
  readonly details: readonly string[];
  /** Whether invocation/return times are meaningful (false for session listings). */
  readonly realTime: boolean;
}

/** The history satisfies the model. */
export interface Consistent {
  readonly ok: true;
  readonly verdict: "ok";
}

/** The history violates the model. */
export interface Violation {
  readonly ok: false;
  readonly verdict: "violation";
  readonly explanation: Explanation;
}

/** The search gave up (timeout or configuration budget) before deciding. */
export interface Undecided {
  readonly ok: false;
  readonly verdict: "unknown";
  readonly reason: string;
}

/** Result of a check that always decides. */
export type CheckResult = Consistent | Violation;

/** Result of a check with a time or memory budget. */
export type BudgetedResult = CheckResult | Undecided;

/** The shared "consistent" result. */
export const CONSISTENT: Consistent = Object.freeze({ ok: true, verdict: "ok" });

/**
 * Wraps an explanation as a violation result, filling defaults and sorting its operations.
 *
 * @example
 * ```ts
 * return violation({ check: "CC", pattern: "ThinAirRead", summary: "...", ops: [read] });
 * ```
 */
export function violation(
  e: Pick<Explanation, "check" | "summary" | "ops"> & Partial<Explanation>,
): Violation {
  const ops = [...e.ops].sort((a, b) => a.invoke - b.invoke || a.id - b.id);
  const explanation: Explanation = {
    pattern: "",
    key: undefined,
    minimal: true,
    details: [],
    realTime: false,
    ...e,
    ops,
  };
  return { ok: false, verdict: "violation", explanation };
}

/**
 * An "unknown" result.
 *
 * @example
 * ```ts
 * return undecided("timeout after 1000 ms");
 * ```
 */
export function undecided(reason: string): Undecided {
  return { ok: false, verdict: "unknown", reason };
}
