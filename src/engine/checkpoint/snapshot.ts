/**
 * A checkpoint's contents and their (de)serialisation with `node:v8` (which keeps Maps, Sets and
 * typed arrays): the run's identity, the visited set's columns, the BFS frontier (states and
 * indices), the depth, and the explorer's counts and findings. Decoding checks the shape, so a
 * payload that deserialises to something else is refused as corrupt rather than half-used.
 */

import { deserialize, serialize } from "node:v8";
import { UsageError } from "../../errors.js";
import { deepFreeze } from "../../spec/draft.js";
import type { FingerprintColumns } from "../../state/fingerprint-set.js";
import type { Explorer, ExplorerProgress, FoundViolation } from "../explorer.js";
import type { BfsFrontier } from "./frontier.js";
import type { RunIdentity } from "./run-identity.js";

/** Everything needed to continue a BFS as if it had never stopped. */
export interface Checkpoint {
  readonly identity: RunIdentity;
  readonly savedAt: string;
  readonly depth: number;
  readonly level: readonly unknown[];
  readonly levelIdx: Int32Array;
  readonly next: readonly unknown[];
  readonly nextIdx: Int32Array;
  readonly set: FingerprintColumns;
  readonly progress: ExplorerProgress;
}

/** Takes a checkpoint of `explorer` at `frontier` and serialises it. */
export function encodeCheckpoint<S>(
  explorer: Explorer<S>,
  identity: RunIdentity,
  frontier: BfsFrontier<S>,
): Uint8Array {
  const cp: Checkpoint = {
    identity,
    savedAt: new Date().toISOString(),
    depth: frontier.depth,
    level: frontier.level,
    levelIdx: Int32Array.from(frontier.levelIdx),
    next: frontier.next,
    nextIdx: Int32Array.from(frontier.nextIdx),
    set: explorer.set.columns(),
    progress: {
      generated: explorer.generated,
      enabledCount: explorer.enabledCount,
      distinctCount: explorer.distinctCount,
      witnessAt: explorer.witnessAt,
      found: explorer.found.map((f) => ({ ...f })),
    },
  };
  return serialize(cp);
}

function corrupt(dir: string, what: string): UsageError {
  return new UsageError("SPC-U015", `checkpoint in ${dir} is corrupt (${what}): it cannot be resumed`);
}

const isInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

function checkFound(f: unknown): f is FoundViolation {
  if (f === null || typeof f !== "object") return false;
  const o = f as Record<string, unknown>;
  return typeof o.property === "string" && typeof o.kind === "string" && isInt(o.index);
}

/** Deserialises and shape-checks a checkpoint payload; SPC-U015 when it is not one. */
export function decodeCheckpoint(payload: Uint8Array, dir: string): Checkpoint {
  let v: unknown;
  try {
    v = deserialize(payload);
  } catch {
    throw corrupt(dir, "cannot be deserialised");
  }
  const cp = v as Partial<Checkpoint> | null;
  if (cp === null || typeof cp !== "object" || typeof cp.identity !== "object")
    throw corrupt(dir, "no identity");
  const set = cp.set;
  if (
    !set ||
    !(set.hi instanceof Uint32Array) ||
    !(set.lo instanceof Uint32Array) ||
    !(set.parent instanceof Int32Array) ||
    !(set.step instanceof Uint32Array) ||
    new Set([set.hi.length, set.lo.length, set.parent.length, set.step.length]).size !== 1
  )
    throw corrupt(dir, "visited set");
  const n = set.hi.length;
  const inSet = (idx: Int32Array | undefined, states: readonly unknown[] | undefined) =>
    idx instanceof Int32Array &&
    Array.isArray(states) &&
    idx.length === states.length &&
    idx.every((i) => i >= 0 && i < n);
  if (!isInt(cp.depth) || !inSet(cp.levelIdx, cp.level) || !inSet(cp.nextIdx, cp.next))
    throw corrupt(dir, "frontier");
  const p = cp.progress;
  if (
    !p ||
    !isInt(p.generated) ||
    !(p.enabledCount instanceof Float64Array) ||
    !(p.distinctCount instanceof Float64Array) ||
    !(p.witnessAt instanceof Int32Array) ||
    !Array.isArray(p.found) ||
    !p.found.every(checkFound)
  )
    throw corrupt(dir, "counters");
  return cp as Checkpoint;
}

/**
 * Loads a decoded checkpoint into a fresh explorer and returns the frontier to continue from.
 * The identity must already have been checked. States are deep-frozen, as produced ones are.
 */
export function restoreCheckpoint<S>(explorer: Explorer<S>, cp: Checkpoint): BfsFrontier<S> {
  if (
    cp.progress.enabledCount.length !== explorer.enabledCount.length ||
    cp.progress.witnessAt.length !== explorer.witnessAt.length
  )
    throw new UsageError(
      "SPC-U016",
      "the checkpoint's counters do not fit this spec's actions and witnesses",
    );
  explorer.set.load(cp.set);
  explorer.restore(cp.progress);
  const states = (xs: readonly unknown[]) => xs.map((s) => deepFreeze(s) as S);
  return {
    depth: cp.depth,
    level: states(cp.level),
    levelIdx: Array.from(cp.levelIdx),
    next: states(cp.next),
    nextIdx: Array.from(cp.nextIdx),
  };
}
