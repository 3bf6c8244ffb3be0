/**
 * How long each (action, argument) pair has been enabled in the current walk, for the weighted
 * scheduler's aging (walk-schedule.ts). A pair is identified by its action and its argument's
 * fingerprint (arguments are values: the same message in two states is the same pair). Its age
 * is the number of steps since it became enabled; it starts again at 0 when the pair is taken
 * (a re-armed timer, a message delivered again by a duplicating network) or when it was not
 * enabled at the step before.
 *
 * It also tells whether an enabled pair is a repeat: taken already, and enabled ever since — the
 * same message again on a duplicating network (or a timer its own handler re-armed). A pair
 * that was disabled in between (a timer that fired and was armed again later) is new.
 */

import { fingerprintLo } from "../state/fingerprint.js";

interface Entry {
  /** The step at which the current stretch of enabledness began. */
  born: number;
  /** The last step at which the pair was enabled. */
  seen: number;
  /** Taken in this stretch of enabledness: enabled again right after it was taken. */
  repeat: boolean;
}

const keyCache = new WeakMap<object, number>();

/** The 32-bit key of an argument (cached per object: arguments are immutable values reused across steps). */
function argKey(arg: unknown): number {
  if (arg === undefined) return 0; // an action without arguments
  if (typeof arg !== "object" || arg === null) return fingerprintLo(arg);
  let k = keyCache.get(arg);
  if (k === undefined) {
    k = fingerprintLo(arg);
    keyCache.set(arg, k);
  }
  return k;
}

/** The ages of the pairs of one walk. */
export class EnabledAges {
  private readonly byAction: Map<number, Entry>[];
  /** Set by `age`: whether that pair is a repeat (see above). */
  lastRepeat = false;

  constructor(actions: number) {
    this.byAction = Array.from({ length: actions }, () => new Map<number, Entry>());
  }

  /** Forgets every pair: a new walk begins. */
  reset(): void {
    for (const m of this.byAction) m.clear();
  }

  /** Notes that the pair is enabled at `step` and returns its age there (and sets `lastRepeat`). */
  age(a: number, arg: unknown, step: number): number {
    const m = this.byAction[a]!;
    const key = argKey(arg);
    const e = m.get(key);
    if (e === undefined) {
      m.set(key, { born: step, seen: step, repeat: false });
      this.lastRepeat = false;
      return 0;
    }
    if (e.seen < step - 1) {
      e.born = step;
      e.repeat = false;
    }
    e.seen = step;
    this.lastRepeat = e.repeat;
    return step - e.born;
  }

  /** The pair was taken at `step`: if it is enabled again next, it is a repeat, of age 0. */
  taken(a: number, arg: unknown, step: number): void {
    const e = this.byAction[a]!.get(argKey(arg));
    if (e !== undefined) {
      e.born = step + 1;
      e.repeat = true;
    }
  }
}
