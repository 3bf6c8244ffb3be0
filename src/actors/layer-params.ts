/**
 * The params the actor layer adds to every actor spec, so that any protocol can be explored
 * under another network or fault model from the command line (`-p network=ordered
 * -p maxCrashes=1`) without touching the spec. The spec's `network` / `faults` settings are
 * only their defaults.
 *
 * Two kinds of fault switch, on purpose: `lossy` and `duplicating` are unbounded and cost no
 * state (no counter: any message may be lost, or received again, at any time), while the `max*`
 * budgets bound a fault and count its uses in the state (`faults`), which is what keeps
 * duplication, crashes and partitions finite.
 */

import type { ParamSpec } from "../spec/types.js";
import type { ActorParamValues, FaultOptions, NetworkOptions } from "./types.js";

/** Names of the params the layer adds; a spec's own params may not use them. */
export const LAYER_PARAM_NAMES: readonly (keyof ActorParamValues)[] = [
  "network",
  "lossy",
  "duplicating",
  "maxDrops",
  "maxDuplicates",
  "maxCrashes",
  "maxPartitions",
  "byzantine",
  "paranoid",
];

function budget(value: number | undefined, doc: string): ParamSpec<number> {
  return { default: value ?? 0, min: 0, integer: true, doc };
}

/** The layer's param declarations, with the spec's defaults. */
export function layerParams(
  network: NetworkOptions = {},
  faults: FaultOptions = {},
  paranoid = false,
): Record<keyof ActorParamValues, ParamSpec> {
  return {
    network: {
      default: network.order ?? "unordered",
      values: ["unordered", "ordered"],
      doc: "message order: unordered (a bag) or ordered (FIFO per directed pair)",
    },
    lossy: { default: network.lossy ?? false, doc: "any in-flight message may be lost, any number of times" },
    duplicating: {
      default: network.duplicating ?? false,
      doc: "delivery leaves messages in flight: each may be received any number of times (unordered only)",
    },
    maxDrops: budget(faults.maxDrops, "messages the network may drop (counted; see also lossy)"),
    maxDuplicates: budget(faults.maxDuplicates, "messages the network may duplicate"),
    maxCrashes: budget(
      faults.maxCrashes,
      "node crashes (a crashed node may restart with its durable fields)",
    ),
    maxPartitions: budget(faults.maxPartitions, "network partitions (each may heal)"),
    byzantine: budget(
      faults.byzantine,
      "Byzantine nodes (the first nodes of kinds with a `byzantine` generator)",
    ),
    paranoid: { default: paranoid, doc: "run every handler twice and fail on differences (slow)" },
  };
}
