/** What a strategy's search loop reports back to `check`. */

import type { StopReason } from "./result.js";

/** The outcome of a search loop. */
export interface SearchOutcome {
  /** Largest depth (steps from an initial state) of any stored state. */
  readonly depth: number;
  /** Why the search stopped early, if it did. */
  readonly stoppedBy: StopReason | undefined;
}
