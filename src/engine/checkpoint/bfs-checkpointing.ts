/**
 * Wires checkpointing into a BFS run, sequential or parallel (`check` calls this when
 * `checkpoint` or `resume` is given): refuses specs whose liveness properties are to be
 * checked (the state graph is not saved), loads and verifies the checkpoint to resume from,
 * and saves the frontier when the search offers it and the interval has passed (or always,
 * when the search stops). The file is the same either way, so a run saved with one worker
 * count resumes with any other.
 */

import { UsageError } from "../../errors.js";
import type { Explorer } from "../explorer.js";
import type { ResolvedCheckOptions } from "../options.js";
import { readCheckpointFile, writeCheckpointFile } from "./checkpoint-file.js";
import type { BfsCheckpointHooks, BfsFrontier } from "./frontier.js";
import { assertSameRun, identityOf } from "./run-identity.js";
import { decodeCheckpoint, encodeCheckpoint, restoreCheckpoint } from "./snapshot.js";

/** The hooks for `runBfs`, or undefined when the run neither checkpoints nor resumes. */
export function bfsCheckpointing<S>(
  explorer: Explorer<S>,
  opts: ResolvedCheckOptions,
): BfsCheckpointHooks<S> | undefined {
  const cfg = opts.checkpoint;
  if (cfg === undefined) return undefined;
  if (explorer.graph) {
    const names = explorer.liveness.map((p) => p.name).join(", ");
    throw new UsageError(
      "SPC-U016",
      `checkpoints do not keep the state graph that liveness properties (${names}) need: check the safety properties with --only (e.g. --only ${explorer.invariants.map((p) => p.name).join(" ") || "<invariant>"})`,
    );
  }
  const identity = identityOf(explorer, opts);
  let resume: BfsFrontier<S> | undefined;
  if (opts.resume !== undefined) {
    const cp = decodeCheckpoint(readCheckpointFile(opts.resume), opts.resume);
    assertSameRun(cp.identity, identity, opts.resume);
    resume = restoreCheckpoint(explorer, cp);
  }
  let last = performance.now();
  const due = () => performance.now() - last >= cfg.everyMs;
  return {
    resume,
    due,
    save(frontier, force) {
      if (!force && !due()) return;
      explorer.current = -1; // a write failure is not attributed to a state
      writeCheckpointFile(cfg.dir, encodeCheckpoint(explorer, identity, frontier));
      last = performance.now();
    },
  };
}
