/**
 * One random walk, driven by a list of choice numbers: from initial state `choices[0] mod
 * #inits`, each step lists the enabled (action, argument) pairs in their fixed order and takes
 * pair `choices[k] mod #enabled`. Shrinking the list (fewer, smaller numbers) therefore gives a
 * shorter walk that prefers earlier actions. Invariants, action invariants and deadlock are
 * checked at every step; the walk ends when the choices run out, at a state outside the
 * constraint, or at the first violation.
 *
 * The walker reuses the explorer core's model, property lists and coverage counters, so
 * `--only`, the constraint and coverage mean the same as in BFS and DFS.
 */

import type { TraceStep } from "../trace/trace.js";
import { INIT_ACTION } from "../trace/trace.js";
import type { Explorer } from "./explorer.js";
import type { ViolationKind } from "./result.js";
import { encodeStep } from "./step-code.js";

/** How a walk ended. */
export interface WalkOutcome {
  /** Steps taken (transitions, stutters included). */
  readonly steps: number;
  readonly violation?: { readonly property: string; readonly kind: ViolationKind };
}

/** Runs walks against an explorer's model, recording coverage, distinct states and witnesses. */
export class Walker<S> {
  private readonly actionBuf: number[] = [];
  private readonly argIdxBuf: number[] = [];
  private readonly argBuf: unknown[] = [];
  /** For each witness: the choices and swarm mask of the first walk that reached it, and the step. */
  readonly witnessWalks: (
    | { choices: readonly number[]; disabled: readonly boolean[] | undefined; step: number }
    | undefined
  )[];
  /** False while re-running a walk to record it, so statistics count each walk once. */
  counting = true;

  constructor(readonly explorer: Explorer<S>) {
    this.witnessWalks = explorer.witnesses.map(() => undefined);
  }

  /**
   * Runs one walk. With `record`, returns the states visited as trace steps too. `disabled`
   * (swarm testing) masks actions out of the choice, but a state only counts as deadlocked
   * when no action at all is enabled.
   */
  run(
    choices: readonly number[],
    disabled: readonly boolean[] | undefined,
    record?: TraceStep<S>[],
  ): WalkOutcome {
    const ex = this.explorer;
    const model = ex.model;
    const inits = model.initialStates;
    const initIndex = (choices[0] ?? 0) % inits.length;
    let state: S = inits[initIndex] as S;
    record?.push({ action: INIT_ACTION, arg: undefined, argIndex: initIndex, label: "initial state", state });
    if (model.constraint && !model.constraint(state)) return { steps: 0 };
    if (this.counting) {
      ex.hasher.hash(state);
      ex.set.add(ex.hasher.hi, ex.hasher.lo, -1, initIndex);
    }
    const v0 = this.checkState(state, choices, disabled, 0);
    if (v0) return { steps: 0, violation: v0 };
    let steps = 0;
    for (let k = 1; k < choices.length; k++) {
      const { total, chosen } = this.enabled(state, disabled);
      if (total === 0) {
        if (ex.checkDeadlock) return { steps, violation: { property: "deadlock", kind: "deadlock" } };
        return { steps };
      }
      if (chosen === 0) return { steps }; // swarm mask left nothing to choose
      const pick = choices[k]! % chosen;
      const a = this.actionBuf[pick]!;
      const i = this.argIdxBuf[pick]!;
      const arg = this.argBuf[pick];
      const next = model.apply(a, state, arg);
      steps++;
      if (this.counting) ex.generated++;
      record?.push({
        action: model.actionNames[a]!,
        arg,
        argIndex: i,
        label: model.describeStep(a, arg),
        state: next,
      });
      if (next === state) continue;
      if (model.constraint && !model.constraint(next)) return { steps };
      const stepViolation = this.checkStep(state, next, a, arg);
      if (stepViolation) return { steps, violation: stepViolation };
      if (this.counting) this.noteDistinct(next, a, i);
      const v = this.checkState(next, choices, disabled, k);
      if (v) return { steps, violation: v };
      state = next;
    }
    return { steps };
  }

  /** Fills the buffers with the choosable enabled steps; counts all enabled ones. */
  private enabled(state: S, disabled: readonly boolean[] | undefined): { total: number; chosen: number } {
    const model = this.explorer.model;
    let total = 0;
    let chosen = 0;
    for (let a = 0; a < model.actionNames.length; a++) {
      const args = model.args(a, state);
      for (let i = 0; i < args.length; i++) {
        if (!model.enabled(a, state, args[i])) continue;
        total++;
        if (this.counting) this.explorer.enabledCount[a]!++;
        if (disabled?.[a]) continue;
        this.actionBuf[chosen] = a;
        this.argIdxBuf[chosen] = i;
        this.argBuf[chosen] = args[i];
        chosen++;
      }
    }
    return { total, chosen };
  }

  private noteDistinct(state: S, a: number, i: number): void {
    const ex = this.explorer;
    ex.hasher.hash(state);
    if (ex.set.add(ex.hasher.hi, ex.hasher.lo, -1, encodeStep(a, i)) >= 0) ex.distinctCount[a]!++;
  }

  private checkState(
    state: S,
    choices: readonly number[],
    disabled: readonly boolean[] | undefined,
    step: number,
  ): WalkOutcome["violation"] {
    const ex = this.explorer;
    for (const inv of ex.invariants) if (!inv.test(state)) return { property: inv.name, kind: "invariant" };
    ex.witnesses.forEach((w, k) => {
      if (this.witnessWalks[k] === undefined && w.test(state))
        this.witnessWalks[k] = { choices: choices.slice(0, step + 1), disabled, step };
    });
    return undefined;
  }

  private checkStep(before: S, after: S, a: number, arg: unknown): WalkOutcome["violation"] {
    const ex = this.explorer;
    if (ex.actionInvariants.length === 0) return undefined;
    const step = { action: ex.model.actionNames[a]!, arg };
    for (const inv of ex.actionInvariants)
      if (!inv.test(before, after, step)) return { property: inv.name, kind: "actionInvariant" };
    return undefined;
  }
}
