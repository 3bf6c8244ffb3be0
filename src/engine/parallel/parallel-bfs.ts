/**
 * Parallel breadth-first search, level-synchronous, with a deterministic merge (docs/adr/0005).
 *
 * Each worker holds a contiguous segment of the current level and expands it with the one
 * explorer core. The main thread owns the visited set: it takes each worker's candidates in
 * worker order (worker 0's segment comes first in the level), which is exactly the order in
 * which sequential BFS admits them, so every state gets the same index, parent and step as in
 * `runBfs`: same counts, same witnesses, same shortest counterexamples, traces rebuilt as today.
 *
 * Anything that makes sequential BFS stop or record something mid-level (a violation, a
 * deadlock, the max-states bound, a spec that throws) is not merged: the level is undone and
 * replayed on the main thread with `Explorer.expand`, which gives exactly the sequential result,
 * error messages and traces included. With `--continue` the search then goes on in parallel.
 *
 * Checkpoints (checkpoint/): between levels, when the interval has passed, the main thread
 * gathers the level from the workers and saves it with the visited set. On a time limit or an
 * interrupt a checkpointing run lets the workers finish the level first (they cannot stop
 * mid-level), so what it saves is a whole level. Resuming a checkpoint a sequential run saved
 * mid-level finishes that level on the main thread, then goes on in parallel.
 */

import { resolve } from "node:path";
import { UsageError } from "../../errors.js";
import type { BfsCheckpointHooks, BfsFrontier } from "../checkpoint/frontier.js";
import type { Explorer } from "../explorer.js";
import { expandLevel } from "../level-expansion.js";
import type { ResolvedCheckOptions } from "../options.js";
import { Pacer } from "../pacer.js";
import type { StopReason } from "../result.js";
import type { SearchOutcome } from "../search-outcome.js";
import { stepAction } from "../step-code.js";
import { WorkerPool } from "./pool.js";
import type { Candidates, ExplorerConfig, Reply } from "./protocol.js";
import { balancePlan, MovedStates } from "./rebalance.js";

/** Runs BFS with `options.workers` worker threads; the spec is loaded by each from `specModule`. */
export async function runParallelBfs<S>(
  explorer: Explorer<S>,
  options: ResolvedCheckOptions,
  specModule: string | undefined,
  checkpoint?: BfsCheckpointHooks<S>,
): Promise<SearchOutcome> {
  if (specModule === undefined)
    throw new UsageError(
      "SPC-U006",
      "workers > 1: the workers load the spec themselves, but this spec object's file is unknown; pass specModule (the path of its module) or load the spec with loadSpec",
    );
  const started = performance.now();
  const pool = await WorkerPool.start(options.workers, {
    specFile: resolve(specModule),
    params: options.params,
    bug: options.bug,
    symmetry: options.symmetry,
    freezeStates: options.freezeStates,
  });
  const search = new LevelSearch(explorer, options, pool, started, checkpoint);
  try {
    return await search.run();
  } finally {
    search.dispose();
    await pool.close();
  }
}

function expectType<T extends Reply["type"]>(r: Reply, type: T): Extract<Reply, { type: T }> {
  if (r.type === "fault") throw new Error(`parallel BFS worker: ${r.error.name}: ${r.error.message}`);
  if (r.type !== type) throw new Error(`parallel BFS: expected a ${type} reply, got ${r.type}`);
  return r as Extract<Reply, { type: T }>;
}

