/**
 * Depth-first search with an explicit stack (no recursion) over the same explorer core and
 * visited set as BFS: it stores exactly the same distinct states when unbounded, but keeps only
 * the unexpanded successors along the current path family, which is far less than a BFS level
 * on wide state spaces. Counterexamples are valid paths, not necessarily shortest ones.
 *
 * With `--max-depth`, a state first reached by a long path is not expanded again when a shorter
 * path reaches it later (as in every DFS with a visited set), so states within the bound can be
 * missed; the result is reported incomplete whenever the bound cut anything.
 */

import type { Explorer } from "./explorer.js";
import type { ResolvedCheckOptions } from "./options.js";
import { Pacer } from "./pacer.js";
import type { SearchOutcome } from "./search-outcome.js";

/** Runs DFS to completion or until a bound, a violation or an interrupt stops it. */
export async function runDfs<S>(
  explorer: Explorer<S>,
  options: ResolvedCheckOptions,
): Promise<SearchOutcome> {
  const pacer = new Pacer(options);
  const states: S[] = [];
  const indices: number[] = [];
  const depths: number[] = [];
  let pushDepth = 0;
  const push = (idx: number, s: S) => {
    states.push(s);
    indices.push(idx);
    depths.push(pushDepth);
  };
  explorer.addInitialStates(push);
  // Successors are pushed in action order; reverse each batch so the first action is explored first.
  reverseFrom(states, indices, depths, 0);
  let maxDepth = 0;
  let cutByDepth = false;
  while (states.length > 0 && !explorer.stopRequested) {
    const s = states.pop()!;
    const idx = indices.pop()!;
    const d = depths.pop()!;
    if (d > maxDepth) maxDepth = d;
    if (d >= options.maxDepth) {
      cutByDepth = true;
      continue;
    }
    pushDepth = d + 1;
    const before = states.length;
    explorer.expand(idx, s, push);
    reverseFrom(states, indices, depths, before);
    if (states.length > before && d + 1 > maxDepth) maxDepth = d + 1;
    if (!pacer.due()) continue;
    const stop = await pacer.pause(() => ({
      distinctStates: explorer.set.size,
      generatedStates: explorer.generated,
      queue: states.length,
      depth: maxDepth,
    }));
    if (stop) return { depth: maxDepth, stoppedBy: stop };
  }
  return { depth: maxDepth, stoppedBy: explorer.stopReason(cutByDepth) };
}

function reverseFrom<S>(states: S[], indices: number[], depths: number[], from: number): void {
  for (let i = from, j = states.length - 1; i < j; i++, j--) {
    [states[i], states[j]] = [states[j]!, states[i]!];
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    [depths[i], depths[j]] = [depths[j]!, depths[i]!];
  }
}
