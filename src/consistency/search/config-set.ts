/**
 * The memo of Lowe's linearizability search: a set of configurations, each a fixed-width vector
 * of 32-bit words (a bitset of linearized operations, or a per-process frontier) plus a model
 * state id. Open addressing over flat typed arrays keeps it off the JS heap and allocation-free
 * per lookup; callers pass an incrementally maintained (Zobrist) hash so a lookup never rehashes
 * the whole vector. Equality is exact (state id and every word), so hash collisions only cost
 * time.
 */

/** Shared counter that caps the total number of configurations across searches. */
export interface ConfigBudget {
  used: number;
  readonly max: number;
}

/**
 * A set of (word vector, state id) pairs.
 *
 * @example
 * ```ts
 * const set = new ConfigSet(2, { used: 0, max: 1e6 });
 * set.add(new Uint32Array([1, 0]), 0, 12345); // true: new
 * set.add(new Uint32Array([1, 0]), 0, 12345); // false: seen
 * ```
 */
export class ConfigSet {
  private words: Uint32Array;
  private stateOf: Int32Array;
  private hashOf: Int32Array;
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(
    readonly width: number,
    private readonly budget: ConfigBudget,
    capacity = 256,
  ) {
    this.words = new Uint32Array(capacity * width);
    this.stateOf = new Int32Array(capacity);
    this.hashOf = new Int32Array(capacity);
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity * 2 - 1;
  }

  /** Adds the configuration; false when it was already present. */
  add(vec: Uint32Array, stateId: number, hash: number): boolean {
    const w = this.width;
    const words = this.words;
    let i = fmix(hash) & this.mask;
    for (;;) {
      const slot = this.slots[i]!;
      if (slot === 0) break;
      const e = slot - 1;
      if (this.hashOf[e] === hash && this.stateOf[e] === stateId) {
        let same = true;
        const base = e * w;
        for (let k = 0; k < w; k++) {
          if (words[base + k] !== vec[k]) {
            same = false;
            break;
          }
        }
        if (same) return false;
      }
      i = (i + 1) & this.mask;
    }
    if (this.size === this.stateOf.length) {
      this.grow();
      return this.add(vec, stateId, hash);
    }
    const e = this.size++;
    this.words.set(vec.subarray(0, w), e * w);
    this.stateOf[e] = stateId;
    this.hashOf[e] = hash;
    this.slots[i] = e + 1;
    this.budget.used++;
    return true;
  }

  private grow(): void {
    const cap = this.stateOf.length * 2;
    const words = new Uint32Array(cap * this.width);
    words.set(this.words);
    this.words = words;
    const stateOf = new Int32Array(cap);
    stateOf.set(this.stateOf);
    this.stateOf = stateOf;
    const hashOf = new Int32Array(cap);
    hashOf.set(this.hashOf);
    this.hashOf = hashOf;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
    for (let e = 0; e < this.size; e++) {
      let i = fmix(hashOf[e]!) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = e + 1;
    }
  }
}

/**
 * MurmurHash3's finaliser: spreads an XOR-combined hash over the low bits used for slots.
 *
 * @example
 * ```ts
 * fmix(hash) & mask; // a slot index
 * ```
 */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Deterministic 32-bit random words for Zobrist hashing (xorshift32; seeded, so runs repeat).
 *
 * @example
 * ```ts
 * const zob = zobristTable(ops.length); // hash ^= zob[op] when op is linearized or undone
 * ```
 */
export function zobristTable(n: number, seed = 0x9e3779b9): Int32Array {
  const out = new Int32Array(n);
  let x = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x;
  }
  return out;
}

/**
 * Combines a configuration's Zobrist hash with its state's hash.
 *
 * @example
 * ```ts
 * configs.add(bits, stateId, configHash(zobrist, model.stateHash[stateId]!));
 * ```
 */
export function configHash(zobrist: number, stateHash: number): number {
  return zobrist ^ stateHash;
}
