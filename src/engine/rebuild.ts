/**
 * Rebuilds a trace from the visited set: follows parent indices back to an initial state, then
 * replays the recorded steps through the model (states are not stored). Each replayed state's
 * fingerprint must match the recorded one; when it does not, the spec is nondeterministic and
 * the error says so, with the usual causes (Stateright's path-rebuild check).
 */

import { SpecError } from "../errors.js";
import type { Model } from "../spec/model.js";
import type { FingerprintSet } from "../state/fingerprint-set.js";
import { INIT_ACTION, type Trace, type TraceStep } from "../trace/trace.js";
import type { StateHasher } from "./state-hasher.js";
import { stepAction, stepArgIndex } from "./step-code.js";

/** The usual reasons a spec gives different results for the same step. */
export const NONDETERMINISM_HINT =
  "the spec is probably nondeterministic: look for Math.random, Date.now, module-level mutable state, " +
  "or iteration over a Map/Set whose order depends on how it was built";

function mismatch<S>(model: Model<S>, steps: readonly TraceStep<S>[], why: string): SpecError {
  const at = steps.map((s, i) => `  ${i}: ${s.label}`);
  return new SpecError(
    "SPC-S004",
    `spec "${model.name}": replaying the path to a state ${why}; ${NONDETERMINISM_HINT}`,
    ["path replayed so far:", ...at],
  );
}

/** Indices from an initial state to `index`, inclusive. */
export function pathTo(set: FingerprintSet, index: number): number[] {
  const path: number[] = [];
  for (let i = index; i >= 0; i = set.parent(i)) path.push(i);
  return path.reverse();
}

/** Replays the path to state `index` and returns it as a trace. */
export function rebuildTrace<S>(
  model: Model<S>,
  set: FingerprintSet,
  hasher: StateHasher<S>,
  index: number,
): Trace<S> {
  const path = pathTo(set, index);
  const steps: TraceStep<S>[] = [];
  const first = path[0]!;
  const initIndex = set.step(first);
  let state: S = model.initialStates[initIndex] as S;
  steps.push({ action: INIT_ACTION, arg: undefined, argIndex: initIndex, label: "initial state", state });
  for (let k = 1; k < path.length; k++) {
    const idx = path[k]!;
    const code = set.step(idx);
    const a = stepAction(code);
    const argIndex = stepArgIndex(code);
    const args = model.args(a, state);
    if (argIndex >= args.length)
      throw mismatch(
        model,
        steps,
        `found fewer arguments for ${model.actionNames[a]} than when it was explored`,
      );
    const arg = args[argIndex];
    if (!model.enabled(a, state, arg))
      throw mismatch(
        model,
        steps,
        `found ${model.describeStep(a, arg)} disabled where it was enabled before`,
      );
    state = model.apply(a, state, arg);
    hasher.hash(state);
    if (hasher.hi !== set.hi(idx) || hasher.lo !== set.lo(idx))
      throw mismatch(model, steps, `reached a different state after ${model.describeStep(a, arg)}`);
    steps.push({ action: model.actionNames[a]!, arg, argIndex, label: model.describeStep(a, arg), state });
  }
  return { spec: model.name, params: model.params, bug: model.bug, steps };
}

/** Appends one more step (e.g. the transition that broke an action invariant) to a trace. */
export function extendTrace<S>(model: Model<S>, trace: Trace<S>, a: number, argIndex: number): Trace<S> {
  const last = trace.steps[trace.steps.length - 1]!.state;
  const arg = model.args(a, last)[argIndex];
  const state = model.apply(a, last, arg);
  const step: TraceStep<S> = {
    action: model.actionNames[a]!,
    arg,
    argIndex,
    label: model.describeStep(a, arg),
    state,
  };
  return { ...trace, steps: [...trace.steps, step] };
}
