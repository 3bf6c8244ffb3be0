/**
 * Shrinks a failing set of operations to a small one that still fails (Zeller's delta debugging,
 * complement-only variant): try removing large chunks first, then smaller ones, down to single
 * operations. When no single item can be removed the result is 1-minimal. Each test is a fresh
 * search on a smaller history, so the whole shrink is bounded by a deadline; past it, the
 * current (larger, still failing) set is returned with `minimal: false`.
 */

/** The outcome of `shrinkFailing`. */
export interface Shrunk<T> {
  readonly items: readonly T[];
  readonly minimal: boolean;
}

/**
 * Removes items while `fails` stays true.
 *
 * @example
 * ```ts
 * shrinkFailing([1, 2, 3, 4], (xs) => xs.includes(3), Date.now() + 100).items; // [3]
 * ```
 */
export function shrinkFailing<T>(
  items: readonly T[],
  fails: (subset: readonly T[]) => boolean,
  deadline: number,
): Shrunk<T> {
  let cur = items;
  let n = 2;
  while (cur.length >= 2) {
    if (Date.now() > deadline) return { items: cur, minimal: false };
    const chunk = Math.ceil(cur.length / n);
    let reduced = false;
    for (let start = 0; start < cur.length; start += chunk) {
      const candidate = [...cur.slice(0, start), ...cur.slice(start + chunk)];
      if (candidate.length > 0 && fails(candidate)) {
        cur = candidate;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
      if (Date.now() > deadline) return { items: cur, minimal: false };
    }
    if (!reduced) {
      if (n >= cur.length) break;
      n = Math.min(cur.length, n * 2);
    }
  }
  return { items: cur, minimal: true };
}

/**
 * Plain deletion can explain too well: dropping the write a read returned leaves a read "from
 * thin air", which fails on its own but hides the real cause. So after each shrink, every
 * dropped item is tried back, as it really happened; if one of them alone makes the set pass,
 * it is pinned and the shrink is redone. The result fails, and adding back any
 * single other operation of the history would not explain it away.
 *
 * @example
 * ```ts
 * // a read of 1 fails alone (nothing wrote 1); the write of 1 is pinned back in
 * shrinkExplained(ops, (s) => !linearizable(s), Date.now() + 1000).items;
 * ```
 */
export function shrinkExplained<T>(
  prefix: readonly T[],
  fails: (o: readonly T[]) => boolean,
  deadline: number,
): Shrunk<T> {
  const pinned: T[] = [];
  let result: Shrunk<T> = { items: prefix, minimal: false };
  while (Date.now() < deadline) {
    const free = prefix.filter((x) => !pinned.includes(x));
    const shrunk = shrinkFailing(free, (s) => fails([...pinned, ...s]), deadline);
    const kept = new Set([...pinned, ...shrunk.items]);
    const items = prefix.filter((x) => kept.has(x));
    const rescuer = prefix.find((d) => !kept.has(d) && !fails([...items, d]));
    result = { items, minimal: shrunk.minimal && rescuer === undefined };
    if (rescuer === undefined) break;
    pinned.push(rescuer);
  }
  return result;
}
