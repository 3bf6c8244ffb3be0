/**
 * Breadth-first search, level by level: the first violation found is at the smallest depth, so
 * its counterexample is a shortest one. The frontier is two arrays swapped per level (no
 * `Array.shift`).
 */

import type { Explorer } from "./explorer.js";
import type { ResolvedCheckOptions } from "./options.js";
import { Pacer } from "./pacer.js";
import type { SearchOutcome } from "./search-outcome.js";

/** Runs BFS to completion or until a bound, a violation or an interrupt stops it. */
export async function runBfs<S>(
  explorer: Explorer<S>,
  options: ResolvedCheckOptions,
): Promise<SearchOutcome> {
  const pacer = new Pacer(options);
  let level: S[] = [];
  let levelIdx: number[] = [];
  let next: S[] = [];
  let nextIdx: number[] = [];
  const push = (idx: number, s: S) => {
    next.push(s);
    nextIdx.push(idx);
  };
  explorer.addInitialStates(push);
  let depth = 0;
  let cutByDepth = false;
  while (next.length > 0 && !explorer.stopRequested) {
    [level, next] = [next, level];
    [levelIdx, nextIdx] = [nextIdx, levelIdx];
    next.length = 0;
    nextIdx.length = 0;
    if (depth >= options.maxDepth) {
      cutByDepth = true;
      break;
    }
    for (let k = 0; k < level.length; k++) {
      explorer.expand(levelIdx[k]!, level[k]!, push);
      if (explorer.stopRequested) break;
      if (!pacer.due()) continue;
      const stop = await pacer.pause(() => ({
        distinctStates: explorer.set.size,
        generatedStates: explorer.generated,
        queue: level.length - k - 1 + next.length,
        depth: depth + 1,
      }));
      if (stop) return { depth: next.length > 0 ? depth + 1 : depth, stoppedBy: stop };
    }
    depth++;
    // A level that produced no new states means the previous level was the deepest.
    if (next.length === 0) depth--;
  }
  return { depth: Math.max(depth, 0), stoppedBy: explorer.stopReason(cutByDepth) };
}
