/**
 * `range(n)`: the integers 0..n-1, the usual `over` domain. Arrays are cached and frozen per n,
 * because `over` runs once per action per explored state and should not allocate.
 */

const cache: (readonly number[])[] = [];

/**
 * The integers `0 .. n-1` as a shared, frozen array.
 *
 * @example
 * range(3); // [0, 1, 2]
 */
export function range(n: number): readonly number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`range(${n}): expected a non-negative integer`);
  let r = cache[n];
  if (!r) {
    r = Object.freeze(Array.from({ length: n }, (_, i) => i));
    if (n <= 4096) cache[n] = r;
  }
  return r;
}
