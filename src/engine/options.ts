/**
 * Check options, resolved once at the door (STYLE.md): users pass any subset; engines only ever
 * see the validated, defaulted, frozen `ResolvedCheckOptions`.
 */

import { UsageError } from "../errors.js";
import type { ParamValue } from "../spec/types.js";

/** A snapshot of a running search, for progress displays. */
export interface Progress {
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly queue: number;
  readonly depth: number;
  readonly elapsedMs: number;
}

/** Options of `check`; all optional. */
export interface CheckOptions {
  /** Param overrides (typed values, or strings as from the CLI). */
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** Apply a bug preset of the spec. */
  readonly bug?: string;
  readonly strategy?: "bfs";
  /** Stop after this many distinct states (the result is then incomplete). */
  readonly maxStates?: number;
  /** Do not expand states at this depth or deeper. */
  readonly maxDepth?: number;
  /** Stop after this many seconds. */
  readonly timeLimit?: number;
  /** Check for deadlock; default: the spec's own setting (true unless it says otherwise). */
  readonly deadlock?: boolean;
  /** Keep exploring after a violation, collecting one counterexample per property. */
  readonly continue?: boolean;
  /** Check only these invariants / action invariants (witnesses are always tracked). */
  readonly only?: readonly string[];
  /** Stops the search (reported as interrupted, with the statistics so far). */
  readonly signal?: AbortSignal;
  /** Called every `progressIntervalMs` while the search runs. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressIntervalMs?: number;
}

/** Options with every field decided. */
export interface ResolvedCheckOptions {
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly bug: string | undefined;
  readonly strategy: "bfs";
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly timeLimitMs: number;
  readonly deadlock: boolean | undefined;
  readonly continue: boolean;
  readonly only: readonly string[] | undefined;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((p: Progress) => void) | undefined;
  readonly progressIntervalMs: number;
}

function positive(name: string, v: number | undefined, integer: boolean): number {
  if (v === undefined) return Number.POSITIVE_INFINITY;
  if (typeof v !== "number" || Number.isNaN(v) || v <= 0 || (integer && !Number.isInteger(v)))
    throw new UsageError(
      "SPC-U006",
      `${name} must be a positive ${integer ? "integer" : "number"}, got ${String(v)}`,
    );
  return v;
}

/** Validates and defaults check options. */
export function resolveCheckOptions(o: CheckOptions = {}): ResolvedCheckOptions {
  if (o.strategy !== undefined && o.strategy !== "bfs")
    throw new UsageError("SPC-U006", `unknown strategy "${String(o.strategy)}"; available: bfs`);
  return Object.freeze({
    params: o.params ?? {},
    bug: o.bug,
    strategy: "bfs" as const,
    maxStates: positive("maxStates", o.maxStates, true),
    maxDepth: positive("maxDepth", o.maxDepth, true),
    timeLimitMs: positive("timeLimit", o.timeLimit, false) * 1000,
    deadlock: o.deadlock,
    continue: o.continue ?? false,
    only: o.only,
    signal: o.signal,
    onProgress: o.onProgress,
    progressIntervalMs: o.progressIntervalMs ?? 250,
  });
}
