/**
 * The visited set: fingerprints of every stored state, with the parent index and the step that
 * first reached it, in typed arrays (TLC's approach: states themselves are not kept). Each state
 * gets a dense index in insertion order; a counterexample is rebuilt by following parent
 * indices back to an initial state and replaying the recorded steps.
 *
 * Layout: an open-addressing table of state indices (linear probing, load at most 0.7) over
 * per-index columns `hi`, `lo`, `parent`, `step`. The columns are stored in fixed-size chunks
 * (65,536 states each), so they grow one chunk at a time: no copy, no moment with two copies
 * of the columns, and no spare capacity beyond the last chunk. That is 16 bytes per state in the
 * columns plus 4 / load bytes of table per state: 21.7–27.4 bytes per stored state in all once
 * the set holds more than a few chunks (the table doubles when it passes load 0.7).
 */

const EMPTY = -1;

/** The per-state columns of a set, in index order. */
export interface FingerprintColumns {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly parent: Int32Array;
  readonly step: Uint32Array;
}
const MAX_LOAD = 0.7;

/** A compact set of 64-bit fingerprints with parent links. */
export class FingerprintSet {
  private table: Int32Array;
  private mask: number;
  private readonly chunkBits: number;
  private readonly chunkMask: number;
  private readonly hiChunks: Uint32Array[] = [];
  private readonly loChunks: Uint32Array[] = [];
  private readonly parentChunks: Int32Array[] = [];
  private readonly stepChunks: Uint32Array[] = [];
  private count = 0;
  /** After `add` returned -1: the index of the fingerprint that was already there. */
  foundIndex = -1;

  /**
   * @param initialCapacity states the table holds at load 0.5 before it first grows.
   * @param chunkBits log2 of the states per column chunk (16; tests use small chunks).
   */
  constructor(initialCapacity = 1 << 16, chunkBits = 16) {
    let cap = 1024;
    while (cap < initialCapacity) cap *= 2;
    this.table = new Int32Array(cap * 2).fill(EMPTY);
    this.mask = cap * 2 - 1;
    this.chunkBits = chunkBits;
    this.chunkMask = (1 << chunkBits) - 1;
  }

