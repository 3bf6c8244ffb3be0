/**
 * Breadth-first search, level by level: the first violation found is at the smallest depth, so
 * its counterexample is a shortest one. The frontier is two arrays swapped per level (no
 * `Array.shift`). The search yields to the event loop every few dozen milliseconds so that an
 * interrupt (Ctrl-C, AbortSignal), the time limit and progress reports are served.
 */

import type { Explorer } from "./explorer.js";
import type { ResolvedCheckOptions } from "./options.js";
import type { StopReason } from "./result.js";

/** What the search loop reports back. */
export interface SearchOutcome {
  /** Largest depth of any stored state. */
  readonly depth: number;
  /** Why the search stopped early, if it did. */
  readonly stoppedBy: StopReason | undefined;
}

const YIELD_EVERY_MS = 50;
const CHECK_CLOCK_EVERY = 256;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs BFS to completion or until a bound, a violation or an interrupt stops it. */
export async function runBfs<S>(
  explorer: Explorer<S>,
  options: ResolvedCheckOptions,
): Promise<SearchOutcome> {
  const start = performance.now();
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
  let lastYield = start;
  let lastProgress = start;
  let sinceClock = 0;
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
      if (++sinceClock < CHECK_CLOCK_EVERY) continue;
      sinceClock = 0;
      const now = performance.now();
      if (now - start >= options.timeLimitMs) return { depth: depthOf(depth, next), stoppedBy: "timeLimit" };
      if (now - lastYield < YIELD_EVERY_MS) continue;
      await yieldToEventLoop();
      lastYield = performance.now();
      if (options.signal?.aborted) return { depth: depthOf(depth, next), stoppedBy: "interrupted" };
      if (options.onProgress && lastYield - lastProgress >= options.progressIntervalMs) {
        lastProgress = lastYield;
        options.onProgress({
          distinctStates: explorer.set.size,
          generatedStates: explorer.generated,
          queue: level.length - k - 1 + next.length,
          depth: depth + 1,
          elapsedMs: lastYield - start,
        });
      }
    }
    depth++;
    // A level with no new states means `depth - 1` was the last level with states.
    if (next.length === 0) depth--;
  }
  return { depth: Math.max(depth, 0), stoppedBy: stopReason(explorer, cutByDepth) };
}

function depthOf(depth: number, next: readonly unknown[]): number {
  return next.length > 0 ? depth + 1 : depth;
}

function stopReason<S>(explorer: Explorer<S>, cutByDepth: boolean): StopReason | undefined {
  if (explorer.cutByMaxStates) return "maxStates";
  if (explorer.found.length > 0 && explorer.stopRequested) return "firstViolation";
  if (cutByDepth) return "maxDepth";
  return undefined;
}
