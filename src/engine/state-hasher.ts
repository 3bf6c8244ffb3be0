/**
 * Fingerprints states the way the model asks: through its `view` when it has one. Keeps the
 * last fingerprint in two fields so the hot loop reads two numbers and allocates nothing.
 */

import type { Model } from "../spec/model.js";
import { fingerprintLo, lastHi } from "../state/fingerprint.js";

/** Computes a state's 64-bit fingerprint into `hi` / `lo`. */
export class StateHasher<S> {
  hi = 0;
  lo = 0;
  private readonly view: ((s: S) => unknown) | undefined;

  constructor(model: Model<S>) {
    this.view = model.view;
  }

  hash(state: S): void {
    this.lo = fingerprintLo(this.view ? this.view(state) : state);
    this.hi = lastHi();
  }
}
