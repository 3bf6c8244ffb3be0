/**
 * Shared helpers for the consistency tests: the shared data folder (beside the repository, as in
 * CI), a tiny history builder, and a brute-force linearizability / SC oracle for property tests.
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type History,
  historyFromOperations,
  type Operation,
  type SequentialModel,
} from "../../src/consistency/index.js";

/** /work/shared/consistency-data (resolved from this file, so it works from any checkout). */
export const DATA_DIR = new URL("../../../shared/consistency-data/", import.meta.url);

/** Absolute path of a file in the shared data folder. */
export function dataPath(rel: string): string {
  return fileURLToPath(new URL(rel, DATA_DIR));
}

/** Text of a file in the shared data folder. */
export function dataText(rel: string): string {
  return readFileSync(dataPath(rel), "utf8");
}

/** Shorthand for a timed operation: [process, f, value, result, invoke, complete]. */
export type OpTuple = [number, string, unknown, unknown, number, number | null];

/** Builds a history from tuples; a null completion means the outcome is unknown. */
export function timed(...ops: OpTuple[]): History {
  return historyFromOperations(
    ops.map(([process, f, value, result, invoke, complete]) => ({
      process,
      f,
      value,
      result,
      invoke,
      ...(complete === null ? { status: "unknown" as const } : { complete }),
    })),
  );
}

/**
 * Brute-force oracle: is there an order of all ok operations plus any subset of unknown ones
 * that the model accepts and that respects `before(a, b)`? Exponential; for tiny histories.
 */
export function bruteForce(
  ops: readonly Operation[],
  model: SequentialModel<unknown>,
  before: (a: Operation, b: Operation) => boolean,
): boolean {
  const live = ops.filter((o) => o.status !== "fail");
  const used = new Array<boolean>(live.length).fill(false);
  const go = (state: unknown, placed: number): boolean => {
    if (live.every((o, i) => used[i] || o.status === "unknown")) return true;
    for (let i = 0; i < live.length; i++) {
      if (used[i]) continue;
      const op = live[i]!;
      // an unplaced ok operation that must come first blocks `op`; unknown ones never must
      if (live.some((o, j) => !used[j] && j !== i && o.status === "ok" && before(o, op))) continue;
      const r = model.step(state, op);
      if (!r.ok) continue;
      used[i] = true;
      if (go(r.state, placed + 1)) return true;
      used[i] = false;
    }
    return false;
  };
  return go(model.init(), 0);
}

/** Real-time precedence: a completed before b was invoked. */
export const realTime = (a: Operation, b: Operation): boolean => a.complete < b.invoke;

/** Program order: same process, a invoked first. */
export const programOrder = (a: Operation, b: Operation): boolean =>
  a.process === b.process && a.invoke < b.invoke;
