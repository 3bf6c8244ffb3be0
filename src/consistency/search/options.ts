/**
 * Options of the search-based checkers, resolved once at the door into a frozen object with
 * every default filled in (STYLE.md "Options are resolved once").
 */

import { ConsistencyInputError } from "../errors.js";

/** User options of `checkLinearizable` and `checkSequential`; all optional. */
export interface SearchOptions {
  /** Give up with verdict "unknown" after this many milliseconds. Default: no limit. */
  readonly timeoutMs?: number | undefined;
  /**
   * Give up with verdict "unknown" after caching this many configurations in total (all
   * partitions together); a memory guard, since a hard history exhausts memory before time.
   * Default 4,000,000 (roughly 200 MB for 200-operation partitions).
   */
  readonly maxConfigurations?: number | undefined;
  /** Compute a small explanation for violations. Default true. */
  readonly explain?: boolean | undefined;
  /** Time allowed for shrinking the explanation; past it, a larger set is returned. Default 2000. */
  readonly explainTimeoutMs?: number | undefined;
  /** Use the model's partition (P-compositionality) for linearizability. Default true. */
  readonly partition?: boolean | undefined;
}

/** Options with every default filled in. */
export interface ResolvedSearchOptions {
  readonly timeoutMs: number;
  readonly maxConfigurations: number;
  readonly explain: boolean;
  readonly explainTimeoutMs: number;
  readonly partition: boolean;
}

/**
 * Validates and defaults search options.
 *
 * @example
 * ```ts
 * resolveSearchOptions({ timeoutMs: 500 }).maxConfigurations; // 4000000
 * ```
 */
export function resolveSearchOptions(o: SearchOptions = {}): ResolvedSearchOptions {
  const positive = (name: string, v: number | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    if (!(v > 0)) {
      throw new ConsistencyInputError("SPC-H007", `option ${name} is ${v}`, {}, "give a positive number");
    }
    return v;
  };
  return Object.freeze({
    timeoutMs: positive("timeoutMs", o.timeoutMs, Infinity),
    maxConfigurations: positive("maxConfigurations", o.maxConfigurations, 4_000_000),
    explain: o.explain ?? true,
    explainTimeoutMs: positive("explainTimeoutMs", o.explainTimeoutMs, 2000),
    partition: o.partition ?? true,
  });
}
