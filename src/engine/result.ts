/**
 * What a check returns. A violation is a result, never an exception (fast-check's `check`
 * versus `assert`): `result` is "ok", "violation", "incomplete" (a bound cut the search short
 * and nothing was violated) or "error" (the spec itself is at fault, or the input was bad).
 */

import type { ErrorCode } from "../errors.js";
import type { ParamValue } from "../spec/types.js";
import type { Trace } from "../trace/trace.js";
import type { Strategy } from "./options.js";

/** How a property was violated. */
export type ViolationKind = "invariant" | "actionInvariant" | "deadlock" | "unreachedWitness" | "liveness";

/**
 * One violated property, with its counterexample (none for unreached witnesses): a shortest one
 * under BFS, a valid one under DFS.
 */
export interface Violation {
  readonly property: string;
  readonly kind: ViolationKind;
  /** One sentence for people: what went wrong. */
  readonly message: string;
  readonly trace?: Trace;
}

/** Whether a witness was reached, and the shortest path to it. */
export interface WitnessReport {
  readonly name: string;
  readonly reached: boolean;
  /** Steps to the first state where it holds. */
  readonly depth?: number;
  readonly trace?: Trace;
}

/** Per-action counts, TLC's coverage: how often the action was enabled, and new states it found. */
export interface ActionCoverage {
  readonly enabled: number;
  readonly distinct: number;
}

/** Why a search stopped before exploring everything ("runs": random search ran all its walks). */
export type StopReason = "maxStates" | "maxDepth" | "timeLimit" | "interrupted" | "firstViolation" | "runs";

/** What random search did, and how to reproduce it. */
export interface RandomStats {
  readonly seed: number;
  readonly walks: number;
  readonly steps: number;
  readonly stepsPerSecond?: number;
  readonly walksPerSecond?: number;
  /** fast-check's path to the shrunk counterexample walk: `--seed S --path P` replays it. */
  readonly path?: string;
  /** Length of the counterexample walk as first found, before shrinking. */
  readonly foundLength?: number;
  /** Its length after fast-check's shrinking, before step deletion. */
  readonly shrunkLength?: number;
}

/** A spec or usage fault found while checking (exit status 2). */
export interface CheckError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: readonly string[];
  /** The path to the state where the spec's code failed, when there is one. */
  readonly trace?: Trace;
  /** What the spec's code threw, for --verbose. */
  readonly cause?: unknown;
}

/** The outcome of `check`. */
export interface CheckResult {
  readonly spec: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly bug: string | undefined;
  readonly strategy: Strategy;
  readonly result: "ok" | "violation" | "incomplete" | "error";
  /** True only when every reachable state (within the constraint) was explored. */
  readonly complete: boolean;
  readonly stoppedBy: StopReason | undefined;
  readonly distinctStates: number;
  readonly generatedStates: number;
  /** The largest depth (steps from an initial state) of any stored state. */
  readonly depth: number;
  readonly durationMs: number;
  /** Distinct states per second. */
  readonly statesPerSecond: number;
  readonly coverage: Readonly<Record<string, ActionCoverage>>;
  readonly violations: readonly Violation[];
  readonly witnesses: readonly WitnessReport[];
  /** Properties that were checked (after `only`). */
  readonly checked: {
    readonly invariants: readonly string[];
    readonly actionInvariants: readonly string[];
    readonly deadlock: boolean;
    /** Liveness properties checked (empty when the search was cut short). */
    readonly properties?: readonly string[];
    /** Whether states were reduced by the spec's symmetry (one stored state per orbit). */
    readonly symmetry?: boolean;
  };
  /** Estimated probability that two distinct states shared a 64-bit fingerprint. */
  readonly collisionProbability: number;
  /** Bytes held by the visited set. */
  readonly visitedBytes: number;
  readonly warnings: readonly string[];
  /** Random search only. */
  readonly random?: RandomStats;
  /** bfs run with `workers` > 1: the worker threads used (1 when it fell back to sequential). */
  readonly workers?: number;
  readonly error?: CheckError;
}
