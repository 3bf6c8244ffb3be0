/**
 * Partition handling for linearizability (P-compositionality) and the scheduler that interleaves
 * the partitions' searches in one thread, in fixed slices, stopping at the first illegal one.
 * Interleaving is what makes Porcupine's c50-bad fast: some of its keys would explode a
 * key-by-key search while others fail in milliseconds. Worker threads would add the second core
 * but not change that picture, so they are not used.
 */

import type { Operation } from "../history.js";
import type { SequentialModel } from "../models/model.js";
import { CompiledModel } from "./compiled-model.js";
import type { ConfigBudget } from "./config-set.js";
import type { ResolvedSearchOptions } from "./options.js";
import { type SearchStatus, WglSearch } from "./wgl.js";

/** Iterations a partition's search runs before the scheduler moves on. */
const SLICE = 20_000;

/** One independently checkable part of a history. */
export interface Partition {
  readonly key: string | undefined;
  readonly ops: readonly Operation[];
  readonly model: SequentialModel<unknown>;
}

/**
 * Splits a history's live operations (failed ones removed: they did not happen) into the
 * model's partitions, or one partition when the model has none or `usePartition` is false.
 *
 * @example
 * ```ts
 * partitionsOf(h.ops, perKey(kvModel()), true).length; // one per key
 * ```
 */
export function partitionsOf(
  ops: readonly Operation[],
  model: SequentialModel<unknown>,
  usePartition: boolean,
): Partition[] {
  const live = ops.filter((op) => op.status !== "fail");
  if (!usePartition || model.partition === undefined) return [{ key: undefined, ops: live, model }];
  const inner = model.partitionModel ?? model;
  return [...model.partition(live)].map(([key, list]) => ({ key, ops: list, model: inner }));
}

/** What `runPartitions` found. */
export type PartitionOutcome =
  | { readonly status: "ok" }
  | { readonly status: "illegal"; readonly part: Partition }
  | { readonly status: "unknown"; readonly reason: string };

/**
 * Interleaves the partitions' searches until one is illegal, all are done, or the time or
 * configuration budget runs out.
 *
 * @example
 * ```ts
 * runPartitions(partitionsOf(h.ops, model, true), resolveSearchOptions()).status;
 * ```
 */
export function runPartitions(parts: readonly Partition[], opts: ResolvedSearchOptions): PartitionOutcome {
  const deadline = Date.now() + opts.timeoutMs;
  const budget: ConfigBudget = { used: 0, max: opts.maxConfigurations };
  let active = parts.map((part) => ({
    part,
    search: new WglSearch(part.ops, new CompiledModel(part.model, part.ops), budget),
  }));
  while (active.length > 0) {
    const still: typeof active = [];
    for (const a of active) {
      const status = a.search.run(SLICE);
      if (status === "illegal") return { status: "illegal", part: a.part };
      if (status === "budget") {
        return { status: "unknown", reason: `configuration budget of ${opts.maxConfigurations} exhausted` };
      }
      if (status === "running") still.push(a);
    }
    if (Date.now() > deadline) return { status: "unknown", reason: `timeout after ${opts.timeoutMs} ms` };
    active = still;
  }
  return { status: "ok" };
}

/**
 * Runs one search to the end on a list of operations; used by the explanation shrinker.
 *
 * @example
 * ```ts
 * searchOnce(ops, registerModel(), 100_000).status; // "ok" | "illegal" | "budget"
 * ```
 */
export function searchOnce(
  ops: readonly Operation[],
  model: SequentialModel<unknown>,
  maxConfigurations: number,
  trackLongest = false,
): { status: SearchStatus; longest: readonly number[] } {
  const budget = { used: 0, max: maxConfigurations };
  const search = new WglSearch(ops, new CompiledModel(model, ops), budget, trackLongest);
  let status = search.run(SLICE);
  while (status === "running") status = search.run(SLICE);
  return { status, longest: search.longest };
}
