/**
 * Params: normalising declarations, and resolving overrides (from `-p k=v`, a bug preset or the
 * library API) against them. Unknown names and ill-typed values are usage errors that list the
 * valid params, so a typo on the command line is never silently ignored.
 */

import { UsageError } from "../errors.js";
import type { ParamDefs, ParamSpec, ParamValue } from "./types.js";

/** A param declaration with every field filled in. */
export interface NormalizedParam {
  readonly name: string;
  readonly type: "number" | "string" | "boolean";
  readonly default: ParamValue;
  readonly values?: readonly ParamValue[];
  readonly min?: number;
  readonly max?: number;
  readonly integer: boolean;
  readonly pattern?: RegExp;
  readonly doc?: string;
}

function isParamSpec(v: ParamValue | ParamSpec): v is ParamSpec {
  return typeof v === "object" && v !== null;
}

/** Turns a spec's `params` into a list of normalised declarations (in declaration order). */
export function normalizeParams(defs: ParamDefs | undefined): NormalizedParam[] {
  const out: NormalizedParam[] = [];
  for (const [name, raw] of Object.entries(defs ?? {})) {
    const spec: ParamSpec = isParamSpec(raw) ? raw : { default: raw };
    const type = typeof spec.default as NormalizedParam["type"];
    out.push({
      name,
      type,
      default: spec.default,
      ...(spec.values ? { values: spec.values } : {}),
      ...(spec.min !== undefined ? { min: spec.min } : {}),
      ...(spec.max !== undefined ? { max: spec.max } : {}),
      integer: spec.integer ?? (type === "number" && Number.isInteger(spec.default)),
      ...(spec.pattern ? { pattern: spec.pattern } : {}),
      ...(spec.doc ? { doc: spec.doc } : {}),
    });
  }
  return out;
}

/** "rms: number = 3, network: unordered|ordered = unordered" — for error messages. */
export function describeParams(params: readonly NormalizedParam[]): string {
  if (params.length === 0) return "this spec has no params";
  return params
    .map((p) => `${p.name}: ${p.values ? p.values.join("|") : p.type} = ${String(p.default)}`)
    .join(", ");
}

function convert(
  p: NormalizedParam,
  raw: ParamValue,
  origin: string,
  all: readonly NormalizedParam[],
): ParamValue {
  const bad = (why: string): never => {
    throw new UsageError(
      "SPC-U005",
      `param ${p.name}=${String(raw)} (${origin}): ${why}. Valid params: ${describeParams(all)}`,
    );
  };
  let v: ParamValue = raw;
  if (p.type === "number") {
    if (typeof raw === "string") {
      if (raw.trim() === "" || !Number.isFinite(Number(raw))) bad("expected a number");
      v = Number(raw);
    }
    if (typeof v !== "number") bad("expected a number");
    if (p.integer && !Number.isInteger(v)) bad("expected an integer");
    if (p.min !== undefined && (v as number) < p.min) bad(`must be at least ${p.min}`);
    if (p.max !== undefined && (v as number) > p.max) bad(`must be at most ${p.max}`);
  } else if (p.type === "boolean") {
    if (typeof raw === "string") {
      if (raw !== "true" && raw !== "false") bad("expected true or false");
      v = raw === "true";
    }
    if (typeof v !== "boolean") bad("expected true or false");
  } else if (typeof raw !== "string") {
    bad("expected a string");
  } else if (p.pattern && !p.pattern.test(raw)) {
    bad(`expected a value matching ${p.pattern}${p.doc ? ` (${p.doc})` : ""}`);
  }
  if (p.values && !p.values.includes(v)) bad(`expected one of ${p.values.join(", ")}`);
  return v;
}

/**
 * Resolves overrides against declarations: every declared param gets a value (override or
 * default), converted to the declared type. `origin` says where overrides came from.
 */
export function resolveParams(
  params: readonly NormalizedParam[],
  overrides: Readonly<Record<string, ParamValue>>,
  origin: string,
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const name of Object.keys(overrides)) {
    if (!params.some((p) => p.name === name))
      throw new UsageError(
        "SPC-U004",
        `unknown param "${name}" (${origin}). Valid params: ${describeParams(params)}`,
      );
  }
  for (const p of params) {
    const raw = overrides[p.name];
    out[p.name] = raw === undefined ? p.default : convert(p, raw, origin, params);
  }
  return out;
}

/** Parses `-p` flags (`name=value`) into raw overrides; values stay strings until resolved. */
export function parseParamFlags(flags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    if (eq <= 0) throw new UsageError("SPC-U006", `-p ${flag}: expected name=value, e.g. -p rms=5`);
    out[flag.slice(0, eq).trim()] = flag.slice(eq + 1).trim();
  }
  return out;
}
