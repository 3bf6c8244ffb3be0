/**
 * Keeps a synchronous search loop responsive: every few hundred expansions it checks the clock
 * for the time limit, and every ~50 ms it yields to the event loop so that an interrupt
 * (Ctrl-C, AbortSignal) and progress reports are served. Shared by every strategy so that
 * bounds and interrupts behave the same in all of them.
 */

import type { Progress, ResolvedCheckOptions } from "./options.js";
import type { StopReason } from "./result.js";

const YIELD_EVERY_MS = 50;
const CHECK_CLOCK_EVERY = 256;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Paces a search loop; call `due()` after each expansion and `pause()` when it says so. */
export class Pacer {
  private readonly start = performance.now();
  private lastYield = this.start;
  private lastProgress = this.start;
  private sinceClock = 0;

  constructor(private readonly options: ResolvedCheckOptions) {}

  /** Cheap: true every CHECK_CLOCK_EVERY calls, when `pause` should be awaited. */
  due(): boolean {
    if (++this.sinceClock < CHECK_CLOCK_EVERY) return false;
    this.sinceClock = 0;
    return true;
  }

  /**
   * Checks the time limit, yields to the event loop when it is time, checks for an interrupt and
   * reports progress. Returns why the search must stop, or undefined to go on.
   */
  async pause(progress: () => Omit<Progress, "elapsedMs">): Promise<StopReason | undefined> {
    const now = performance.now();
    if (now - this.start >= this.options.timeLimitMs) return "timeLimit";
    if (now - this.lastYield < YIELD_EVERY_MS) return undefined;
    await yieldToEventLoop();
    this.lastYield = performance.now();
    if (this.options.signal?.aborted) return "interrupted";
    if (this.options.onProgress && this.lastYield - this.lastProgress >= this.options.progressIntervalMs) {
      this.lastProgress = this.lastYield;
      this.options.onProgress({ ...progress(), elapsedMs: this.lastYield - this.start });
    }
    return undefined;
  }
}
