/**
 * The one core every strategy runs on (ARCHITECTURE.md section 1): it knows how to admit a
 * state (constraint, fingerprint, visited set, invariants, witnesses) and how to expand one
 * (enumerate enabled actions, apply them, check action invariants, admit successors, detect
 * deadlock), and it keeps the counts. Strategies only decide which state to expand next.
 *
 * This is the hot loop: index loops, no allocation per transition beyond what immer's `produce`
 * makes, stutter steps (same reference back from immer) are not hashed.
 */

import type { Model, NamedLiveness, NamedStateCheck, NamedStepCheck } from "../spec/model.js";
import { fingerprint } from "../state/fingerprint.js";
import { FingerprintSet } from "../state/fingerprint-set.js";
import { livenessBits } from "./liveness/check-liveness.js";
import { StateGraph } from "./liveness/state-graph.js";
import type { ResolvedCheckOptions } from "./options.js";
import type { StopReason, ViolationKind } from "./result.js";
import { StateHasher } from "./state-hasher.js";
import { encodeStep } from "./step-code.js";

/** A violation found during the search, before its trace is rebuilt. */
export interface FoundViolation {
  readonly property: string;
  readonly kind: ViolationKind;
  /** The violating state (for an action invariant: the state before the step). */
  readonly index: number;
  /** For an action invariant: the step that broke it. */
  readonly step?: { readonly action: number; readonly argIndex: number };
}

/** The counts and findings of a search so far, as a checkpoint keeps them. */
export interface ExplorerProgress {
  readonly generated: number;
  readonly enabledCount: Float64Array;
  readonly distinctCount: Float64Array;
  readonly witnessAt: Int32Array;
  readonly found: readonly FoundViolation[];
}

/** Receives each new distinct state (already checked) with its index in the visited set. */
export type NewStateSink<S> = (index: number, state: S) => void;

/** The shared core of all strategies. */
export class Explorer<S> {
  readonly set = new FingerprintSet();
  readonly strategy: ResolvedCheckOptions["strategy"];
  /** Whether states are reduced by symmetry (the spec declares one and it is not switched off). */
  readonly symmetric: boolean;
  readonly hasher: StateHasher<S>;
  readonly invariants: readonly NamedStateCheck<S>[];
  readonly actionInvariants: readonly NamedStepCheck<S>[];
  readonly witnesses: readonly NamedStateCheck<S>[];
  /** Liveness properties to check (after `only`). */
  readonly liveness: readonly NamedLiveness<S>[];
  readonly checkDeadlock: boolean;
  readonly enabledCount: Float64Array;
  readonly distinctCount: Float64Array;
  /** For each witness, the index of the first state where it held, or -1. */
  readonly witnessAt: Int32Array;
  readonly found: FoundViolation[] = [];
  generated = 0;
  /** Set when the search should end now (first violation, or maxStates reached). */
  stopRequested = false;
  /** Set when a new state was refused because of maxStates. */
  cutByMaxStates = false;
  /** The state being expanded or checked, for attributing errors thrown by spec code. */
  current = -1;
  /** The state graph, kept only for liveness properties under bfs/dfs. */
  readonly graph: StateGraph | undefined;
  /** Per action: the fairness key of the action as a whole, or -1 when it has no fairness. */
  readonly wholeKey: Int32Array;
  /** Per action: whether some fairness constraint is per argument (`each`). */
  private readonly eachArg: boolean[];
  private readonly violated = new Set<string>();
  private witnessesLeft: number;

  constructor(
    readonly model: Model<S>,
    private readonly options: ResolvedCheckOptions,
  ) {
    this.strategy = options.strategy;
    this.symmetric = options.symmetry && model.symmetry !== undefined;
    this.hasher = new StateHasher(model, options.symmetry);
    const only = options.only;
    this.invariants = only ? model.invariants.filter((p) => only.includes(p.name)) : model.invariants;
    this.actionInvariants = only
      ? model.actionInvariants.filter((p) => only.includes(p.name))
      : model.actionInvariants;
    this.witnesses = model.witnesses;
    this.liveness = only ? model.liveness.filter((p) => only.includes(p.name)) : model.liveness;
    this.checkDeadlock = options.deadlock ?? model.checkDeadlock;
    const n = model.actionNames.length;
    this.enabledCount = new Float64Array(n);
    this.distinctCount = new Float64Array(n);
    this.witnessAt = new Int32Array(this.witnesses.length).fill(-1);
    this.witnessesLeft = this.witnesses.length;
    const live = this.liveness.length > 0 && options.strategy !== "random";
    this.graph = live ? new StateGraph() : undefined;
    this.wholeKey = new Int32Array(n).fill(-1);
    this.eachArg = model.actionNames.map(() => false);
    for (const c of model.fairness) {
      if (this.graph) this.wholeKey[c.action] = this.graph.key(c.action, undefined);
      if (c.each && model.hasArgs[c.action]) this.eachArg[c.action] = true;
    }
  }

  /** Admits the initial states (those inside the constraint), in order. */
  addInitialStates(sink: NewStateSink<S>): void {
    const inits = this.model.initialStates;
    const constraint = this.model.constraint;
    for (let i = 0; i < inits.length && !this.stopRequested; i++) {
      const s = inits[i]!;
      this.generated++;
      if (constraint && !constraint(s)) continue;
      this.hasher.hash(s);
      const idx = this.admit(-1, i);
      if (idx < 0) continue;
      this.checkState(idx, s);
      sink(idx, s);
    }
  }