class LevelSearch<S> {
  /** Global index of the first state of the current level (levels are contiguous in BFS). */
  private levelBase = 0;
  private levelSize = 0;
  /** Each worker's number of states of the current level, in level order. */
  private sizes: number[];
  private depth = 0;
  /** Set when a time limit or an interrupt ended the search while a level was running. */
  private halted = false;
  private readonly stop: Promise<StopReason>;
  private cancel: () => void = () => {};
  private readonly progress: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly explorer: Explorer<S>,
    private readonly options: ResolvedCheckOptions,
    private readonly pool: WorkerPool,
    private readonly started: number,
    private readonly checkpoint: BfsCheckpointHooks<S> | undefined,
  ) {
    this.sizes = Array.from({ length: pool.size }, () => 0);
    this.stop = new Promise<StopReason>((resolve) => {
      const timer = Number.isFinite(options.timeLimitMs)
        ? setTimeout(
            () => resolve("timeLimit"),
            Math.max(0, options.timeLimitMs - (performance.now() - started)),
          )
        : undefined;
      const onAbort = () => resolve("interrupted");
      options.signal?.addEventListener("abort", onAbort, { once: true });
      if (options.signal?.aborted) resolve("interrupted");
      this.cancel = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
      };
    });
    const onProgress = options.onProgress;
    this.progress = onProgress
      ? setInterval(
          () =>
            onProgress({
              distinctStates: explorer.set.size,
              generatedStates: explorer.generated,
              queue: this.levelSize,
              depth: this.depth + 1,
              elapsedMs: performance.now() - started,
            }),
          options.progressIntervalMs,
        )
      : undefined;
  }

  dispose(): void {
    this.cancel();
    clearInterval(this.progress);
  }

  /** Mirrors `runBfs`'s loop; each level either merges in parallel or replays sequentially. */
  async run(): Promise<SearchOutcome> {
    const explorer = this.explorer;
    const resume = this.checkpoint?.resume;
    if (resume) {
      const stopped = await this.resumeFrom(resume);
      if (stopped) return stopped;
    } else {
      const inits: S[] = [];
      explorer.addInitialStates((_idx, s) => inits.push(s));
      this.levelSize = inits.length;
      if (!explorer.stopRequested && inits.length > 0) await this.load(inits);
    }
    let cutByDepth = false;
    while (this.levelSize > 0 && !explorer.stopRequested) {
      if (this.checkpoint?.due()) await this.saveLevel();
      if (this.depth >= this.options.maxDepth) {
        cutByDepth = true;
        if (this.checkpoint) await this.saveLevel();
        break;
      }
      const work = this.parallelLevel();
      work.catch(() => {});
      const merged = await Promise.race([work, this.stop]);
      let next: number;
      if (typeof merged === "string") {
        if (this.checkpoint) return this.stopAfterLevel(work, merged);
        // The level is abandoned: forget whatever part of it was merged.
        this.halted = true;
        explorer.set.truncate(this.levelBase + this.levelSize);
        return { depth: this.depth, stoppedBy: merged };
      }
      if (merged >= 0) next = merged;
      else {
        const replay = await this.replayLevel();
        if (replay.stop)
          return { depth: replay.next > 0 ? this.depth + 1 : this.depth, stoppedBy: replay.stop };
        next = replay.next;
      }
      this.advance(next);
    }
    return { depth: Math.max(this.depth, 0), stoppedBy: explorer.stopReason(cutByDepth) };
  }

  /** The level just merged had `next` new states: they are the level now. */
  private advance(next: number): void {
    this.levelBase += this.levelSize;
    this.levelSize = next;
    this.depth++;
    if (next === 0) this.depth--;
  }

  /**
   * A time limit or an interrupt while checkpointing: the level the workers are expanding ends
   * first (merged, or left unexpanded when it needs a sequential replay), then the frontier is
   * saved whole.
   */
  private async stopAfterLevel(work: Promise<number>, stoppedBy: StopReason): Promise<SearchOutcome> {
    const merged = await work;
    if (merged >= 0) this.advance(merged);
    // That level may have been the last: then the search is complete after all.
    if (this.levelSize === 0)
      return { depth: Math.max(this.depth, 0), stoppedBy: this.explorer.stopReason(false) };
    await this.saveLevel();
    return { depth: this.depth, stoppedBy };
  }

  /** Gathers the current level from the workers (they keep it) and saves it. */
  private async saveLevel(): Promise<void> {
    const got = await Promise.all(
      Array.from({ length: this.pool.size }, (_, k) => this.pool.request(k, { type: "states" })),
    );
    const level = got.flatMap((r) => expectType(r, "states").head as S[]);
    this.checkpoint?.save(
      { depth: this.depth, level, levelIdx: indices(this.levelBase, level.length), next: [], nextIdx: [] },
      true,
    );
  }

  /**
   * Continues from a saved frontier: a whole level goes to the workers; a level a sequential
   * run stopped in the middle of is finished here first, as `runBfs` would.
   */
  private async resumeFrom(f: BfsFrontier<S>): Promise<SearchOutcome | undefined> {
    this.depth = f.depth;
    this.levelSize = f.level.length;
    // In the visited set the level's remaining states come right before the next level's.
    this.levelBase = this.explorer.set.size - f.next.length - f.level.length;
    if (f.next.length === 0) {
      if (this.levelSize > 0) await this.load(f.level);
      return undefined;
    }
    const next = [...f.next];
    const stop = await this.expandHere(f.level, this.levelBase, next);
    if (stop) return { depth: next.length > 0 ? this.depth + 1 : this.depth, stoppedBy: stop };
    this.advance(next.length);
    if (!this.explorer.stopRequested && next.length > 0) await this.load(next);
    return undefined;
  }

  /**
   * Expands the level on the workers and merges their candidates in level order. Returns the
   * number of new states, or -1 when the level must be replayed sequentially (nothing of it is
   * kept then).
   */
  private async parallelLevel(): Promise<number> {
    const { explorer, pool } = this;
    const set = explorer.set;
    const n = pool.size;
    const replies = Array.from({ length: n }, (_, k) => pool.request(k, { type: "expand" }));
    for (const r of replies) r.catch(() => {});
    const levelEnd = this.levelBase + this.levelSize;
    const nActions = explorer.enabledCount.length;
    const enabled = new Float64Array(nActions);
    const distinct = new Float64Array(nActions);
    const witnessAt = explorer.witnessAt.slice();
    const assigned: Int32Array[] = [];
    const newSizes: number[] = [];
    let generated = 0;
    let replay = false;
    let offset = this.levelBase;
    for (let k = 0; k < n; k++) {
      const r = await replies[k]!;
      if (this.halted) return -1;
      if (r.type === "fault") replay = true;
      if (replay) continue;
      const c = expectType(r, "candidates");
      const ids = this.merge(c, offset, distinct);
      assigned.push(ids);
      newSizes.push(ids.reduce((count, id) => (id >= 0 ? count + 1 : count), 0));
      offset += this.sizes[k]!;
      generated += c.generated;
      for (let a = 0; a < nActions; a++) enabled[a]! += c.enabled[a]!;
      if (c.triggered) replay = true;
      for (const [w, pos] of c.witnesses) {
        // Reached already: in an earlier level, or by an earlier worker (a smaller index).
        if (witnessAt[w] !== -1) continue;
        const at = ids[pos]!;
        // A witness first seen on a state another worker (or level) had already: replay to be exact.
        if (at < 0) replay = true;
        else witnessAt[w] = at;
      }
    }
    if (replay || set.size > this.options.maxStates) {
      set.truncate(levelEnd);
      return -1;
    }
    explorer.generated += generated;
    for (let a = 0; a < nActions; a++) {
      explorer.enabledCount[a]! += enabled[a]!;
      explorer.distinctCount[a]! += distinct[a]!;
    }
    explorer.witnessAt.set(witnessAt);
    await Promise.all(
      assigned.map((ids, k) =>
        pool.request(k, { type: "commit", assigned: ids }, [ids.buffer as ArrayBuffer]),
      ),
    );
    this.sizes = newSizes;
    await this.rebalance();
    return set.size - levelEnd;
  }

  /** Admits one worker's candidates in order; returns each one's new index, or -1 (not new). */
  private merge(c: Candidates, parentBase: number, distinct: Float64Array): Int32Array {
    const set = this.explorer.set;
    const { hi, lo, parent, step } = c;
    const ids = new Int32Array(hi.length);
    for (let i = 0; i < hi.length; i++) {
      const idx = set.add(hi[i]!, lo[i]!, parentBase + parent[i]!, step[i]!);
      ids[i] = idx;
      if (idx >= 0) distinct[stepAction(step[i]!)]!++;
    }
    return ids;
  }

  /** Moves states between neighbouring segments so the workers have similar shares. */
  private async rebalance(): Promise<void> {
    const plan = balancePlan(this.sizes);
    if (!plan) return;
    const moved = new MovedStates();
    let p = 0;
    const taken = await Promise.all(
      plan.map((m, k) => this.pool.request(k, { type: "take", head: m.takeHead, tail: m.takeTail })),
    );
    plan.forEach((m, k) => {
      const r = expectType(taken[k]!, "states");
      const size = this.sizes[k]!;
      moved.add(p, r.head);
      moved.add(p + size - m.takeTail, r.tail);
      p += size;
    });
    const given = await Promise.all(
      plan.map((m, k) =>
        this.pool.request(k, {
          type: "give",
          head: moved.slice(m.gainHead[0], m.gainHead[1]),
          tail: moved.slice(m.gainTail[0], m.gainTail[1]),
        }),
      ),
    );
    this.sizes = given.map((r) => expectType(r, "done").size);
  }

  /**
   * Runs the current level on the main thread exactly as `runBfs` does (same admission order,
   * same stops, same errors), then hands the next level to fresh worker explorers.
   */
  private async replayLevel(): Promise<{ next: number; stop?: StopReason }> {
    const { explorer, pool } = this;
    const got = await Promise.all(
      Array.from({ length: pool.size }, (_, k) => pool.request(k, { type: "states" })),
    );
    const level = got.flatMap((r) => expectType(r, "states").head as S[]);
    if (level.length !== this.levelSize)
      throw new Error("parallel BFS: the workers lost states of the level");
    const next: S[] = [];
    const stop = await this.expandHere(level, this.levelBase, next);
    if (stop) return { next: next.length, stop };
    if (!explorer.stopRequested && next.length > 0) await this.load(next);
    return { next: next.length };
  }

  /**
   * Expands `level` (its first state has index `base`) on the main thread, appending new
   * states to `next` (which may already hold some of the next level). On a time limit or an
   * interrupt it saves what is left, as `runBfs` does, and returns the reason.
   */
  private async expandHere(level: readonly S[], base: number, next: S[]): Promise<StopReason | undefined> {
    const explorer = this.explorer;
    const elapsed = performance.now() - this.started;
    const pacer = new Pacer({ ...this.options, timeLimitMs: this.options.timeLimitMs - elapsed });
    const push = (_idx: number, s: S) => next.push(s);
    const cut = await expandLevel(
      explorer,
      pacer,
      level,
      (k) => base + k,
      push,
      this.depth,
      () => next.length,
    );
    if (!cut) return undefined;
    const rest = cut.at + 1;
    this.checkpoint?.save(
      {
        depth: this.depth,
        level: level.slice(rest),
        levelIdx: indices(base + rest, level.length - rest),
        next,
        nextIdx: indices(explorer.set.size - next.length, next.length),
      },
      true,
    );
    return cut.stoppedBy;
  }

  /** Splits a level evenly over fresh worker explorers that skip what is already violated. */
  private async load(states: readonly S[]): Promise<void> {
    const n = this.pool.size;
    const config = this.config();
    const replies = await Promise.all(
      Array.from({ length: n }, (_, k) =>
        this.pool.request(k, {
          type: "load",
          config,
          states: states.slice(
            Math.round((k * states.length) / n),
            Math.round(((k + 1) * states.length) / n),
          ),
        }),
      ),
    );
    this.sizes = replies.map((r) => expectType(r, "done").size);
  }

  private config(): ExplorerConfig {
    const ex = this.explorer;
    const violated = new Set(ex.found.map((f) => f.property));
    return {
      only: [...ex.invariants, ...ex.actionInvariants]
        .map((p) => p.name)
        .filter((name) => !violated.has(name)),
      deadlock: ex.checkDeadlock && !ex.found.some((f) => f.kind === "deadlock"),
      reached: [...ex.witnessAt].flatMap((at, w) => (at >= 0 ? [w] : [])),
    };
  }
}

/** `count` consecutive indices from `from`. */
function indices(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}
