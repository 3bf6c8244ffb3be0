/**
 * The live progress line on stderr (only when stderr is a terminal): distinct states, rate,
 * queue, depth and elapsed time, redrawn in place at most a few times a second and cleared at
 * the end, so it never mixes with the results on stdout.
 */

import type { Progress } from "../engine/options.js";
import type { Io } from "./io.js";

/** A progress reporter: `update` per tick, `done` to clear the line. */
export interface ProgressLine {
  readonly update: (p: Progress) => void;
  readonly done: () => void;
}

/** Returns a reporter that draws on stderr when it is a TTY, and does nothing otherwise. */
export function progressLine(io: Io): ProgressLine {
  if (!io.stderrIsTTY) return { update: () => {}, done: () => {} };
  let drawn = false;
  return {
    update(p) {
      const secs = p.elapsedMs / 1000;
      const rate = secs > 0 ? Math.round(p.distinctStates / secs) : 0;
      io.stderr(
        `\r\x1b[2K${p.distinctStates.toLocaleString("en-US")} distinct, ${rate.toLocaleString("en-US")}/s, ` +
          `queue ${p.queue.toLocaleString("en-US")}, depth ${p.depth}, ${secs.toFixed(1)} s`,
      );
      drawn = true;
    },
    done() {
      if (drawn) io.stderr("\r\x1b[2K");
    },
  };
}
