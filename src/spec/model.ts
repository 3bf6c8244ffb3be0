/**
 * The `Model`: the only contract between specs and engines (Stateright's design). A spec plus
 * resolved params compiles to a Model; engines call its methods and never see spec syntax.
 * Every call into user code is wrapped here, so that an exception becomes a `SpecError` that
 * names the action, argument or property that threw (the engine adds the trace that led there).
 */

import { describeThrown, SpecError, UsageError } from "../errors.js";
import type { Spec } from "./define-spec.js";
import { deepFreeze, StateProducer } from "./draft.js";
import { formatArg } from "./format-arg.js";
import { resolveParams } from "./params.js";
import type { ActionDef, ParamValue, StepInfo } from "./types.js";

/** A named predicate over states. */
export interface NamedStateCheck<S> {
  readonly name: string;
  readonly test: (state: S) => boolean;
}

/** A named predicate over steps. */
export interface NamedStepCheck<S> {
  readonly name: string;
  readonly test: (before: S, after: S, step: StepInfo) => boolean;
}

/** A liveness property with its predicates wrapped. */
export interface NamedLiveness<S> {
  readonly name: string;
  readonly kind: "eventually" | "alwaysEventually" | "leadsTo" | "eventuallyAlways";
  readonly p: (state: S) => boolean;
  /** leadsTo's target. */
  readonly q?: (state: S) => boolean;
}

/** One fairness constraint, resolved to an action index. */
export interface FairnessConstraint {
  readonly action: number;
  /** Per argument (∀ arg) rather than for the action as a whole. */
  readonly each: boolean;
  readonly strong: boolean;
}

/** A compiled spec: what every engine explores. */
export interface Model<S = unknown> {
  readonly name: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The bug preset applied, if any. */
  readonly bug: string | undefined;
  readonly initialStates: readonly S[];
  readonly actionNames: readonly string[];
  /** Whether each action takes an argument (has `over`). */
  readonly hasArgs: readonly boolean[];
  /** Whether each action can happen at all under these params (`active`). */
  readonly active: readonly boolean[];
  /** The argument domain of action `a` in `state` ([undefined] for actions without `over`). */
  args(a: number, state: S): readonly unknown[];
  /** Whether action `a` with `arg` is enabled in `state`. */
  enabled(a: number, state: S, arg: unknown): boolean;
  /** The successor; the same reference when the step changes nothing (a stutter). */
  apply(a: number, state: S, arg: unknown): S;
  readonly invariants: readonly NamedStateCheck<S>[];
  readonly actionInvariants: readonly NamedStepCheck<S>[];
  readonly witnesses: readonly NamedStateCheck<S>[];
  readonly liveness: readonly NamedLiveness<S>[];
  readonly fairness: readonly FairnessConstraint[];
  /** TLC-style state constraint, or undefined. */
  readonly constraint: ((state: S) => boolean) | undefined;
  /** What is fingerprinted, or undefined for the whole state. */
  readonly view: ((state: S) => unknown) | undefined;
  /** Symmetry: the permutations to minimise over, or a canonical representative; undefined without. */
  readonly symmetry:
    | {
        readonly permute: (state: S, perm: readonly number[]) => S;
        readonly perms: readonly (readonly number[])[];
      }
    | { readonly canonical: (state: S) => unknown }
    | undefined;
  /** The spec's own deadlock setting (the CLI may turn it off). */
  readonly checkDeadlock: boolean;
  /** "rmPrepare(0)" — how a step is shown to people. */
  describeStep(a: number, arg: unknown): string;
}

/** How to compile: param overrides (strings from the CLI or typed values) and a bug preset. */
export interface CompileOptions {
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly bug?: string;
  /** Keep every produced state frozen, not only those of the first steps (see draft.ts). */
  readonly freezeStates?: boolean;
}

const NO_ARGS: readonly unknown[] = Object.freeze([undefined]);
const INACTIVE: readonly unknown[] = Object.freeze([]);

