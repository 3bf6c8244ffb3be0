/**
 * Progress on stderr, never on stdout: on a terminal, one live line redrawn in place (distinct
 * states, rate, queue, depth, elapsed, and an ETA when a bound makes one meaningful); with
 * `--progress` and no terminal (CI logs), a plain line every few seconds.
 */

import type { Progress } from "../engine/options.js";
import type { Io } from "./io.js";

/** A progress reporter: `update` per tick, `done` to clear the line. */
export interface ProgressLine {
  readonly update: (p: Progress) => void;
  readonly done: () => void;
}

/** Bounds that let the line estimate the time left. */
export interface ProgressBounds {
  readonly maxStates?: number;
  readonly timeLimit?: number;
}

const PLAIN_EVERY_MS = 5_000;
const n = (x: number) => Math.round(x).toLocaleString("en-US");

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The text of one progress report. */
export function progressText(p: Progress, bounds: ProgressBounds = {}): string {
  const secs = p.elapsedMs / 1000;
  const rate = secs > 0 ? p.distinctStates / secs : 0;
  const etas: number[] = [];
  if (bounds.maxStates !== undefined && rate > 0) etas.push((bounds.maxStates - p.distinctStates) / rate);
  if (bounds.timeLimit !== undefined) etas.push(bounds.timeLimit - secs);
  const eta = etas.length ? `, ETA ≤ ${duration(Math.max(0, Math.min(...etas)))}` : "";
  return `${n(p.distinctStates)} distinct, ${n(rate)}/s, queue ${n(p.queue)}, depth ${p.depth}, ${duration(secs)}${eta}`;
}

/** Returns a reporter for `io`: live on a terminal, plain periodic lines with `plain`, else silent. */
export function progressLine(
  io: Io,
  options: { plain?: boolean; bounds?: ProgressBounds } = {},
): ProgressLine {
  const bounds = options.bounds ?? {};
  if (io.stderrIsTTY) {
    let drawn = false;
    return {
      update(p) {
        io.stderr(`\r\x1b[2K${progressText(p, bounds)}`);
        drawn = true;
      },
      done() {
        if (drawn) io.stderr("\r\x1b[2K");
      },
    };
  }
  if (!options.plain) return { update: () => {}, done: () => {} };
  let last = -PLAIN_EVERY_MS;
  return {
    update(p) {
      if (p.elapsedMs - last < PLAIN_EVERY_MS) return;
      last = p.elapsedMs;
      io.stderr(`progress: ${progressText(p, bounds)}\n`);
    },
    done: () => {},
  };
}
