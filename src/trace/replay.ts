/**
 * Replays a recorded trace against a model: re-runs each step (action name + argument index)
 * from the recorded initial state, compares every resulting state's fingerprint with the
 * recorded one, and at the end evaluates the recorded property to say whether the violation
 * still occurs. This is what keeps committed counterexamples honest: a spec change that loses a
 * known bug, or nondeterminism in the spec, shows up as a replay that no longer fits.
 *
 * It returns a result and never prints. Disagreement is an outcome ("diverged"), not an
 * exception, because the CLI wants to show the steps that did replay before the one that did
 * not; only errors raised by the spec's own code (SpecError) are thrown.
 *
 * Whole states are compared, not the spec's `view`: a recorded file holds whole states, and a
 * deterministic spec reproduces them exactly.
 */

import { NONDETERMINISM_HINT } from "../engine/rebuild.js";
import type { ViolationKind } from "../engine/result.js";
import type { Model } from "../spec/model.js";
import { fingerprint } from "../state/fingerprint.js";
import { formatValue } from "../state/format-value.js";
import { type Change, diffStates } from "./diff.js";
import { lassoViolates } from "./replay-liveness.js";
import { INIT_ACTION, type Trace, type TraceStep } from "./trace.js";

/** Why a recorded step does not fit the model. */
export type DivergenceReason =
  | "initialStateOutOfRange"
  | "unknownAction"
  | "argIndexOutOfRange"
  | "notEnabled"
  | "stateMismatch"
  | "unknownProperty";

/** Where and why replay stopped fitting the recording. */
export interface Divergence {
  /** The step index in the trace (0: the initial state). */
  readonly step: number;
  readonly reason: DivergenceReason;
  /** One paragraph for people: where, what, and what to do. */
  readonly message: string;
  /** For a state mismatch: recorded → replayed. */
  readonly changes?: readonly Change[];
  readonly recorded?: unknown;
  readonly replayed?: unknown;
}

/** The recorded property to evaluate at the end. */
export interface ReplayTarget {
  readonly property?: string | undefined;
  readonly kind?: ViolationKind | undefined;
}

/** The outcome of a replay. */
export interface ReplayResult<S = unknown> {
  /**
   * reproduced: every step fits and the property is violated again; holds: every step fits
   * but the property now holds; replayed: every step fits and there was no property to
   * check (e.g. a witness's trace); diverged: a step (or the property) does not fit the model.
   */
  readonly verdict: "reproduced" | "holds" | "replayed" | "diverged";
  /** The steps that replayed, with states and arguments computed by the model. */
  readonly trace: Trace<S>;
  readonly property: string | undefined;
  readonly kind: ViolationKind | undefined;
  /** One sentence: the verdict in words. */
  readonly message: string;
  readonly divergence?: Divergence;
}

const CHANGED_HINT = `${NONDETERMINISM_HINT}; or the spec, its params or its argument domains changed since the trace was recorded`;

/** A step whose state is checked against the recording. */
interface Ctx<S> {
  readonly model: Model<S>;
  readonly recorded: Trace;
  readonly steps: TraceStep<S>[];
}

function diverge<S>(
  ctx: Ctx<S>,
  step: number,
  reason: DivergenceReason,
  what: string,
  extra: Partial<Divergence> = {},
) {
  const label = ctx.recorded.steps[step]?.label ?? "";
  const where = step === 0 ? "step 0 (initial state)" : `step ${step} (${label})`;
  return { step, reason, message: `${where}: ${what}`, ...extra };
}

function describeChanges(changes: readonly Change[]): string {
  const shown = changes.slice(0, 3).map((c) => {
    const path = c.path === "" ? "state" : c.path;
    if (c.kind === "changed")
      return `${path} was recorded as ${formatValue(c.before, 40)} but is ${formatValue(c.after, 40)}`;
    if (c.kind === "added") return `${path} now also has ${formatValue(c.after, 40)}`;
    return `${path} is missing ${formatValue(c.before, 40)}`;
  });
  const more = changes.length > 3 ? ` (and ${changes.length - 3} more differences)` : "";
  return `${shown.join("; ")}${more}`;
}

function compareState<S>(ctx: Ctx<S>, i: number, replayed: S, note: string): Divergence | undefined {
  const recorded = ctx.recorded.steps[i]!.state;
  if (fingerprint(recorded) === fingerprint(replayed)) return undefined;
  const changes = diffStates(recorded, replayed);
  const what = `replaying gives a different state than the one recorded: ${describeChanges(changes)}${note}; ${CHANGED_HINT}`;
  return diverge(ctx, i, "stateMismatch", what, { changes, recorded, replayed });
}

function replayInitial<S>(ctx: Ctx<S>): Divergence | undefined {
  const { model, recorded } = ctx;
  const idx = recorded.steps[0]!.argIndex;
  const n = model.initialStates.length;
  if (idx >= n)
    return diverge(
      ctx,
      0,
      "initialStateOutOfRange",
      `the trace starts from initial state #${idx}, but the spec now has ${n} initial state${n === 1 ? "" : "s"}; ${CHANGED_HINT}`,
    );
  const state = model.initialStates[idx]!;
  ctx.steps.push({ action: INIT_ACTION, arg: undefined, argIndex: idx, label: "initial state", state });
  return compareState(ctx, 0, state, "");
}

