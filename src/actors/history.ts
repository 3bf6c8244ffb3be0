/**
 * The client-operation history kept in `state.history`: events in Jepsen's vocabulary that
 * handlers append through `ctx.invoke` / `ctx.complete`, readable by the consistency checkers
 * (`historyFromEvents` accepts them as they are).
 */

import type { ActorHistoryEvent, NodeId } from "./types.js";

/** The operation `process` has invoked and not completed, or "" when it has none open. */
export function openOperation(history: readonly ActorHistoryEvent[], process: NodeId): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.process === process) return e.type === "invoke" ? e.f : "";
  }
  return "";
}

/**
 * Completes a crashed node's open operation with `info` (Jepsen's convention: its outcome is
 * unknown; it may or may not have taken effect), so the history stays well-formed when the
 * node restarts and invokes again.
 */
export function closeOnCrash(history: ActorHistoryEvent[], process: NodeId): void {
  const f = openOperation(history, process);
  if (f !== "") history.push({ type: "info", process, f });
}