  /** Number of stored fingerprints. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds the fingerprint (hi, lo) with its parent index and step code. Returns the new state's
   * index, or -1 when the fingerprint was already present (nothing is changed then, and
   * `foundIndex` holds the existing index).
   */
  add(hi: number, lo: number, parent: number, step: number): number {
    const table = this.table;
    const mask = this.mask;
    const bits = this.chunkBits;
    const within = this.chunkMask;
    let pos = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const idx = table[pos]!;
      if (idx === EMPTY) break;
      const c = idx >>> bits;
      const o = idx & within;
      if (this.loChunks[c]![o] === lo && this.hiChunks[c]![o] === hi) {
        this.foundIndex = idx;
        return -1;
      }
      pos = (pos + 1) & mask;
    }
    const index = this.count;
    const c = index >>> bits;
    if (c === this.hiChunks.length) this.addChunk();
    const o = index & within;
    this.hiChunks[c]![o] = hi;
    this.loChunks[c]![o] = lo;
    this.parentChunks[c]![o] = parent;
    this.stepChunks[c]![o] = step;
    table[pos] = index;
    this.count = index + 1;
    if (this.count > MAX_LOAD * (mask + 1)) this.growTable();
    return index;
  }

  /** The index of fingerprint (hi, lo), or -1. */
  indexOf(hi: number, lo: number): number {
    const table = this.table;
    const mask = this.mask;
    let pos = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const idx = table[pos]!;
      if (idx === EMPTY) return -1;
      if (this.lo(idx) === lo && this.hi(idx) === hi) return idx;
      pos = (pos + 1) & mask;
    }
  }

  /** Parent index of state `index` (-1 for an initial state). */
  parent(index: number): number {
    return this.parentChunks[index >>> this.chunkBits]![index & this.chunkMask]!;
  }

  /** Step code that first reached state `index` (for an initial state: its position in init). */
  step(index: number): number {
    return this.stepChunks[index >>> this.chunkBits]![index & this.chunkMask]!;
  }

  /** High 32 bits of state `index`'s fingerprint. */
  hi(index: number): number {
    return this.hiChunks[index >>> this.chunkBits]![index & this.chunkMask]!;
  }

  /** Low 32 bits of state `index`'s fingerprint. */
  lo(index: number): number {
    return this.loChunks[index >>> this.chunkBits]![index & this.chunkMask]!;
  }

  /**
   * Forgets every state with index `n` or more (parallel BFS undoes a merged level this way
   * before replaying it). Rebuilds the table from the columns: O(n).
   */
  truncate(n: number): void {
    if (n >= this.count) return;
    this.count = n;
    const chunks = (n + this.chunkMask) >>> this.chunkBits;
    for (const col of [this.hiChunks, this.loChunks, this.parentChunks, this.stepChunks]) col.length = chunks;
    this.rebuildTable(this.table.fill(EMPTY));
  }

  /** Copies of the four columns, trimmed to `size` (for a checkpoint). */
  columns(): FingerprintColumns {
    const n = this.count;
    return {
      hi: flatten(this.hiChunks, n, new Uint32Array(n)),
      lo: flatten(this.loChunks, n, new Uint32Array(n)),
      parent: flatten(this.parentChunks, n, new Int32Array(n)),
      step: flatten(this.stepChunks, n, new Uint32Array(n)),
    };
  }

  /**
   * Replaces the contents with saved columns (resuming from a checkpoint): the columns are
   * copied into chunks as `add` would have made them, and the table is rebuilt. O(n).
   */
  load(cols: FingerprintColumns): void {
    const n = cols.hi.length;
    for (const col of [this.hiChunks, this.loChunks, this.parentChunks, this.stepChunks]) col.length = 0;
    const size = 1 << this.chunkBits;
    for (let from = 0; from < n; from += size) {
      this.addChunk();
      const c = this.hiChunks.length - 1;
      const to = Math.min(n, from + size);
      this.hiChunks[c]!.set(cols.hi.subarray(from, to));
      this.loChunks[c]!.set(cols.lo.subarray(from, to));
      this.parentChunks[c]!.set(cols.parent.subarray(from, to));
      this.stepChunks[c]!.set(cols.step.subarray(from, to));
    }
    this.count = n;
    let slots = this.mask + 1;
    while (n > MAX_LOAD * slots) slots *= 2;
    this.mask = slots - 1;
    this.table = new Int32Array(slots).fill(EMPTY);
    this.rebuildTable(this.table);
  }

  /** Bytes held by the typed arrays (table plus column chunks). */
  get bytes(): number {
    return this.table.byteLength + this.hiChunks.length * (16 << this.chunkBits);
  }

  private addChunk(): void {
    const size = 1 << this.chunkBits;
    this.hiChunks.push(new Uint32Array(size));
    this.loChunks.push(new Uint32Array(size));
    this.parentChunks.push(new Int32Array(size));
    this.stepChunks.push(new Uint32Array(size));
  }

  private growTable(): void {
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.table = new Int32Array(size).fill(EMPTY);
    this.rebuildTable(this.table);
  }

  /** Inserts indices 0 .. size-1 into an empty `table` (with the current mask). */
  private rebuildTable(table: Int32Array): void {
    const mask = this.mask;
    for (let index = 0; index < this.count; index++) {
      let pos = (this.lo(index) ^ Math.imul(this.hi(index), 0x9e3779b1)) & mask;
      while (table[pos] !== EMPTY) pos = (pos + 1) & mask;
      table[pos] = index;
    }
  }
}

/** The first `n` entries of a chunked column, in one array. */
function flatten<T extends Uint32Array | Int32Array>(chunks: readonly T[], n: number, out: T): T {
  let at = 0;
  for (const chunk of chunks) {
    if (at >= n) break;
    const take = Math.min(chunk.length, n - at);
    out.set(chunk.subarray(0, take), at);
    at += take;
  }
  return out;
}
