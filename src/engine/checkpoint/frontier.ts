/**
 * The point where a BFS can be saved and continued: the states of one depth still to expand and
 * the states of the next depth found so far. Between levels `level` is the whole frontier and
 * `next` is empty; when a run stops mid-level (time limit, interrupt) both are partly filled.
 */

/** A BFS frontier, in level order, with the states' visited-set indices. */
export interface BfsFrontier<S> {
  /** Depth of the states in `level`. */
  readonly depth: number;
  readonly level: readonly S[];
  readonly levelIdx: readonly number[];
  /** States at `depth + 1` already admitted. */
  readonly next: readonly S[];
  readonly nextIdx: readonly number[];
}

/** How `runBfs` takes part in checkpointing (absent: it behaves exactly as without). */
export interface BfsCheckpointHooks<S> {
  /** Continue from this frontier instead of from the initial states. */
  readonly resume: BfsFrontier<S> | undefined;
  /**
   * Offered the frontier between levels (`force` false: saved when the interval has passed)
   * and when the search stops on a bound or an interrupt (`force` true).
   */
  save(frontier: BfsFrontier<S>, force: boolean): void;
  /**
   * Whether a frontier offered now without `force` would be saved (the interval has passed):
   * parallel BFS asks before gathering the level from its workers.
   */
  due(): boolean;
}
