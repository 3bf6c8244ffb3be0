/**
 * 32-bit mixing primitives (MurmurHash3's body and finaliser) on plain numbers with
 * `Math.imul`, so that hashing needs no BigInt and no allocation. A fingerprint uses two lanes
 * with different constants and seeds, which together act as one 64-bit hash.
 */

/** Mixes one 32-bit word into a running lane-A hash. */
export function mixA(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Mixes one 32-bit word into a running lane-B hash (different constants and rotations). */
export function mixB(h: number, k: number): number {
  k = Math.imul(k, 0x239b961b);
  k = (k << 17) | (k >>> 15);
  k = Math.imul(k, 0xab0e9789);
  h ^= k;
  h = (h << 11) | (h >>> 21);
  return (Math.imul(h, 7) + 0x38b34ae5) | 0;
}

/** MurmurHash3's avalanche finaliser for lane A. */
export function finalA(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** A different avalanche finaliser for lane B (constants from the "lowbias32" family). */
export function finalB(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h | 0;
}