function threw(spec: string, where: string, e: unknown): SpecError | UsageError {
  // Specter's own errors (e.g. a bad param detected in init) already say where and what.
  if (e instanceof SpecError || e instanceof UsageError) return e;
  return new SpecError("SPC-S002", `spec "${spec}": ${where} threw ${describeThrown(e)}`, [], { cause: e });
}

function resolveBugParams<S>(spec: Spec<S>, bug: string | undefined): Record<string, ParamValue> {
  if (bug === undefined) return {};
  const preset = spec.definition.bugs?.[bug];
  if (!preset) {
    const known = Object.keys(spec.definition.bugs ?? {});
    throw new UsageError(
      "SPC-U007",
      `spec "${spec.name}" has no bug preset "${bug}"; ${known.length ? `its bugs are: ${known.join(", ")}` : "it has no bug presets"}`,
    );
  }
  return { ...preset.params };
}

function initialStates<S>(spec: Spec<S>, params: Record<string, ParamValue>): S[] {
  const def = spec.definition;
  let states: readonly S[];
  try {
    states = def.inits ? def.inits(params) : [def.init!(params)];
  } catch (e) {
    throw threw(spec.name, def.inits ? "inits" : "init", e);
  }
  if (!Array.isArray(states) || states.length === 0)
    throw new SpecError("SPC-S001", `spec "${spec.name}": \`inits\` must return a non-empty array of states`);
  return states.map((s) => deepFreeze(s));
}

function named<F>(spec: string, kind: string, obj: Readonly<Record<string, F>> | undefined) {
  return Object.entries(obj ?? {}).map(([name, f]) => ({ name, f, where: `${kind} "${name}"`, spec }));
}

/** Every permutation of 0..n-1, in lexicographic order (n! of them; refused beyond 8). */
export function permutations(n: number): number[][] {
  if (n > 8)
    throw new SpecError(
      "SPC-S001",
      `symmetry over ${n} ids means ${n}! permutations; give \`canonical\` instead`,
    );
  const p = Array.from({ length: n }, (_, i) => i);
  const out = [[...p]];
  for (;;) {
    // Next permutation: find the last ascent, swap with the smallest larger element after it, reverse the tail.
    let i = n - 2;
    while (i >= 0 && p[i]! >= p[i + 1]!) i--;
    if (i < 0) return out;
    let j = n - 1;
    while (p[j]! <= p[i]!) j--;
    [p[i], p[j]] = [p[j]!, p[i]!];
    for (let a = i + 1, b = n - 1; a < b; a++, b--) [p[a], p[b]] = [p[b]!, p[a]!];
    out.push([...p]);
  }
}

function compileSymmetry<S>(
  spec: Spec<S>,
  params: Readonly<Record<string, ParamValue>>,
): Model<S>["symmetry"] {
  const sym = spec.definition.symmetry;
  if (!sym) return undefined;
  const wrap = <T>(what: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw threw(spec.name, `symmetry.${what}`, e);
    }
  };
  const n = wrap("size", () => sym.size(params));
  // One id (or none) has nothing to rename: no reduction. Specs use this to make symmetry a param.
  if (n <= 1) return undefined;
  if (sym.canonical) {
    const canonical = sym.canonical;
    return { canonical: (s: S) => wrap("canonical", () => canonical(s, params)) };
  }
  const permute = sym.permute!;
  return {
    permute: (s: S, perm: readonly number[]) => wrap("permute", () => permute(s, perm, params)),
    perms: permutations(n),
  };
}

