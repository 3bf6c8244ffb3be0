/**
 * What a checkpoint must agree on with the run that resumes it: the spec (name, actions,
 * witnesses), the resolved params and bug, and the options that change which states are stored
 * or what is recorded (only, symmetry, deadlock, continue). Bounds (maxStates, maxDepth,
 * timeLimit) may differ: they only decide where the resumed search stops.
 */

import { UsageError } from "../../errors.js";
import type { ParamValue } from "../../spec/types.js";
import type { Explorer } from "../explorer.js";
import type { ResolvedCheckOptions } from "../options.js";

/** The identity of a checked run, as saved in its checkpoints. */
export interface RunIdentity {
  readonly spec: string;
  readonly actions: readonly string[];
  readonly witnesses: readonly string[];
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly bug: string | null;
  readonly only: readonly string[] | null;
  readonly symmetry: boolean;
  readonly deadlock: boolean;
  readonly continue: boolean;
}

/** The identity of the run `explorer` performs. */
export function identityOf<S>(explorer: Explorer<S>, opts: ResolvedCheckOptions): RunIdentity {
  const { model } = explorer;
  return {
    spec: model.name,
    actions: [...model.actionNames],
    witnesses: explorer.witnesses.map((w) => w.name),
    params: { ...model.params },
    bug: model.bug ?? null,
    only: opts.only ? [...opts.only].sort() : null,
    symmetry: explorer.symmetric,
    deadlock: explorer.checkDeadlock,
    continue: opts.continue,
  };
}

function show(v: unknown): string {
  if (v !== null && typeof v === "object" && !Array.isArray(v))
    return JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))));
  return JSON.stringify(v);
}

/** Throws SPC-U016 listing every field where the checkpoint and this run differ. */
export function assertSameRun(saved: RunIdentity, current: RunIdentity, dir: string): void {
  const keys = Object.keys(current) as (keyof RunIdentity)[];
  const diffs = keys
    .filter((k) => show(saved[k]) !== show(current[k]))
    .map((k) => `  ${k}: checkpoint ${show(saved[k])}, this run ${show(current[k])}`);
  if (diffs.length === 0) return;
  throw new UsageError(
    "SPC-U016",
    `the checkpoint in ${dir} was saved by a different run: resume with the same spec, -p, --bug, --only, --no-symmetry, --no-deadlock and --continue as the run that wrote it`,
    diffs,
  );
}
