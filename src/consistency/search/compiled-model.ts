/**
 * A model prepared for one search: states are interned to small integer ids, and the result of
 * `step(state, op)` is cached per (state id, op index), so the search mostly touches integers.
 * Porcupine re-runs `Step` on every visit; Knossos's `memo` precomputes the whole transition
 * table; caching lazily sits in between. A state gets its cache row (one Int32Array over the
 * operations) only on its second visit: on kv c50-ok (bench/consistency.ts) almost every string
 * state is reached once, and allocating rows eagerly took most of the time.
 *
 * Interning long strings costs their length in hashing; the alternative tried (not interning
 * them, comparing by value on bitset collisions, as Porcupine does) was ten times slower on the
 * same benchmark, because equal-length strings over the same bitset all collide.
 */

import type { Operation } from "../history.js";
import type { SequentialModel } from "../models/model.js";
import { hashValue, valueEqual } from "../values.js";

const UNKNOWN = -2;
/** Returned by `next` when the operation is illegal in that state. */
export const ILLEGAL_STEP = -1;

/**
 * A model bound to one list of operations, addressed by index.
 *
 * @example
 * ```ts
 * const cm = new CompiledModel(registerModel(), ops);
 * const s1 = cm.next(cm.initId, 0); // -1 if ops[0] is illegal initially
 * ```
 */
export class CompiledModel<S> {
  readonly states: S[] = [];
  /** Per state id: the hash that configurations mix in. */
  readonly stateHash: number[] = [];
  private readonly visits: number[] = [];
  readonly initId: number;
  private readonly primitives = new Map<unknown, number>();
  private readonly byHash = new Map<number, number>();
  private readonly collisions = new Map<number, number[]>();
  /** Cache rows live in one slab (per-row typed arrays cost more in allocation and GC). */
  private cells = new Int32Array(0);
  private readonly rowStart: number[] = [];
  private used = 0;
  private lookups = 0;
  private misses = 0;
  private readonly eq: ((a: S, b: S) => boolean) | undefined;
  private readonly hash: (s: S) => number;

  constructor(
    readonly model: SequentialModel<S>,
    readonly ops: readonly Operation[],
    private readonly maxCachedCells = 1 << 20,
  ) {
    this.eq = model.equal?.bind(model);
    this.hash = model.hash?.bind(model) ?? hashValue;
    this.initId = this.intern(model.init());
  }

  /** The id of the state after `ops[opIndex]` from state `stateId`, or ILLEGAL_STEP. */
  next(stateId: number, opIndex: number): number {
    this.lookups++;
    let base = this.rowStart[stateId] ?? -1;
    if (base < 0) {
      base = this.newRow(stateId);
      if (base < 0) return this.compute(stateId, opIndex);
    }
    const cached = this.cells[base + opIndex]!;
    if (cached !== UNKNOWN) return cached;
    const r = this.compute(stateId, opIndex);
    this.cells[base + opIndex] = r;
    return r;
  }

  /** Gives a state its cache row on its second visit; -1 when it gets none (yet). */
  private newRow(stateId: number): number {
    const width = this.ops.length;
    if (++this.visits[stateId]! < 2 || this.used + width > this.maxCachedCells) return -1;
    // Stop growing the cache when it does not pay: on kv c50-ok under 10% of lookups hit
    // (states are rarely revisited), while on the register logs over 99% do.
    if (this.lookups > 4096 && this.misses * 2 > this.lookups) return -1;
    if (this.used + width > this.cells.length) {
      const grown = new Int32Array(Math.max(this.cells.length * 2, this.used + width, 1024)).fill(UNKNOWN);
      grown.set(this.cells);
      this.cells = grown;
    }
    const base = this.used;
    this.used += width;
    this.rowStart[stateId] = base;
    return base;
  }

  private compute(stateId: number, opIndex: number): number {
    this.misses++;
    const r = this.model.step(this.states[stateId]!, this.ops[opIndex]!);
    return r.ok ? this.intern(r.state) : ILLEGAL_STEP;
  }

  /** The id of a state, adding it if new. */
  intern(s: S): number {
    if (this.eq === undefined && (typeof s !== "object" || s === null)) {
      const id = this.primitives.get(s);
      return id ?? this.add(s, this.primitives);
    }
    const eq = this.eq ?? valueEqual;
    // Map keys kept in V8's small-integer range: larger numbers are boxed and hash slowly.
    const h = this.hash(s) & 0x3fffffff;
    const first = this.byHash.get(h);
    if (first === undefined) {
      const id = this.add(s);
      this.byHash.set(h, id);
      return id;
    }
    if (eq(this.states[first]!, s)) return first;
    // Hash collision: a (rare) overflow list, so the common case allocates no array per state.
    let more = this.collisions.get(h);
    if (more === undefined) this.collisions.set(h, (more = []));
    for (const id of more) if (eq(this.states[id]!, s)) return id;
    const id = this.add(s);
    more.push(id);
    return id;
  }

  private add(s: S, index?: Map<unknown, number>): number {
    const id = this.states.push(s) - 1;
    this.visits.push(0);
    this.rowStart.push(-1);
    this.stateHash.push(Math.imul(id + 1, 0x9e3779b1));
    index?.set(s, id);
    return id;
  }
}