function replayStep<S>(ctx: Ctx<S>, i: number): Divergence | undefined {
  const { model } = ctx;
  const rec = ctx.recorded.steps[i]!;
  const before = ctx.steps[i - 1]!.state;
  const a = model.actionNames.indexOf(rec.action);
  if (a < 0)
    return diverge(
      ctx,
      i,
      "unknownAction",
      `the spec has no action "${rec.action}" (its actions: ${model.actionNames.join(", ")}); it was probably renamed or removed since the trace was recorded`,
    );
  const args = model.args(a, before);
  if (rec.argIndex >= args.length)
    return diverge(
      ctx,
      i,
      "argIndexOutOfRange",
      `${rec.action} was recorded with argument #${rec.argIndex}, but its \`over\` now gives ${args.length} argument${args.length === 1 ? "" : "s"} in this state; ${CHANGED_HINT}`,
    );
  const arg = args[rec.argIndex];
  const label = model.describeStep(a, arg);
  const relabelled =
    label !== rec.label ? ` (argument #${rec.argIndex} now reads ${label}, not ${rec.label})` : "";
  if (!model.enabled(a, before, arg))
    return diverge(
      ctx,
      i,
      "notEnabled",
      `${label} is not enabled in the state before it${relabelled}; the spec no longer allows this step`,
    );
  const state = model.apply(a, before, arg);
  ctx.steps.push({ action: rec.action, arg, argIndex: rec.argIndex, label, state });
  return compareState(ctx, i, state, relabelled);
}

function deadlocked<S>(model: Model<S>, state: S): boolean {
  for (let a = 0; a < model.actionNames.length; a++)
    for (const arg of model.args(a, state)) if (model.enabled(a, state, arg)) return false;
  return true;
}

/** Whether the property is violated at the end of the replayed steps; undefined: unknown property. */
function violatedAtEnd<S>(
  model: Model<S>,
  steps: readonly TraceStep<S>[],
  target: ReplayTarget,
  loopsBackTo: number | undefined,
): boolean | undefined {
  const last = steps[steps.length - 1]!;
  switch (target.kind) {
    case "deadlock":
      return deadlocked(model, last.state);
    case "actionInvariant": {
      const inv = model.actionInvariants.find((p) => p.name === target.property);
      const before = steps[steps.length - 2];
      if (!inv || !before) return undefined;
      return !inv.test(before.state, last.state, { action: last.action, arg: last.arg });
    }
    case "liveness":
      return lassoViolates(model, steps, loopsBackTo, target.property ?? "");
    default: {
      const inv = model.invariants.find((p) => p.name === target.property);
      return inv ? !inv.test(last.state) : undefined;
    }
  }
}

function finish<S>(ctx: Ctx<S>, target: ReplayTarget): Omit<ReplayResult<S>, "trace"> {
  const base = { property: target.property, kind: target.kind };
  const n = ctx.steps.length - 1;
  if (target.property === undefined || target.kind === undefined || target.kind === "unreachedWitness")
    return {
      ...base,
      verdict: "replayed",
      message: `all ${n} steps replay as recorded (no property to check)`,
    };
  const violated = violatedAtEnd(ctx.model, ctx.steps, target, ctx.recorded.loopsBackTo);
  if (violated === undefined) {
    const known =
      [...ctx.model.invariants, ...ctx.model.actionInvariants, ...ctx.model.liveness]
        .map((p) => p.name)
        .join(", ") || "none";
    const what = `the spec has no ${target.kind === "actionInvariant" ? "action invariant" : "invariant"} "${target.property}" (its properties: ${known})${target.kind === "actionInvariant" && n === 0 ? ", or the trace has no step to check it on" : ""}`;
    const d = diverge(ctx, n, "unknownProperty", what);
    return { ...base, verdict: "diverged", message: d.message, divergence: d };
  }
  const what =
    target.kind === "liveness"
      ? [
          `liveness property ${target.property} is violated by the recorded fair lasso`,
          `the lasso no longer violates ${target.property}`,
        ]
      : target.kind === "deadlock"
        ? ["deadlock: no action is enabled", "an action is enabled"]
        : target.kind === "actionInvariant"
          ? [
              `action invariant ${target.property} is violated by step ${n}`,
              `action invariant ${target.property} holds for step ${n}`,
            ]
          : [`invariant ${target.property} is violated`, `invariant ${target.property} holds`];
  return violated
    ? { ...base, verdict: "reproduced", message: `reproduced: ${what[0]} after ${n} steps, as recorded` }
    : {
        ...base,
        verdict: "holds",
        message: `the trace replays, but ${what[1]} after ${n} steps: the violation no longer occurs`,
      };
}

/**
 * Replays `recorded` (e.g. a decoded ITF trace) against `model` and evaluates the recorded
 * property at the end. Throws only when the spec's own code throws (SpecError).
 *
 * @example
 * const { trace, specter } = decodeItf(text, file);
 * const r = replayTrace(compileSpec(spec, { params: trace.params, bug: specter.bug }), trace, specter);
 * r.verdict; // "reproduced"
 */
export function replayTrace<S>(model: Model<S>, recorded: Trace, target: ReplayTarget = {}): ReplayResult<S> {
  const ctx: Ctx<S> = { model, recorded, steps: [] };
  let divergence = replayInitial(ctx);
  for (let i = 1; divergence === undefined && i < recorded.steps.length; i++) divergence = replayStep(ctx, i);
  const trace: Trace<S> = {
    spec: model.name,
    params: model.params,
    bug: model.bug,
    steps: ctx.steps,
    ...(recorded.loopsBackTo !== undefined && recorded.loopsBackTo < ctx.steps.length
      ? { loopsBackTo: recorded.loopsBackTo }
      : {}),
  };
  const base = { property: target.property, kind: target.kind };
  if (divergence) return { ...base, trace, verdict: "diverged", message: divergence.message, divergence };
  return { trace, ...finish(ctx, target) };
}
