/**
 * The `Trace`: a counterexample or witness example as a list of steps from an initial state,
 * each with the action, its argument and the state after it (ARCHITECTURE.md section 6). The
 * argument's index in the action's `over` domain is kept as well, so a trace replays exactly
 * even when two arguments print alike. A lasso (liveness) sets `loopsBackTo`.
 */

import type { ParamValue } from "../spec/types.js";

/** The `action` of step 0, which is the initial state rather than a step. */
export const INIT_ACTION = "<init>";

/** One step of a trace. */
export interface TraceStep<S = unknown> {
  /** The action's name, or INIT_ACTION for step 0. */
  readonly action: string;
  /** The action's argument (undefined for actions without `over`, and for step 0). */
  readonly arg: unknown;
  /** The argument's index in `over` (step 0: which initial state). */
  readonly argIndex: number;
  /** How the step reads to a person: "rmPrepare(0)", or "initial state". */
  readonly label: string;
  /** The state after the step. */
  readonly state: S;
}

/** A path through a spec's states, replayable against the spec. */
export interface Trace<S = unknown> {
  readonly spec: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The bug preset the trace was found with, if any. */
  readonly bug?: string | undefined;
  /** steps[0] is the initial state. */
  readonly steps: readonly TraceStep<S>[];
  /** For a lasso: the index of the step the last step loops back to. */
  readonly loopsBackTo?: number | undefined;
}

/** Number of transitions in a trace (steps after the initial state). */
export function traceLength(trace: Trace): number {
  return trace.steps.length - 1;
}
