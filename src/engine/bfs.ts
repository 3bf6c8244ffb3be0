/**
 * Breadth-first search, level by level: the first violation found is at the smallest depth, so
 * its counterexample is a shortest one. The frontier is two arrays swapped per level (no
 * `Array.shift`). With checkpoint hooks it can start from a saved frontier and offers its
 * frontier for saving between levels and when it stops (checkpoint/).
 */

import type { BfsCheckpointHooks } from "./checkpoint/frontier.js";
import type { Explorer } from "./explorer.js";
import { expandLevel } from "./level-expansion.js";
import type { ResolvedCheckOptions } from "./options.js";
import { Pacer } from "./pacer.js";
import type { SearchOutcome } from "./search-outcome.js";

/** Runs BFS to completion or until a bound, a violation or an interrupt stops it. */
export async function runBfs<S>(
  explorer: Explorer<S>,
  options: ResolvedCheckOptions,
  checkpoint?: BfsCheckpointHooks<S>,
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
  let depth = 0;
  // Resuming enters the loop inside a level: the saved `level` is expanded first.
  const resume = checkpoint?.resume;
  let inLevel = resume !== undefined;
  if (resume) {
    level = [...resume.level];
    levelIdx = [...resume.levelIdx];
    next = [...resume.next];
    nextIdx = [...resume.nextIdx];
    depth = resume.depth;
  } else explorer.addInitialStates(push);
  let cutByDepth = false;
  while (inLevel || (next.length > 0 && !explorer.stopRequested)) {
    if (!inLevel) {
      checkpoint?.save({ depth, level: next, levelIdx: nextIdx, next: [], nextIdx: [] }, false);
      [level, next] = [next, level];
      [levelIdx, nextIdx] = [nextIdx, levelIdx];
      next.length = 0;
      nextIdx.length = 0;
    }
    inLevel = false;
    if (depth >= options.maxDepth) {
      cutByDepth = true;
      checkpoint?.save({ depth, level, levelIdx, next, nextIdx }, true);
      break;
    }
    const cut = await expandLevel(
      explorer,
      pacer,
      level,
      (k) => levelIdx[k]!,
      push,
      depth,
      () => next.length,
    );
    if (cut) {
      const rest = cut.at + 1;
      checkpoint?.save(
        { depth, level: level.slice(rest), levelIdx: levelIdx.slice(rest), next, nextIdx },
        true,
      );
      return { depth: next.length > 0 ? depth + 1 : depth, stoppedBy: cut.stoppedBy };
    }
    depth++;
    // A level that produced no new states means the previous level was the deepest.
    if (next.length === 0) depth--;
  }
  return { depth: Math.max(depth, 0), stoppedBy: explorer.stopReason(cutByDepth) };
}
