/**
 * Specter's own metadata in an ITF file, under `#meta.specter`: which spec, params and bug
 * preset produced the trace, the property it violates, and each step's action and argument
 * index, which is what makes the trace replayable (ITF itself only records states). Other
 * tools ignore unknown `#meta` fields, so the file stays plain ITF for them.
 *
 * Reading validates every field, so that replay can trust the shape and a hand-edited file
 * fails with the JSON path of the field that is wrong rather than deep inside the replay.
 */

import type { ViolationKind } from "../engine/result.js";
import type { ParamValue } from "../spec/types.js";
import { childPath, type ItfPlace, type Json, malformed } from "./itf-value.js";
import { INIT_ACTION } from "./trace.js";

/** One recorded step: the action, its argument's index in `over`, and how it reads. */
export interface ItfStepMeta {
  readonly action: string;
  readonly argIndex: number;
  readonly label: string;
}

/** `#meta.specter`. */
export interface SpecterMeta {
  /** The Specter version that wrote the file. */
  readonly version: string;
  /** The spec's name (a bundled spec's name is also its file name in specs/). */
  readonly spec: string;
  /** The spec's file, relative to the ITF file's directory, when it is not a bundled spec. */
  readonly specFile?: string;
  /** Every param's value (after the bug preset), so replay compiles exactly the same model. */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly bug: string | null;
  readonly strategy: string;
  readonly seed?: number;
  /** The property the trace violates, and how. */
  readonly property?: string;
  readonly kind?: ViolationKind;
  /** One entry per ITF state; steps[0] is the initial state (argIndex: which one). */
  readonly steps: readonly ItfStepMeta[];
  readonly loopsBackTo?: number;
  /** The spec's state is not a record: each ITF state holds it whole in the variable `state`. */
  readonly wholeState?: boolean;
}

const KINDS: readonly ViolationKind[] = [
  "invariant",
  "actionInvariant",
  "deadlock",
  "unreachedWitness",
  "liveness",
];

type Obj = { [key: string]: Json };

function isObj(v: Json | undefined): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function at(place: ItfPlace, key: string | number): ItfPlace {
  return { ...place, path: childPath(place.path, key) };
}

function str(o: Obj, key: string, place: ItfPlace, optional: boolean): string | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== "string")
    throw malformed(at(place, key), `expected a string, found ${JSON.stringify(v) ?? "nothing"}`);
  return v;
}

function index(o: Obj, key: string, place: ItfPlace, optional: boolean, below?: number): number | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || (below !== undefined && v >= below))
    throw malformed(
      at(place, key),
      `expected an integer from 0${below !== undefined ? ` to ${below - 1}` : ""}, found ${JSON.stringify(v) ?? "nothing"}`,
    );
  return v;
}

function readParams(v: Json | undefined, place: ItfPlace): Record<string, ParamValue> {
  if (!isObj(v)) throw malformed(place, "expected an object of param values");
  for (const [k, p] of Object.entries(v))
    if (typeof p !== "number" && typeof p !== "string" && typeof p !== "boolean")
      throw malformed(
        at(place, k),
        `a param must be a number, string or boolean, found ${JSON.stringify(p)}`,
      );
  return v as Record<string, ParamValue>;
}

function readSteps(v: Json | undefined, place: ItfPlace, stateCount: number): ItfStepMeta[] {
  if (!Array.isArray(v)) throw malformed(place, "expected an array of steps {action, argIndex, label}");
  if (v.length !== stateCount)
    throw malformed(
      place,
      `has ${v.length} steps but the file has ${stateCount} states: there must be one step per state`,
    );
  return v.map((s, i) => {
    const p = at(place, i);
    if (!isObj(s)) throw malformed(p, "expected a step {action, argIndex, label}");
    const action = str(s, "action", p, false)!;
    if (i === 0 && action !== INIT_ACTION)
      throw malformed(at(p, "action"), `step 0 is the initial state: its action must be "${INIT_ACTION}"`);
    if (i > 0 && action === INIT_ACTION)
      throw malformed(at(p, "action"), `"${INIT_ACTION}" may only be the action of step 0`);
    return { action, argIndex: index(s, "argIndex", p, false)!, label: str(s, "label", p, false)! };
  });
}

/**
 * Validates `#meta.specter` of a file with `stateCount` states.
 *
 * @example
 * readSpecterMeta(doc["#meta"].specter, { file: "t.itf.json", path: "$['#meta'].specter" }, 6);
 */
export function readSpecterMeta(v: Json | undefined, place: ItfPlace, stateCount: number): SpecterMeta {
  if (!isObj(v)) throw malformed(place, "expected an object with Specter's metadata");
  const kind = str(v, "kind", place, true);
  if (kind !== undefined && !KINDS.includes(kind as ViolationKind))
    throw malformed(at(place, "kind"), `expected one of ${KINDS.join(", ")}, found "${kind}"`);
  const bug = v.bug;
  if (bug !== null && bug !== undefined && typeof bug !== "string")
    throw malformed(at(place, "bug"), "expected a bug preset's name or null");
  if (v.wholeState !== undefined && typeof v.wholeState !== "boolean")
    throw malformed(at(place, "wholeState"), "expected true or false");
  const seed = v.seed;
  if (seed !== undefined && (typeof seed !== "number" || !Number.isInteger(seed)))
    throw malformed(at(place, "seed"), "expected an integer");
  const optional = {
    specFile: str(v, "specFile", place, true),
    seed,
    property: str(v, "property", place, true),
    kind: kind as ViolationKind | undefined,
    loopsBackTo: index(v, "loopsBackTo", place, true, stateCount),
    wholeState: v.wholeState === true ? true : undefined,
  };
  return {
    version: str(v, "version", place, false)!,
    spec: str(v, "spec", place, false)!,
    params: readParams(v.params, at(place, "params")),
    bug: bug ?? null,
    strategy: str(v, "strategy", place, true) ?? "bfs",
    steps: readSteps(v.steps, at(place, "steps"), stateCount),
    ...Object.fromEntries(Object.entries(optional).filter(([, x]) => x !== undefined)),
  };
}
