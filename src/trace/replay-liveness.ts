/**
 * Re-checks a liveness counterexample (a lasso) against a model, independently of the graph
 * algorithms that found it: the loop must close (the last state is the state it loops back
 * to, or the system stutters in the last state), the cycle must be fair (every weakly fair
 * action enabled throughout the cycle is taken in it; every strongly fair action enabled
 * somewhere in it is taken in it), and the property's condition must fail along the lasso.
 * States are compared as the search compared them, through the spec's view: a step that changes
 * only what the view leaves out (a message no one can use any more) is a stutter there too.
 */

import type { FairnessConstraint, Model, NamedLiveness } from "../spec/model.js";
import { fingerprint } from "../state/fingerprint.js";
import type { TraceStep } from "./trace.js";

/** A state's identity as the search saw it: the fingerprint of its view. */
function identity<S>(model: Model<S>, state: S): string {
  return fingerprint(model.view ? model.view(state) : state);
}

/** Fairness keys ("a:*" and, for `each` actions, "a:<arg fingerprint>") that can change `state`. */
function enabledKeys<S>(model: Model<S>, state: S, each: ReadonlySet<number>): Set<string> {
  const keys = new Set<string>();
  const fp = identity(model, state);
  for (let a = 0; a < model.actionNames.length; a++)
    for (const arg of model.args(a, state)) {
      if (!model.enabled(a, state, arg)) continue;
      const next = model.apply(a, state, arg);
      if (next === state || identity(model, next) === fp) continue;
      keys.add(`${a}:*`);
      if (each.has(a)) keys.add(`${a}:${fingerprint(arg)}`);
    }
  return keys;
}

function cycleIsFair<S>(
  model: Model<S>,
  cycleStates: readonly S[],
  cycleSteps: readonly TraceStep<S>[],
): boolean {
  const fairness: readonly FairnessConstraint[] = model.fairness;
  if (fairness.length === 0) return true;
  const each = new Set(fairness.filter((c) => c.each && model.hasArgs[c.action]).map((c) => c.action));
  const enabled = cycleStates.map((s) => enabledKeys(model, s, each));
  const taken = new Set<string>();
  for (const st of cycleSteps) {
    const a = model.actionNames.indexOf(st.action);
    taken.add(`${a}:*`);
    if (each.has(a)) taken.add(`${a}:${fingerprint(st.arg)}`);
  }
  for (const c of fairness) {
    const prefix = `${c.action}:`;
    const keys = new Set<string>();
    for (const e of enabled)
      for (const k of e)
        if (k.startsWith(prefix) && k.endsWith(":*") !== (c.each && each.has(c.action))) keys.add(k);
    for (const k of keys) {
      if (taken.has(k)) continue;
      const everywhere = enabled.every((e) => e.has(k));
      if (c.strong || everywhere) return false;
    }
  }
  return true;
}

function conditionFails<S>(prop: NamedLiveness<S>, states: readonly S[], k: number): boolean {
  const cycle = states.slice(k);
  switch (prop.kind) {
    case "eventually":
      return states.every((s) => !prop.p(s));
    case "alwaysEventually":
      return cycle.every((s) => !prop.p(s));
    case "eventuallyAlways":
      return cycle.some((s) => !prop.p(s));
    case "leadsTo": {
      const q = prop.q!;
      if (!cycle.every((s) => !q(s))) return false;
      for (let i = 0; i < states.length; i++)
        if (prop.p(states[i]!) && states.slice(i).every((s) => !q(s))) return true;
      return false;
    }
  }
}

/**
 * Whether the lasso `steps` (looping back to `loopsBackTo`) violates liveness property
 * `property` of `model` under its fairness; undefined when the model has no such property.
 */
export function lassoViolates<S>(
  model: Model<S>,
  steps: readonly TraceStep<S>[],
  loopsBackTo: number | undefined,
  property: string,
): boolean | undefined {
  const prop = model.liveness.find((p) => p.name === property);
  if (!prop) return undefined;
  const last = steps.length - 1;
  if (loopsBackTo === undefined || loopsBackTo < 0 || loopsBackTo > last) return false;
  const states = steps.map((s) => s.state);
  let cycleStates: S[];
  let cycleSteps: TraceStep<S>[];
  if (loopsBackTo === last) {
    cycleStates = [states[last]!];
    cycleSteps = [];
  } else {
    if (identity(model, states[last]!) !== identity(model, states[loopsBackTo]!)) return false;
    cycleStates = states.slice(loopsBackTo, last);
    cycleSteps = steps.slice(loopsBackTo + 1);
  }
  const statesForCondition = loopsBackTo === last ? states : states.slice(0, last);
  return cycleIsFair(model, cycleStates, cycleSteps) && conditionFails(prop, statesForCondition, loopsBackTo);
}
