/**
 * Keeping the workers' segments even without breaking level order. Worker k holds the contiguous
 * positions [P_k, P_k + n_k) of the level; new states stay with the worker that found them, and
 * the first worker wins every state two workers both reach, so segments drift apart. Between
 * levels, states at the segment ends move to the neighbour so that each worker holds about
 * L / N positions again, still contiguous and in order.
 */

/** What one worker gives up and what it receives, in global level positions. */
export interface SegmentMove {
  /** States to remove from the front and back of the segment. */
  readonly takeHead: number;
  readonly takeTail: number;
  /** Positions to prepend, [from, to), and to append. */
  readonly gainHead: readonly [number, number];
  readonly gainTail: readonly [number, number];
}

/** Segments differ by at most this share of the mean before states are moved. */
const TOLERANCE = 0.1;
/** Levels smaller than this are not worth moving. */
const MIN_LEVEL = 64;

/** The moves that even out `sizes`, or undefined when they are even enough. */
export function balancePlan(sizes: readonly number[]): SegmentMove[] | undefined {
  const total = sizes.reduce((a, b) => a + b, 0);
  const n = sizes.length;
  if (n < 2 || total < MIN_LEVEL) return undefined;
  const mean = total / n;
  if (Math.max(...sizes) - Math.min(...sizes) <= TOLERANCE * mean) return undefined;
  const moves: SegmentMove[] = [];
  let p = 0;
  for (let k = 0; k < n; k++) {
    const size = sizes[k]!;
    const t0 = Math.round((k * total) / n);
    const t1 = Math.round(((k + 1) * total) / n);
    let keep0 = Math.max(p, t0);
    let keep1 = Math.min(p + size, t1);
    if (keep0 >= keep1) keep0 = keep1 = t0;
    const kept = keep1 - keep0;
    const takeHead = kept > 0 ? keep0 - p : size;
    moves.push({
      takeHead,
      takeTail: size - kept - takeHead,
      gainHead: [t0, keep0],
      gainTail: [keep1, t1],
    });
    p += size;
  }
  return moves;
}

/** Moved states by global position: pieces [start, start + states.length). */
export class MovedStates {
  private readonly pieces: { start: number; states: readonly unknown[] }[] = [];

  add(start: number, states: readonly unknown[]): void {
    if (states.length > 0) this.pieces.push({ start, states });
  }

  /** The states at positions [from, to), which must all have been added. */
  slice(from: number, to: number): unknown[] {
    const out: unknown[] = [];
    for (const { start, states } of [...this.pieces].sort((a, b) => a.start - b.start)) {
      const a = Math.max(from, start);
      const b = Math.min(to, start + states.length);
      for (let i = a; i < b; i++) out.push(states[i - start]);
    }
    if (out.length !== Math.max(0, to - from))
      throw new Error("rebalance: moved states do not cover the range");
    return out;
  }
}
