/**
 * Fingerprints states the way the model asks: through its `view` when it has one, and under
 * symmetry as the least fingerprint over every renaming of the interchangeable ids (or of the
 * spec's canonical representative). Keeps the last fingerprint in two fields so the hot loop
 * reads two numbers and allocates nothing.
 */

import type { Model } from "../spec/model.js";
import { fingerprintLo, lastHi } from "../state/fingerprint.js";

/** Computes a state's 64-bit fingerprint into `hi` / `lo`. */
export class StateHasher<S> {
  hi = 0;
  lo = 0;
  private readonly view: ((s: S) => unknown) | undefined;
  private readonly symmetry: Model<S>["symmetry"];

  constructor(model: Model<S>, useSymmetry = true) {
    this.view = model.view;
    this.symmetry = useSymmetry ? model.symmetry : undefined;
  }

  hash(state: S): void {
    const sym = this.symmetry;
    if (sym === undefined) {
      this.hashOne(state);
      return;
    }
    if ("canonical" in sym) {
      this.lo = fingerprintLo(sym.canonical(state));
      this.hi = lastHi();
      return;
    }
    let bestHi = 0xffffffff;
    let bestLo = 0xffffffff;
    for (const perm of sym.perms) {
      this.hashOne(sym.permute(state, perm));
      if (this.hi < bestHi || (this.hi === bestHi && this.lo < bestLo)) {
        bestHi = this.hi;
        bestLo = this.lo;
      }
    }
    this.hi = bestHi;
    this.lo = bestLo;
  }

  private hashOne(state: S): void {
    this.lo = fingerprintLo(this.view ? this.view(state) : state);
    this.hi = lastHi();
  }
}
