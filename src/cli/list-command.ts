/**
 * `specter list`: the bundled specs with their params (and defaults), properties, witnesses and
 * bug presets. `--format json` prints an array, one object per spec: a public contract
 * documented in docs/cli.md.
 */

import type { Spec } from "../spec/define-spec.js";
import type { FairnessEntry } from "../spec/liveness.js";
import { ExitCode, type Io } from "./io.js";
import { bundledSpecNames, loadSpec } from "./load-spec.js";
import { reportError } from "./report-error.js";

function fairnessName(e: FairnessEntry): string {
  return typeof e === "string" ? e : `each(${e.action})`;
}

/** The JSON description of one spec. */
export function describeSpec(spec: Spec) {
  const def = spec.definition;
  return {
    name: spec.name,
    summary: spec.summary,
    params: Object.fromEntries(
      spec.params.map((p) => [
        p.name,
        {
          default: p.default,
          type: p.type,
          ...(p.values ? { values: p.values } : {}),
          ...(p.min !== undefined ? { min: p.min } : {}),
          ...(p.max !== undefined ? { max: p.max } : {}),
          ...(p.pattern ? { pattern: p.pattern.source } : {}),
          ...(p.doc ? { doc: p.doc } : {}),
        },
      ]),
    ),
    actions: spec.actionNames,
    invariants: spec.invariantNames,
    actionInvariants: spec.actionInvariantNames,
    properties: spec.propertyNames,
    fairness: {
      weak: (def.fairness?.weak ?? []).map(fairnessName),
      strong: (def.fairness?.strong ?? []).map(fairnessName),
    },
    witnesses: spec.witnessNames,
    deadlock: def.deadlock ?? true,
    bugs: Object.fromEntries(
      Object.entries(def.bugs ?? {}).map(([name, b]) => [
        name,
        { params: b.params, violates: b.violates, ...(b.doc ? { doc: b.doc } : {}) },
      ]),
    ),
  };
}

function textLines(d: ReturnType<typeof describeSpec>): string[] {
  const params = Object.entries(d.params).map(([k, p]) => `${k}=${String(p.default)}`);
  const lines = [`${d.name}  ${d.summary}`];
  if (params.length) lines.push(`  params:      ${params.join(" ")}`);
  if (d.invariants.length + d.actionInvariants.length)
    lines.push(`  invariants:  ${[...d.invariants, ...d.actionInvariants].join(", ")}`);
  if (d.properties.length) lines.push(`  properties:  ${d.properties.join(", ")}`);
  if (d.witnesses.length) lines.push(`  witnesses:   ${d.witnesses.join(", ")}`);
  for (const [name, b] of Object.entries(d.bugs)) lines.push(`  bug ${name}: violates ${b.violates}`);
  return lines;
}

/** Runs `specter list`. */
export async function listCommand(
  flags: { format: "text" | "json"; verbose?: boolean },
  io: Io,
): Promise<number> {
  const described = [];
  try {
    for (const name of bundledSpecNames()) described.push(describeSpec((await loadSpec(name)).spec));
  } catch (e) {
    return reportError(e, io, flags);
  }
  if (flags.format === "json") io.stdout(`${JSON.stringify(described, null, 2)}\n`);
  else io.stdout(`${described.map((d) => textLines(d).join("\n")).join("\n\n")}\n`);
  return ExitCode.ok;
}
