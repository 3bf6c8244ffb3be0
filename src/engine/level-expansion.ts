/**
 * Expanding one BFS level on the current thread, in order, paced for the time limit,
 * interrupts and progress reports. Shared by sequential BFS (bfs.ts) and by parallel BFS when
 * it finishes or replays a level on the main thread (parallel/parallel-bfs.ts), so both admit
 * states in the same order and stop at the same places.
 */

import type { Explorer } from "./explorer.js";
import type { Pacer } from "./pacer.js";
import type { StopReason } from "./result.js";

/** Where a level's expansion stopped early. */
export interface LevelStop {
  readonly stoppedBy: StopReason;
  /** The position in the level of the last state expanded; the states after it are left. */
  readonly at: number;
}

/**
 * Expands `level[k]` (its visited-set index `indexOf(k)`) for each k in order, passing new
 * states to `push`, until the level ends, the explorer asks to stop, or the pacer says stop
 * (time limit, interrupt), which is returned with the position reached. `queued()` is the
 * number of states already in the next level, for progress reports; `depth` the level's depth.
 */
export async function expandLevel<S>(
  explorer: Explorer<S>,
  pacer: Pacer,
  level: readonly S[],
  indexOf: (k: number) => number,
  push: (idx: number, s: S) => void,
  depth: number,
  queued: () => number,
): Promise<LevelStop | undefined> {
  for (let k = 0; k < level.length; k++) {
    explorer.expand(indexOf(k), level[k]!, push);
    if (explorer.stopRequested) return undefined;
    if (!pacer.due()) continue;
    const stoppedBy = await pacer.pause(() => ({
      distinctStates: explorer.set.size,
      generatedStates: explorer.generated,
      queue: level.length - k - 1 + queued(),
      depth: depth + 1,
    }));
    if (stoppedBy) return { stoppedBy, at: k };
  }
  return undefined;
}
