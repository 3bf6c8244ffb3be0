/**
 * Trace minimisation (DSLabs' TraceMinimizer, delta debugging on steps): repeatedly tries to
 * delete one step of a counterexample and replays the rest — each remaining step matched by
 * action and argument value — keeping the deletion when the same property is still violated.
 * It complements fast-check's shrinking, which works on the walk's choice numbers: deleting a
 * choice re-interprets every later one, so fast-check alone often leaves redundant steps.
 * Deterministic, so a reproduced random run minimises to the same trace.
 */

import type { Model } from "../spec/model.js";
import { fingerprint } from "../state/fingerprint.js";
import type { Trace, TraceStep } from "../trace/trace.js";
import type { Explorer } from "./explorer.js";
import type { ViolationKind } from "./result.js";

const MAX_REPLAYS = 5_000;

function argIndexOf<S>(model: Model<S>, a: number, state: S, arg: unknown, hint: number): number {
  const args = model.args(a, state);
  if (!model.hasArgs[a]) return 0;
  const want = fingerprint(arg);
  if (hint < args.length && fingerprint(args[hint]) === want) return hint;
  return args.findIndex((x) => fingerprint(x) === want);
}

function deadlocked<S>(model: Model<S>, state: S): boolean {
  for (let a = 0; a < model.actionNames.length; a++)
    for (const arg of model.args(a, state)) if (model.enabled(a, state, arg)) return false;
  return true;
}

/**
 * Replays `steps` (after the initial one) from the trace's initial state; returns the trace cut
 * at the first violation of `property`, or undefined when a step no longer fits or the
 * property is never violated.
 */
function replayViolating<S>(
  explorer: Explorer<S>,
  steps: readonly TraceStep<S>[],
  property: string,
  kind: ViolationKind,
): TraceStep<S>[] | undefined {
  const model = explorer.model;
  const inv = explorer.invariants.find((p) => p.name === property);
  const actInv = explorer.actionInvariants.find((p) => p.name === property);
  let state = steps[0]!.state;
  const out: TraceStep<S>[] = [steps[0]!];
  const violated = (s: S) =>
    kind === "invariant" && inv ? !inv.test(s) : kind === "deadlock" && deadlocked(model, s);
  if (violated(state)) return out;
  for (let k = 1; k < steps.length; k++) {
    const step = steps[k]!;
    const a = model.actionNames.indexOf(step.action);
    const i = argIndexOf(model, a, state, step.arg, step.argIndex);
    if (i < 0) return undefined;
    const arg = model.args(a, state)[i];
    if (!model.enabled(a, state, arg)) return undefined;
    const next = model.apply(a, state, arg);
    out.push({ action: step.action, arg, argIndex: i, label: model.describeStep(a, arg), state: next });
    if (kind === "actionInvariant" && actInv && !actInv.test(state, next, { action: step.action, arg }))
      return out;
    if (model.constraint && !model.constraint(next)) return undefined;
    state = next;
    if (violated(state)) return out;
  }
  return undefined;
}

/**
 * Deletes steps from a counterexample while the same property stays violated: one at a time
 * until none can go, then two at a time (a crash and its restart, a timeout and the message it
 * sent), and one at a time again after each success.
 */
export function minimizeTrace<S>(
  explorer: Explorer<S>,
  trace: Trace<S>,
  property: string,
  kind: ViolationKind,
): Trace<S> {
  let steps = replayViolating(explorer, trace.steps, property, kind) ?? [...trace.steps];
  let replays = 0;
  const without = (drop: (k: number) => boolean) => {
    replays++;
    return replayViolating(
      explorer,
      steps.filter((_, k) => k === 0 || !drop(k)),
      property,
      kind,
    );
  };
  for (;;) {
    let changed = true;
    while (changed && replays < MAX_REPLAYS) {
      changed = false;
      for (let k = steps.length - 1; k >= 1 && replays < MAX_REPLAYS; k--) {
        if (k >= steps.length) continue;
        const shorter = without((j) => j === k);
        if (shorter) {
          steps = shorter;
          changed = true;
        }
      }
    }
    const pair = deletablePair(); // none once the replay budget is spent
    if (!pair) return { ...trace, steps };
    steps = pair;
  }

  /** The first pair of steps whose deletion keeps the violation, as the shorter trace. */
  function deletablePair(): TraceStep<S>[] | undefined {
    for (let k = steps.length - 1; k >= 2 && replays < MAX_REPLAYS; k--)
      for (let j = k - 1; j >= 1 && replays < MAX_REPLAYS; j--) {
        const shorter = without((i) => i === k || i === j);
        if (shorter) return shorter;
      }
    return undefined;
  }
}
