/**
 * The visited set: fingerprints of every stored state, with the parent index and the step that
 * first reached it, in typed arrays (TLC's approach: states themselves are not kept). Each state
 * gets a dense index in insertion order; a counterexample is rebuilt by following parent
 * indices back to an initial state and replaying the recorded steps.
 *
 * Layout: an open-addressing table of state indices (linear probing, load at most 0.7) over
 * per-index columns `hi`, `lo`, `parent`, `step`. That is 16 bytes per state in the columns plus
 * 4 / load bytes of table per state, about 22–28 bytes per stored state in all.
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
  private hiCol: Uint32Array;
  private loCol: Uint32Array;
  private parentCol: Int32Array;
  private stepCol: Uint32Array;
  private count = 0;
  /** After `add` returned -1: the index of the fingerprint that was already there. */
  foundIndex = -1;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1024;
    while (cap < initialCapacity) cap *= 2;
    this.table = new Int32Array(cap * 2).fill(EMPTY);
    this.mask = cap * 2 - 1;
    this.hiCol = new Uint32Array(cap);
    this.loCol = new Uint32Array(cap);
    this.parentCol = new Int32Array(cap);
    this.stepCol = new Uint32Array(cap);
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
    let pos = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const idx = table[pos]!;
      if (idx === EMPTY) break;
      if (this.loCol[idx] === lo && this.hiCol[idx] === hi) {
        this.foundIndex = idx;
        return -1;
      }
      pos = (pos + 1) & mask;
    }
    const index = this.count;
    if (index === this.hiCol.length) this.growColumns();
    this.hiCol[index] = hi;
    this.loCol[index] = lo;
    this.parentCol[index] = parent;
    this.stepCol[index] = step;
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
      if (this.loCol[idx] === lo && this.hiCol[idx] === hi) return idx;
      pos = (pos + 1) & mask;
    }
  }

  /** Parent index of state `index` (-1 for an initial state). */
  parent(index: number): number {
    return this.parentCol[index]!;
  }

  /** Step code that first reached state `index` (for an initial state: its position in init). */
  step(index: number): number {
    return this.stepCol[index]!;
  }

  /** High 32 bits of state `index`'s fingerprint. */
  hi(index: number): number {
    return this.hiCol[index]!;
  }

  /** Low 32 bits of state `index`'s fingerprint. */
  lo(index: number): number {
    return this.loCol[index]!;
  }

  /**
   * Forgets every state with index `n` or more (parallel BFS undoes a merged level this way
   * before replaying it). Rebuilds the table from the columns: O(n).
   */
  truncate(n: number): void {
    if (n >= this.count) return;
    this.count = n;
    const table = this.table.fill(EMPTY);
    const mask = this.mask;
    for (let index = 0; index < n; index++) {
      let pos = (this.loCol[index]! ^ Math.imul(this.hiCol[index]!, 0x9e3779b1)) & mask;
      while (table[pos] !== EMPTY) pos = (pos + 1) & mask;
      table[pos] = index;
    }
  }

  /** Copies of the four columns, trimmed to `size` (for a checkpoint). */
  columns(): FingerprintColumns {
    const n = this.count;
    return {
      hi: this.hiCol.slice(0, n),
      lo: this.loCol.slice(0, n),
      parent: this.parentCol.slice(0, n),
      step: this.stepCol.slice(0, n),
    };
  }

  /**
   * Replaces the contents with saved columns (resuming from a checkpoint): the columns are
   * copied into capacity as `add` would have grown it, and the table is rebuilt. O(n).
   */
  load(cols: FingerprintColumns): void {
    const n = cols.hi.length;
    let cap = this.hiCol.length;
    while (cap < n) cap *= 2;
    this.hiCol = new Uint32Array(cap);
    this.loCol = new Uint32Array(cap);
    this.parentCol = new Int32Array(cap);
    this.stepCol = new Uint32Array(cap);
    this.hiCol.set(cols.hi);
    this.loCol.set(cols.lo);
    this.parentCol.set(cols.parent);
    this.stepCol.set(cols.step);
    let size = this.mask + 1;
    while (n > MAX_LOAD * size) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    this.count = n + 1; // makes truncate rebuild the table for all n
    this.truncate(n);
  }

  /** Bytes held by the typed arrays (table plus columns). */
  get bytes(): number {
    return (
      this.table.byteLength +
      this.hiCol.byteLength +
      this.loCol.byteLength +
      this.parentCol.byteLength +
      this.stepCol.byteLength
    );
  }

  private growColumns(): void {
    const cap = this.hiCol.length * 2;
    const grow = <T extends Uint32Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(cap);
      next.set(old);
      return next;
    };
    this.hiCol = grow(this.hiCol, (n) => new Uint32Array(n));
    this.loCol = grow(this.loCol, (n) => new Uint32Array(n));
    this.parentCol = grow(this.parentCol, (n) => new Int32Array(n));
    this.stepCol = grow(this.stepCol, (n) => new Uint32Array(n));
  }

  private growTable(): void {
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size).fill(EMPTY);
    const mask = size - 1;
    for (let index = 0; index < this.count; index++) {
      let pos = (this.loCol[index]! ^ Math.imul(this.hiCol[index]!, 0x9e3779b1)) & mask;
      while (table[pos] !== EMPTY) pos = (pos + 1) & mask;
      table[pos] = index;
    }
    this.table = table;
    this.mask = mask;
  }
}
