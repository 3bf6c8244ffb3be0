/**
 * Checks an actor definition once, at load time, and extracts what the actions need to know
 * about each kind (message types handled, timers, durable fields, id prefix). Mistakes are
 * reported with the spec's and kind's names before any search starts, like `defineSpec` does.
 */

import { SpecError } from "../errors.js";
import type { ParamDefs } from "../spec/types.js";
import { LAYER_PARAM_NAMES } from "./layer-params.js";
import type { ActorsStatic, AnyKind, KindInfo } from "./runtime.js";
import { PREFIX } from "./topology.js";
import type { ActorsDefinition, Message } from "./types.js";

function malformed(spec: string, what: string): never {
  throw new SpecError("SPC-S001", `spec "${spec}": ${what}`);
}

function functionsOf(spec: string, where: string, obj: unknown): string[] {
  if (obj === undefined) return [];
  if (typeof obj !== "object" || obj === null) malformed(spec, `${where} must be an object of functions`);
  for (const [k, f] of Object.entries(obj))
    if (typeof f !== "function") malformed(spec, `${where}.${k} must be a function`);
  return Object.keys(obj);
}

function analyseKind(spec: string, name: string, k: AnyKind): KindInfo {
  const where = `kind "${name}"`;
  if (typeof k !== "object" || k === null) malformed(spec, `${where} must be an object`);
  if (typeof k.init !== "function")
    malformed(spec, `${where} needs an \`init\` function (its nodes' initial state)`);
  if (typeof k.count !== "number" && typeof k.count !== "function")
    malformed(spec, `${where} needs a \`count\`: a number or a function of the params`);
  for (const f of ["onStart", "byzantine"] as const)
    if (k[f] !== undefined && typeof k[f] !== "function")
      malformed(spec, `${where}: \`${f}\` must be a function`);
  const prefix = k.prefix ?? name.charAt(0);
  if (!PREFIX.test(prefix))
    malformed(spec, `${where}: id prefix "${prefix}" must be letters or underscores (set \`prefix\`)`);
  const durable = k.durable ?? [];
  if (!Array.isArray(durable) || durable.some((f) => typeof f !== "string"))
    malformed(spec, `${where}: \`durable\` must be an array of field names`);
  return {
    name,
    def: k,
    prefix,
    durable: new Set(durable),
    handles: new Set(functionsOf(spec, `${where}: onMessage`, k.onMessage)),
    timers: new Set(functionsOf(spec, `${where}: onTimer`, k.onTimer)),
    crashable: k.crashable ?? true,
  };
}

/** Validates a definition and returns its params-independent part. */
export function analyse<M extends Message, N, D extends ParamDefs>(
  def: ActorsDefinition<M, N, D>,
): ActorsStatic {
  const spec = def?.name;
  if (typeof spec !== "string" || spec === "")
    throw new SpecError("SPC-S001", "an actor spec needs a non-empty `name`");
  if (typeof def.nodes !== "object" || def.nodes === null || Object.keys(def.nodes).length === 0)
    malformed(spec, "`nodes` must declare at least one node kind");
  const kinds = Object.entries(def.nodes as Record<string, AnyKind>).map(([name, k]) =>
    analyseKind(spec, name, k),
  );
  const prefixes = new Map<string, string>();
  for (const k of kinds) {
    const other = prefixes.get(k.prefix);
    if (other)
      malformed(
        spec,
        `kinds "${other}" and "${k.name}" both use id prefix "${k.prefix}"; set \`prefix\` on one`,
      );
    prefixes.set(k.prefix, k.name);
  }
  for (const p of Object.keys(def.params ?? {}))
    if ((LAYER_PARAM_NAMES as readonly string[]).includes(p))
      malformed(spec, `param "${p}" is reserved by the actor layer (${LAYER_PARAM_NAMES.join(", ")})`);
  return {
    spec,
    kinds,
    kindByName: new Map(kinds.map((k) => [k.name, k])),
    history: def.history ?? false,
    hasTimers: kinds.some((k) => k.timers.size > 0),
  };
}
