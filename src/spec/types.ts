/**
 * The types a spec author writes (ARCHITECTURE.md section 2). `defineSpec` takes a
 * `SpecDefinition` and returns a `Spec`; engines never see these types, only the `Model`
 * that `compileSpec` builds from them (model.ts).
 */

import type { Draft } from "./draft.js";
import type { Fairness, LivenessProperty } from "./liveness.js";

/** A param's value: the CLI can set numbers, strings and booleans (`-p rms=5`). */
export type ParamValue = number | string | boolean;

/** A param declared with more than its default. */
export interface ParamSpec<T extends ParamValue = ParamValue> {
  readonly default: T;
  /** The only values allowed (e.g. `["cp", "ap"]`). */
  readonly values?: readonly T[];
  /** Inclusive bounds for numbers. */
  readonly min?: number;
  readonly max?: number;
  /** Numbers must be integers (the default for numeric params whose default is an integer). */
  readonly integer?: boolean;
  /** Strings must match this (anchor it: `/^[ab]+(,[ab]+)*$/`); `doc` should say what it means. */
  readonly pattern?: RegExp;
  /** One line shown by `specter list`. */
  readonly doc?: string;
}

/** Param declarations: a bare default value or a `ParamSpec`. */
export type ParamDefs = Record<string, ParamValue | ParamSpec>;

type Widen<T> = T extends number ? number : T extends string ? string : T extends boolean ? boolean : never;

/** The resolved values of a spec's params, as actions and properties receive them. */
export type ParamValues<D extends ParamDefs> = {
  readonly [K in keyof D]: D[K] extends ParamSpec<infer T> ? Widen<T> : Widen<D[K]>;
};

/** What a step was: the action's name and its argument (undefined for actions without `over`). */
export interface StepInfo {
  readonly action: string;
  readonly arg: unknown;
}

/**
 * One action. The order of actions in `actions` and of values returned by `over` is the
 * action's identity: a trace is a list of (action, argument index) steps.
 */
// biome-ignore lint/suspicious/noExplicitAny: argument types vary per action; `any` keeps authoring ergonomic.
export interface ActionDef<S, P, A = any> {
  /** The argument domain in this state, e.g. `range(rms)`; omitted for actions without argument. */
  readonly over?: (state: S, params: P) => readonly A[];
  /** Enabling condition; omitted means always enabled. */
  readonly when?: (state: S, arg: A, params: P) => boolean;
  /** Mutates the immer draft of the state. Its return value is ignored. */
  readonly do: (draft: Draft<S>, arg: A, params: P) => unknown;
  /**
   * Whether the action can happen at all under these params (default: yes). An inactive
   * action has no arguments, and is not reported as "never enabled" (e.g. a fault whose
   * budget is 0).
   */
  readonly active?: (params: P) => boolean;
  /** How a step reads in traces (default: `name(arg)`), e.g. "deliver Ping n1 -> n2". */
  readonly label?: (arg: A, params: P) => string;
  /** One line for `specter list` and docs. */
  readonly doc?: string;
}

/** A named param preset that must violate `violates` (the checker's own regression gate). */
export interface BugPreset {
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly violates: string;
  readonly doc?: string;
}

/** A state predicate: true when the property holds in `state`. */
export type StatePredicate<S, P> = (state: S, params: P) => boolean;

/** A predicate over one step (TLC's action properties, e.g. "a term never decreases"). */
export type StepPredicate<S, P> = (before: S, after: S, step: StepInfo, params: P) => boolean;

/**
 * Symmetry: a set of interchangeable ids (0..size-1), e.g. resource managers or servers. The
 * checker stores one state per orbit — states equal up to renaming the ids — which must leave
 * the spec's actions and properties unchanged (the author's promise). Give `permute`, and the
 * checker takes the least fingerprint over every renaming (size! of them, like TLC's SYMMETRY);
 * or give `canonical`, a cheaper representative of the orbit (Stateright's `Representative`).
 */
export interface Symmetry<S, P> {
  /** How many interchangeable ids there are (1 or 0: no symmetry, e.g. to make it a param). */
  readonly size: (params: P) => number;
  /** The state with every id i renamed to perm[i]. */
  readonly permute?: (state: S, perm: readonly number[], params: P) => S;
  /** A representative of the state's orbit (equal for states equal up to renaming). */
  readonly canonical?: (state: S, params: P) => unknown;
}

/** What `defineSpec` accepts. */
export interface SpecDefinition<S, D extends ParamDefs = Record<never, never>> {
  /** The spec's name (bundled specs: the file name without extension). */
  readonly name: string;
  /** One line shown by `specter list`. */
  readonly summary?: string;
  readonly params?: D;
  /** The initial state. Give either `init` or `inits`. */
  readonly init?: (params: ParamValues<D>) => S;
  /** Several initial states, in a fixed order (the order is their identity in traces). */
  readonly inits?: (params: ParamValues<D>) => readonly S[];
  readonly actions: Readonly<Record<string, ActionDef<S, ParamValues<D>>>>;
  /** Safety properties: must hold in every reachable state. */
  readonly invariants?: Readonly<Record<string, StatePredicate<S, ParamValues<D>>>>;
  /** Properties of every step (before, after). Stutter steps are not checked. */
  readonly actionInvariants?: Readonly<Record<string, StepPredicate<S, ParamValues<D>>>>;
  /** Liveness properties (`eventually`, `alwaysEventually`, `leadsTo`, `eventuallyAlways`). */
  readonly properties?: Readonly<Record<string, LivenessProperty<S, ParamValues<D>>>>;
  /** Weak / strong fairness of actions, assumed by the liveness properties. */
  readonly fairness?: Fairness;
  /** Reachability goals: each must hold in some reachable state, or the check is vacuous. */
  readonly witnesses?: Readonly<Record<string, StatePredicate<S, ParamValues<D>>>>;
  /**
   * Bounds the search with TLC's CONSTRAINT semantics: a successor outside it is generated and
   * counted but neither stored, checked nor expanded.
   */
  readonly constraint?: StatePredicate<S, ParamValues<D>>;
  /**
   * Whether `constraint` is in force under these params (default: always). A constraint that a
   * param switches off should say so here, so that an unconstrained run is not reported (and
   * warned about) as constrained.
   */
  readonly constraintApplies?: (params: ParamValues<D>) => boolean;
  /** Interchangeable ids, for symmetry reduction (`--no-symmetry` turns it off). */
  readonly symmetry?: Symmetry<S, ParamValues<D>>;
  /** What is fingerprinted instead of the whole state (TLC's VIEW). */
  readonly view?: (state: S, params: ParamValues<D>) => unknown;
  /** Whether a state with no enabled action is an error (default true; `--no-deadlock` overrides). */
  readonly deadlock?: boolean;
  /** Named param presets with the property each must violate. */
  readonly bugs?: Readonly<Record<string, BugPreset>>;
}
