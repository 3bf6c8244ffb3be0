/**
 * Turning one of a walk's choice numbers into one of the candidate steps. Uniform: candidate
 * `choice mod count`. Weighted: the choice (a 31-bit natural) is read as a fraction of the
 * total weight, and the candidate whose cumulative weight passes it is taken. Either way a
 * smaller choice takes an earlier candidate, so fast-check's shrinking (toward 0) prefers
 * earlier actions, and the same choice always takes the same candidate: walks replay exactly.
 */

/** fast-check's `nat()` is at most 2^31 - 1. */
const CHOICE_RANGE = 2 ** 31;

/**
 * The index of the candidate taken among the first `count`, with `weights` (one per
 * candidate, positive) or uniformly when they are undefined.
 */
export function pickStep(choice: number, count: number, weights: Float64Array | undefined): number {
  if (weights === undefined) return choice % count;
  let total = 0;
  for (let i = 0; i < count; i++) total += weights[i]!;
  const target = ((choice % CHOICE_RANGE) / CHOICE_RANGE) * total;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    sum += weights[i]!;
    if (target < sum) return i;
  }
  return count - 1; // rounding
}
