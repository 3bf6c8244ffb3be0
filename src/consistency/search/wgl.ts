/**
 * The Wing & Gong linearizability search with Lowe's memoisation, iterative and resumable.
 *
 * Calls and returns sit in one doubly linked list in time order. At a call whose operation the
 * model accepts, the operation is linearized: both its entries are unlinked ("lifted") and the
 * walk restarts from the front. At a return whose operation is not yet linearized, the last
 * choice is undone. A configuration (bitset of linearized operations, model state) already seen
 * is skipped. Operations with an unknown outcome have a call but no return entry: they may be
 * linearized anywhere after their call, or never, and the search succeeds as soon as every ok
 * operation is linearized (Knossos's rule; making their deadline "infinity" instead wrongly
 * fails 35 of Knossos's good histories, see CONSISTENCY.md 2.6).
 *
 * `run(limit)` does at most `limit` iterations and can be resumed, so the partition scheduler
 * can interleave many searches in one thread and stop at the first illegal one.
 */

import type { Operation } from "../history.js";
import type { CompiledModel } from "./compiled-model.js";
import { type ConfigBudget, ConfigSet, configHash, zobristTable } from "./config-set.js";

/** Where a search stands after `run`. */
export type SearchStatus = "ok" | "illegal" | "running" | "budget";

const HEAD = 0;

/**
 * One resumable search over one partition's operations (failed operations already removed).
 *
 * @example
 * ```ts
 * const s = new WglSearch(ops, new CompiledModel(registerModel(), ops), { used: 0, max: 1e6 });
 * while (s.run(10_000) === "running") {}
 * ```
 */
export class WglSearch {
  private readonly entryOp: Int32Array;
  private readonly isCall: Uint8Array;
  private readonly match: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly okOp: Uint8Array;
  private readonly zob: Int32Array;
  private readonly bits: Uint32Array;
  private readonly stackEntry: Int32Array;
  private readonly stackState: Int32Array;
  private readonly configs: ConfigSet;
  private entry: number;
  private depth = 0;
  private stateId: number;
  private hash = 0;
  private remaining = 0;
  private status: SearchStatus = "running";
  /** Largest number of operations linearized at once, and those operations (for explanations). */
  longest: number[] = [];

  constructor(
    ops: readonly Operation[],
    private readonly model: CompiledModel<unknown>,
    private readonly budget: ConfigBudget,
    private readonly trackLongest = false,
  ) {
    const n = ops.length;
    const times: { t: number; ret: number; op: number }[] = [];
    this.okOp = new Uint8Array(n);
    ops.forEach((op, i) => {
      times.push({ t: op.invoke, ret: 0, op: i });
      if (op.status === "ok") {
        times.push({ t: op.complete, ret: 1, op: i });
        this.okOp[i] = 1;
        this.remaining++;
      }
    });
    // Closed intervals: at equal times calls come first, so touching operations are concurrent.
    times.sort((a, b) => a.t - b.t || a.ret - b.ret || a.op - b.op);
    const m = times.length;
    this.entryOp = new Int32Array(m + 2);
    this.isCall = new Uint8Array(m + 2);
    this.match = new Int32Array(m + 2).fill(-1);
    this.next = new Int32Array(m + 2);
    this.prev = new Int32Array(m + 2);
    const callOf = new Int32Array(n);
    times.forEach((x, k) => {
      const e = k + 1;
      this.entryOp[e] = x.op;
      this.isCall[e] = x.ret === 0 ? 1 : 0;
      if (x.ret === 0) callOf[x.op] = e;
      else this.match[callOf[x.op]!] = e;
    });
    for (let e = 0; e <= m + 1; e++) {
      this.next[e] = e + 1;
      this.prev[e] = e - 1;
    }
    this.zob = zobristTable(n);
    this.bits = new Uint32Array(Math.max(1, Math.ceil(n / 32)));
    this.stackEntry = new Int32Array(n);
    this.stackState = new Int32Array(n);
    this.configs = new ConfigSet(this.bits.length, budget);
    this.entry = this.next[HEAD]!;
    this.stateId = model.initId;
  }

  /** Configurations cached so far. */
  get explored(): number {
    return this.configs.size;
  }

  /** Runs at most `limit` iterations. */
  run(limit: number): SearchStatus {
    if (this.status !== "running") return this.status;
    const { entryOp, isCall, next, okOp, zob, bits, stackEntry, stackState, configs, model, budget } = this;
    const stateHash = model.stateHash;
    let { entry, depth, stateId, hash, remaining } = this;
    let status: SearchStatus = "running";
    for (let it = 0; it < limit; it++) {
      if (remaining === 0) {
        status = "ok";
        break;
      }
      if (isCall[entry] === 1) {
        const op = entryOp[entry]!;
        const ns = model.next(stateId, op);
        if (ns >= 0) {
          const h2 = hash ^ zob[op]!;
          bits[op >>> 5]! ^= 1 << (op & 31);
          if (configs.add(bits, ns, configHash(h2, stateHash[ns]!))) {
            stackEntry[depth] = entry;
            stackState[depth] = stateId;
            depth++;
            stateId = ns;
            hash = h2;
            remaining -= okOp[op]!;
            this.lift(entry);
            if (this.trackLongest && depth > this.longest.length) this.recordLongest(depth, stackEntry);
            if (budget.used > budget.max) {
              status = "budget";
              break;
            }
            entry = next[HEAD]!;
            continue;
          }
          bits[op >>> 5]! ^= 1 << (op & 31);
        }
        entry = next[entry]!;
      } else {
        if (depth === 0) {
          status = "illegal";
          break;
        }
        depth--;
        const e = stackEntry[depth]!;
        const op = entryOp[e]!;
        stateId = stackState[depth]!;
        hash ^= zob[op]!;
        bits[op >>> 5]! ^= 1 << (op & 31);
        remaining += okOp[op]!;
        this.unlift(e);
        entry = next[e]!;
      }
    }
    Object.assign(this, { entry, depth, stateId, hash, remaining });
    this.status = status;
    return status;
  }

  private lift(e: number): void {
    const { next, prev } = this;
    next[prev[e]!] = next[e]!;
    prev[next[e]!] = prev[e]!;
    const r = this.match[e]!;
    if (r >= 0) {
      next[prev[r]!] = next[r]!;
      prev[next[r]!] = prev[r]!;
    }
  }

  private unlift(e: number): void {
    const { next, prev } = this;
    const r = this.match[e]!;
    if (r >= 0) {
      next[prev[r]!] = r;
      prev[next[r]!] = r;
    }
    next[prev[e]!] = e;
    prev[next[e]!] = e;
  }

  private recordLongest(depth: number, stackEntry: Int32Array): void {
    const out: number[] = [];
    for (let d = 0; d < depth; d++) out.push(this.entryOp[stackEntry[d]!]!);
    this.longest = out;
  }
}