/** Compiles a spec with params (defaults, then the bug preset, then explicit overrides). */
export function compileSpec<S>(spec: Spec<S>, options: CompileOptions = {}): Model<S> {
  const bugParams = resolveBugParams(spec, options.bug);
  const fromBug = resolveParams(spec.params, bugParams, `bug preset ${options.bug}`);
  const params = Object.freeze(resolveParams(spec.params, { ...fromBug, ...(options.params ?? {}) }, "-p"));
  const def = spec.definition;
  const actions = spec.actionNames.map((n) => def.actions[n] as ActionDef<S, typeof params>);
  const name = spec.name;
  const producer = new StateProducer(options.freezeStates);
  const active = actions.map((act, a) => {
    if (!act.active) return true;
    try {
      return act.active(params) !== false;
    } catch (e) {
      throw threw(name, `active of action "${spec.actionNames[a]}"`, e);
    }
  });
  const label = (a: number, arg: unknown): string => {
    const act = actions[a]!;
    if (act.label) {
      try {
        return act.label(arg, params);
      } catch (e) {
        throw threw(name, `label of action "${spec.actionNames[a]}"`, e);
      }
    }
    return `${spec.actionNames[a]}${act.over ? `(${formatArg(arg)})` : ""}`;
  };
  return {
    name,
    params,
    bug: options.bug,
    initialStates: initialStates(spec, params),
    actionNames: spec.actionNames,
    hasArgs: actions.map((a) => a.over !== undefined),
    active,
    args(a, state) {
      if (!active[a]) return INACTIVE;
      const over = actions[a]!.over;
      if (!over) return NO_ARGS;
      let out: readonly unknown[];
      try {
        out = over(state, params);
      } catch (e) {
        throw threw(name, `over of action "${spec.actionNames[a]}"`, e);
      }
      if (!Array.isArray(out))
        throw new SpecError(
          "SPC-S001",
          `spec "${name}": over of action "${spec.actionNames[a]}" must return an array`,
        );
      return out;
    },
    enabled(a, state, arg) {
      const when = actions[a]!.when;
      if (!when) return true;
      try {
        return when(state, arg, params) === true;
      } catch (e) {
        throw threw(name, `when of ${label(a, arg)}`, e);
      }
    },
    apply(a, state, arg) {
      try {
        return producer.apply(state, actions[a]!.do, arg, params);
      } catch (e) {
        throw threw(name, `do of ${label(a, arg)}`, e);
      }
    },
    invariants: named(name, "invariant", def.invariants).map(({ name: n, f, where }) => ({
      name: n,
      test: (s: S) => {
        try {
          return f(s, params) === true;
        } catch (e) {
          throw threw(name, where, e);
        }
      },
    })),
    actionInvariants: named(name, "action invariant", def.actionInvariants).map(({ name: n, f, where }) => ({
      name: n,
      test: (b: S, a: S, step: StepInfo) => {
        try {
          return f(b, a, step, params) === true;
        } catch (e) {
          throw threw(name, where, e);
        }
      },
    })),
    witnesses: named(name, "witness", def.witnesses).map(({ name: n, f, where }) => ({
      name: n,
      test: (s: S) => {
        try {
          return f(s, params) === true;
        } catch (e) {
          throw threw(name, where, e);
        }
      },
    })),
    liveness: Object.entries(def.properties ?? {}).map(([n, prop]) => {
      const wrap = (f: (s: S, p: typeof params) => boolean, part: string) => (s: S) => {
        try {
          return f(s, params) === true;
        } catch (e) {
          throw threw(name, `property "${n}" (${part})`, e);
        }
      };
      return {
        name: n,
        kind: prop.kind,
        p: wrap(prop.p, "p"),
        ...(prop.kind === "leadsTo" ? { q: wrap(prop.q, "q") } : {}),
      };
    }),
    fairness: (["weak", "strong"] as const).flatMap((strength) =>
      (def.fairness?.[strength] ?? []).map((e) => ({
        action: spec.actionNames.indexOf(typeof e === "string" ? e : e.action),
        each: typeof e !== "string",
        strong: strength === "strong",
      })),
    ),
    constraint:
      def.constraint && (def.constraintApplies?.(params) ?? true)
        ? (s: S) => {
            try {
              return def.constraint!(s, params) === true;
            } catch (e) {
              throw threw(name, "constraint", e);
            }
          }
        : undefined,
    view: def.view
      ? (s: S) => {
          try {
            return def.view!(s, params);
          } catch (e) {
            throw threw(name, "view", e);
          }
        }
      : undefined,
    symmetry: compileSymmetry(spec, params),
    checkDeadlock: def.deadlock ?? true,
    describeStep: label,
  };
}