  /** Expands state `index`, passing each new distinct successor to `sink`. */
  expand(index: number, state: S, sink: NewStateSink<S>): void {
    const model = this.model;
    const nActions = model.actionNames.length;
    const constraint = model.constraint;
    const hasActionInvariants = this.actionInvariants.length > 0;
    let anyEnabled = false;
    this.current = index;
    const graph = this.graph;
    graph?.begin(index);
    for (let a = 0; a < nActions; a++) {
      const args = model.args(a, state);
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (!model.enabled(a, state, arg)) continue;
        anyEnabled = true;
        this.enabledCount[a]!++;
        const next = model.apply(a, state, arg);
        this.generated++;
        if (next === state) continue; // a stutter: enabled, but no new state
        if (constraint && !constraint(next)) {
          if (graph) this.recordEdge(graph, index, -1, a, i, arg);
          continue;
        }
        if (hasActionInvariants) this.checkStep(index, state, next, a, i, arg);
        this.hasher.hash(next);
        const idx = this.admit(index, encodeStep(a, i));
        if (graph) this.recordEdge(graph, index, idx >= 0 ? idx : this.set.foundIndex, a, i, arg);
        if (idx < 0) continue;
        this.distinctCount[a]!++;
        this.checkState(idx, next);
        sink(idx, next);
        this.current = index;
        if (this.stopRequested) return;
      }
    }
    graph?.end(!anyEnabled);
    if (!anyEnabled && this.checkDeadlock) this.record("deadlock", "deadlock", index);
  }

  /**
   * Records a state-changing step for liveness: an edge to `target` (-1: the successor is
   * outside the constraint, so only the enabledness is recorded) and the fairness keys it
   * enables. A step back to the same state is a stutter in TLA+'s sense and records nothing.
   */
  private recordEdge(
    graph: StateGraph,
    index: number,
    target: number,
    a: number,
    i: number,
    arg: unknown,
  ): void {
    if (target === index) return;
    const argKey = this.eachArg[a] ? graph.key(a, fingerprint(arg)) : -1;
    if (target >= 0) graph.addEdge(target, encodeStep(a, i), argKey);
    const whole = this.wholeKey[a]!;
    if (whole >= 0) graph.addEnabled(whole);
    if (argKey >= 0) graph.addEnabled(argKey);
  }

  /** Checks invariants and witnesses of a state just stored under `idx`. */
  checkState(idx: number, state: S): void {
    this.current = idx;
    if (this.graph) this.graph.setBits(idx, livenessBits(this.liveness, state));
    const invs = this.invariants;
    for (let k = 0; k < invs.length; k++) {
      const inv = invs[k]!;
      if (this.violated.size > 0 && this.violated.has(inv.name)) continue;
      if (!inv.test(state)) this.record(inv.name, "invariant", idx);
    }
    if (this.witnessesLeft > 0) {
      const ws = this.witnesses;
      for (let k = 0; k < ws.length; k++) {
        if (this.witnessAt[k] === -1 && ws[k]!.test(state)) {
          this.witnessAt[k] = idx;
          this.witnessesLeft--;
        }
      }
    }
  }

  /**
   * Resuming from a checkpoint: takes over the counts and findings of the run that wrote it (the
   * visited set is loaded separately). The violated properties and the witnesses left follow.
   */
  restore(saved: ExplorerProgress): void {
    this.generated = saved.generated;
    this.enabledCount.set(saved.enabledCount);
    this.distinctCount.set(saved.distinctCount);
    this.witnessAt.set(saved.witnessAt);
    this.witnessesLeft = this.witnessAt.filter((at) => at === -1).length;
    this.found.length = 0;
    for (const f of saved.found) {
      this.found.push(f);
      this.violated.add(f.property);
    }
  }

  /** Why the search ended early, once its loop is over (undefined: it explored everything). */
  stopReason(cutByDepth: boolean): StopReason | undefined {
    if (this.cutByMaxStates) return "maxStates";
    if (this.found.length > 0 && this.stopRequested) return "firstViolation";
    if (cutByDepth) return "maxDepth";
    return undefined;
  }

  private admit(parent: number, step: number): number {
    if (this.set.size >= this.options.maxStates) {
      if (this.set.indexOf(this.hasher.hi, this.hasher.lo) < 0) {
        this.cutByMaxStates = true;
        this.stopRequested = true;
      }
      return -1;
    }
    return this.set.add(this.hasher.hi, this.hasher.lo, parent, step);
  }

  private checkStep(index: number, before: S, after: S, a: number, argIndex: number, arg: unknown): void {
    const step = { action: this.model.actionNames[a]!, arg };
    for (const inv of this.actionInvariants) {
      if (this.violated.has(inv.name)) continue;
      if (!inv.test(before, after, step))
        this.record(inv.name, "actionInvariant", index, { action: a, argIndex });
    }
  }

  private record(property: string, kind: ViolationKind, index: number, step?: FoundViolation["step"]): void {
    if (this.violated.has(property)) return;
    this.violated.add(property);
    this.found.push(step ? { property, kind, index, step } : { property, kind, index });
    if (!this.options.continue) this.stopRequested = true;
  }
}
