/**
 * The actor layer's compiled form. `ActorsStatic` is what a definition says regardless of
 * params (kinds, their handlers, durable fields); a `Runtime` adds what params decide (node
 * ids, network semantics, budgets). The model hands the same frozen params object to every
 * callback, so runtimes are cached per params object: callbacks in the hot loop pay one
 * WeakMap lookup, not a rebuild.
 */

import { SpecError, UsageError } from "../errors.js";
import type { ParamValue } from "../spec/types.js";
import { buildTopology, partitionGroups, type Topology } from "./topology.js";
import type { ActorParamValues, FaultCounts, Message, NodeId, NodeKind } from "./types.js";

// biome-ignore lint/suspicious/noExplicitAny: kinds are heterogeneous once compiled; types are checked at the definition.
export type AnyKind = NodeKind<any, Message, string, any, any>;

/** A kind, analysed once at definition time. */
export interface KindInfo {
  readonly name: string;
  readonly def: AnyKind;
  readonly prefix: string;
  readonly durable: ReadonlySet<string>;
  /** Message types it has handlers for. */
  readonly handles: ReadonlySet<string>;
  readonly timers: ReadonlySet<string>;
  readonly crashable: boolean;
}

/** What a definition says, independent of params. */
export interface ActorsStatic {
  readonly spec: string;
  readonly kinds: readonly KindInfo[];
  readonly kindByName: ReadonlyMap<string, KindInfo>;
  readonly history: boolean;
  readonly hasTimers: boolean;
}

/** Everything the actions need for one set of params. */
export interface Runtime {
  readonly statics: ActorsStatic;
  /** The model's params object, handed to user code unchanged. */
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly topology: Topology;
  readonly ordered: boolean;
  readonly lossy: boolean;
  readonly duplicating: boolean;
  readonly paranoid: boolean;
  readonly max: FaultCounts;
  /** The budgeted faults whose uses are counted in `state.faults`. */
  readonly counted: ReadonlySet<keyof FaultCounts>;
  /** Partition choices (computed on first use). */
  partitions(): readonly (readonly NodeId[])[];
  kindOf(id: NodeId): KindInfo;
}

function kindCount(spec: string, kind: KindInfo, params: Readonly<Record<string, ParamValue>>): number {
  const c = kind.def.count;
  let n: unknown;
  try {
    n = typeof c === "function" ? c(params) : c;
  } catch (e) {
    throw new SpecError("SPC-S002", `spec "${spec}": count of kind "${kind.name}" threw`, [], { cause: e });
  }
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
    throw new SpecError(
      "SPC-S001",
      `spec "${spec}": kind "${kind.name}" has count ${String(n)}; expected an integer >= 0`,
    );
  return n;
}

function checkCombination(
  spec: string,
  p: ActorParamValues,
  statics: ActorsStatic,
  total: number,
  byzCandidates: number,
) {
  if (total === 0)
    throw new SpecError("SPC-S001", `spec "${spec}": every kind has count 0; there are no nodes`);
  if (p.network === "ordered" && p.duplicating)
    throw new UsageError(
      "SPC-U005",
      `spec "${spec}": duplicating=true needs network=unordered (a FIFO channel would redeliver its head forever); use maxDuplicates for bounded duplication`,
    );
  if (p.byzantine > byzCandidates) {
    const kinds = statics.kinds.filter((k) => k.def.byzantine).map((k) => k.name);
    throw new UsageError(
      "SPC-U005",
      `spec "${spec}": byzantine=${p.byzantine}, but only ${byzCandidates} node(s) can be Byzantine ` +
        (kinds.length
          ? `(kinds with a \`byzantine\` generator: ${kinds.join(", ")})`
          : "(no kind declares a `byzantine` generator)"),
    );
  }
}

function buildRuntime(statics: ActorsStatic, params: Readonly<Record<string, ParamValue>>): Runtime {
  const p = params as unknown as ActorParamValues;
  const shapes = statics.kinds.map((k) => ({
    name: k.name,
    prefix: k.prefix,
    count: kindCount(statics.spec, k, params),
    canBeByzantine: k.def.byzantine !== undefined,
  }));
  const total = shapes.reduce((n, s) => n + s.count, 0);
  const byzCandidates = shapes.reduce((n, s) => n + (s.canBeByzantine ? s.count : 0), 0);
  checkCombination(statics.spec, p, statics, total, byzCandidates);
  const topology = buildTopology(shapes, p.byzantine);
  const lossy = p.lossy;
  const duplicating = p.duplicating;
  const max = {
    drops: p.maxDrops,
    duplicates: p.maxDuplicates,
    crashes: p.maxCrashes,
    partitions: p.maxPartitions,
  };
  const counted = new Set<keyof FaultCounts>();
  if (!lossy && max.drops > 0) counted.add("drops");
  if (!duplicating && max.duplicates > 0) counted.add("duplicates");
  if (max.crashes > 0) counted.add("crashes");
  if (max.partitions > 0) counted.add("partitions");
  let groups: readonly (readonly NodeId[])[] | undefined;
  return {
    statics,
    params,
    topology,
    ordered: p.network === "ordered",
    lossy,
    duplicating,
    paranoid: p.paranoid,
    max,
    counted,
    partitions: () => (groups ??= partitionGroups(topology.all)),
    kindOf: (id) => statics.kindByName.get(topology.kindOf.get(id)!)!,
  };
}

/** Returns a function from params to their (cached) runtime. */
export function runtimeCache(
  statics: ActorsStatic,
): (params: Readonly<Record<string, ParamValue>>) => Runtime {
  const cache = new WeakMap<object, Runtime>();
  return (params) => {
    let rt = cache.get(params);
    if (!rt) {
      rt = buildRuntime(statics, params);
      cache.set(params, rt);
    }
    return rt;
  };
}
