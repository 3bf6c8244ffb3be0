/**
 * `defineSpec`: checks the shape of a spec definition once, at load time, so that mistakes
 * (a missing `do`, a bug preset naming a property that does not exist, both `init` and
 * `inits`) are reported with the spec's name before any search starts.
 */

import { SpecError } from "../errors.js";
import { type NormalizedParam, normalizeParams } from "./params.js";
import type { ParamDefs, SpecDefinition } from "./types.js";

/** Marks spec objects; `Symbol.for` so that two copies of this module still agree. */
export const SPEC_MARK: unique symbol = Symbol.for("specter.spec") as never;

/**
 * A checked spec, ready to be compiled with params into a `Model`. `Spec` without a type
 * argument accepts a spec of any state type (a spec's functions take its state, so
 * `Spec<MyState>` is not assignable to `Spec<unknown>`).
 */
// biome-ignore lint/suspicious/noExplicitAny: the default makes `Spec` mean "a spec of any state".
export interface Spec<S = any> {
  readonly [SPEC_MARK]: true;
  readonly name: string;
  readonly summary: string;
  readonly params: readonly NormalizedParam[];
  // biome-ignore lint/suspicious/noExplicitAny: the definition is generic over its params.
  readonly definition: SpecDefinition<S, any>;
  /** Names of state invariants, action invariants and witnesses, in declaration order. */
  readonly invariantNames: readonly string[];
  readonly actionInvariantNames: readonly string[];
  readonly witnessNames: readonly string[];
  readonly actionNames: readonly string[];
  /** Names of liveness properties. */
  readonly propertyNames: readonly string[];
}

/** Returns whether `v` is a spec made by `defineSpec` (or `defineActors`). */
export function isSpec(v: unknown): v is Spec {
  return typeof v === "object" && v !== null && (v as Record<symbol, unknown>)[SPEC_MARK] === true;
}

/** Maximum number of actions (step codes pack the action index into 10 bits). */
export const MAX_ACTIONS = 1024;

function malformed(name: string, what: string): never {
  throw new SpecError("SPC-S001", `spec "${name}": ${what}`);
}

function checkActions(name: string, def: SpecDefinition<unknown, ParamDefs>): string[] {
  const actions = def.actions;
  if (typeof actions !== "object" || actions === null) malformed(name, "`actions` must be an object");
  const names = Object.keys(actions);
  if (names.length === 0) malformed(name, "`actions` is empty: a spec needs at least one action");
  if (names.length > MAX_ACTIONS) malformed(name, `at most ${MAX_ACTIONS} actions are supported`);
  for (const a of names) {
    const act = actions[a];
    if (a.startsWith("<")) malformed(name, `action name "${a}" may not start with "<"`);
    if (typeof act?.do !== "function") malformed(name, `action "${a}" needs a \`do\` function`);
    for (const k of ["over", "when", "label", "active"] as const)
      if (act[k] !== undefined && typeof act[k] !== "function")
        malformed(name, `action "${a}": \`${k}\` must be a function`);
  }
  return names;
}

function checkNamedFunctions(name: string, field: string, obj: unknown): string[] {
  if (obj === undefined) return [];
  if (typeof obj !== "object" || obj === null) malformed(name, `\`${field}\` must be an object of functions`);
  for (const [k, f] of Object.entries(obj))
    if (typeof f !== "function") malformed(name, `${field}.${k} must be a function`);
  return Object.keys(obj);
}

const LIVENESS_KINDS = ["eventually", "alwaysEventually", "leadsTo", "eventuallyAlways"];

function checkLiveness(
  name: string,
  def: SpecDefinition<unknown, ParamDefs>,
  actionNames: readonly string[],
): string[] {
  for (const [k, prop] of Object.entries(def.properties ?? {})) {
    if (!prop || !LIVENESS_KINDS.includes(prop.kind) || typeof prop.p !== "function")
      malformed(
        name,
        `properties.${k} must be built with eventually, alwaysEventually, leadsTo or eventuallyAlways`,
      );
    if (prop.kind === "leadsTo" && typeof prop.q !== "function")
      malformed(name, `properties.${k}: leadsTo needs two predicates`);
  }
  for (const strength of ["weak", "strong"] as const)
    for (const entry of def.fairness?.[strength] ?? []) {
      const action = typeof entry === "string" ? entry : entry?.action;
      if (!actionNames.includes(action))
        malformed(
          name,
          `fairness.${strength} names "${String(action)}", which is not an action (${actionNames.join(", ")})`,
        );
    }
  return Object.keys(def.properties ?? {});
}

/**
 * Defines a spec: a state machine with params, initial states, actions that mutate immer
 * drafts, and the properties to check.
 *
 * @example
 * export default defineSpec({
 *   name: "counter",
 *   params: { max: 3 },
 *   init: () => ({ n: 0 }),
 *   actions: { inc: { when: (s, _a, { max }) => s.n < max, do: (d) => { d.n++; } } },
 *   invariants: { bounded: (s, { max }) => s.n <= max },
 *   witnesses: { reachesMax: (s, { max }) => s.n === max },
 *   deadlock: false,
 * });
 */
export function defineSpec<S, D extends ParamDefs = Record<never, never>>(
  def: SpecDefinition<S, D>,
): Spec<S> {
  const name = def?.name;
  if (typeof name !== "string" || name === "")
    throw new SpecError("SPC-S001", "a spec needs a non-empty `name`");
  if ((def.init === undefined) === (def.inits === undefined))
    malformed(name, "give exactly one of `init` (one initial state) or `inits` (several)");
  const actionNames = checkActions(name, def as SpecDefinition<unknown, ParamDefs>);
  const invariantNames = checkNamedFunctions(name, "invariants", def.invariants);
  const actionInvariantNames = checkNamedFunctions(name, "actionInvariants", def.actionInvariants);
  const witnessNames = checkNamedFunctions(name, "witnesses", def.witnesses);
  const sym = def.symmetry;
  if (
    sym !== undefined &&
    (typeof sym.size !== "function" ||
      (typeof sym.permute !== "function") === (typeof sym.canonical !== "function"))
  )
    malformed(name, "`symmetry` needs `size` and exactly one of `permute` or `canonical`");
  const livenessNames = checkLiveness(name, def as SpecDefinition<unknown, ParamDefs>, actionNames);
  const propertyNames = [...invariantNames, ...actionInvariantNames, ...livenessNames, "deadlock"];
  const params = normalizeParams(def.params);
  for (const [bug, preset] of Object.entries(def.bugs ?? {})) {
    if (!propertyNames.includes(preset.violates))
      throw new SpecError(
        "SPC-S006",
        `spec "${name}": bug "${bug}" says it violates "${preset.violates}", which is not a property of the spec (${propertyNames.join(", ")})`,
      );
    for (const p of Object.keys(preset.params))
      if (!params.some((q) => q.name === p)) malformed(name, `bug "${bug}" sets unknown param "${p}"`);
  }
  return Object.freeze({
    [SPEC_MARK]: true as const,
    name,
    summary: def.summary ?? "",
    params,
    definition: def,
    invariantNames,
    actionInvariantNames,
    witnessNames,
    actionNames,
    propertyNames: livenessNames,
  });
}
