/**
 * Linearizability as a spec invariant over a recorded client history (an actor spec's
 * `s.history`). The verdict is memoised per history array: immer shares an untouched array
 * between states, so most states cost one lookup instead of a search.
 */

import { type HistoryEvent, historyFromEvents } from "./history.js";
import { checkLinearizable } from "./linearizability.js";
import type { SequentialModel } from "./models/model.js";

/**
 * A predicate: is this history linearizable against `model`?
 *
 * @example
 * const linearizable = linearizableHistory(registerModel({ initial: 0 }));
 * invariants: { linearizable: (s) => linearizable(s.history ?? []) }
 */
export function linearizableHistory<S>(
  model: SequentialModel<S>,
): (history: readonly HistoryEvent[]) => boolean {
  const verdicts = new WeakMap<readonly HistoryEvent[], boolean>();
  return (history) => {
    let ok = verdicts.get(history);
    if (ok === undefined) {
      ok = checkLinearizable(historyFromEvents(history), model, { explain: false }).ok;
      verdicts.set(history, ok);
    }
    return ok;
  };
}
