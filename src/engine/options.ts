/**
 * Check options, resolved once at the door (STYLE.md): users pass any subset; engines only ever
 * see the validated, defaulted, frozen `ResolvedCheckOptions`.
 */

import { UsageError } from "../errors.js";
import type { ParamValue } from "../spec/types.js";

/** The search strategies. */
export type Strategy = "bfs" | "dfs" | "random";

/** How random walks choose among the enabled steps (docs/strategies.md). */
export type Scheduler = "mixed" | "weighted" | "uniform";

/** A snapshot of a running search, for progress displays. */
export interface Progress {
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly queue: number;
  readonly depth: number;
  readonly elapsedMs: number;
}

/** Options of `check`; all optional. */
export interface CheckOptions {
  /** Param overrides (typed values, or strings as from the CLI). */
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** Apply a bug preset of the spec. */
  readonly bug?: string;
  /**
   * "bfs" (default: complete, shortest counterexamples), "dfs" (complete, less frontier memory)
   * or "random" (walks chosen by fast-check, shrunk on failure; never complete).
   */
  readonly strategy?: Strategy;
  /** random: number of walks (default 10,000). */
  readonly runs?: number;
  /** random: steps per walk at most (default: maxDepth if given, else 100). */
  readonly depth?: number;
  /** random: the seed (default: drawn, and reported). */
  readonly seed?: number;
  /** random: fast-check's path to one walk, to replay a reported counterexample exactly. */
  readonly path?: string;
  /** random: swarm testing — each walk disables a random subset of actions. */
  readonly swarm?: boolean;
  /**
   * random: how a walk chooses among the enabled steps. "uniform": every enabled step is
   * equally likely. "weighted": each walk draws random action priorities and an aging
   * strength, so that steps enabled for longer are likelier (docs/strategies.md). "mixed"
   * (default): each walk is weighted or uniform, at random, half and half.
   */
  readonly scheduler?: Scheduler;
  /** Stop after this many distinct states (the result is then incomplete). */
  readonly maxStates?: number;
  /** Do not expand states at this depth or deeper. */
  readonly maxDepth?: number;
  /** Stop after this many seconds. */
  readonly timeLimit?: number;
  /** Use the spec's symmetry reduction, if it declares one (default: true, except for random search, which only counts states). */
  readonly symmetry?: boolean;
  /**
   * Keep every state frozen for the whole search (slower), so spec code that mutates a state
   * outside an action's `do` fails wherever it happens. By default only the states of the
   * first 10,000 steps are frozen (docs/adr/0007-fast-immer.md).
   */
  readonly freezeStates?: boolean;
  /** Check for deadlock; default: the spec's own setting (true unless it says otherwise). */
  readonly deadlock?: boolean;
  /** Keep exploring after a violation, collecting one counterexample per property. */
  readonly continue?: boolean;
  /** Check only these invariants / action invariants (witnesses are always tracked). */
  readonly only?: readonly string[];
  /**
   * bfs: worker threads (default 1: sequential). With more, each worker loads the spec itself
   * from `specModule`; results are the same as with one (docs/strategies.md).
   */
  readonly workers?: number;
  /**
   * bfs with workers > 1: the path of the spec's module (its default export is the spec), for
   * the workers to import. Defaults to the file `loadSpec` loaded the spec from.
   */
  readonly specModule?: string;
  /**
   * bfs (sequential): save the search to `dir` between levels every `everySeconds` (default 300;
   * 0: after every level), and when it stops on maxDepth, the time limit or an interrupt
   * (docs/strategies.md, "Long runs"). Not with liveness properties.
   */
  readonly checkpoint?: { readonly dir: string; readonly everySeconds?: number };
  /**
   * Continue the search saved in this directory. Spec, params, bug, only, symmetry, deadlock
   * and continue must be the ones it was saved with. Keeps checkpointing into the same
   * directory unless `checkpoint` says otherwise.
   */
  readonly resume?: string;
  /** Stops the search (reported as interrupted, with the statistics so far). */
  readonly signal?: AbortSignal;
  /** Called every `progressIntervalMs` while the search runs. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressIntervalMs?: number;
}

/** Options with every field decided. */
export interface ResolvedCheckOptions {
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly bug: string | undefined;
  readonly strategy: Strategy;
  readonly runs: number;
  readonly walkDepth: number;
  readonly seed: number | undefined;
  readonly path: string | undefined;
  readonly swarm: boolean;
  readonly scheduler: Scheduler;
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly timeLimitMs: number;
  readonly deadlock: boolean | undefined;
  readonly symmetry: boolean;
  readonly freezeStates: boolean;
  readonly continue: boolean;
  readonly only: readonly string[] | undefined;
  readonly workers: number;
  readonly specModule: string | undefined;
  /** Where and how often to checkpoint (undefined: never). */
  readonly checkpoint: { readonly dir: string; readonly everyMs: number } | undefined;
  /** The checkpoint directory to resume from. */
  readonly resume: string | undefined;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((p: Progress) => void) | undefined;
  readonly progressIntervalMs: number;
}

function positive(name: string, v: number | undefined, integer: boolean): number {
  if (v === undefined) return Number.POSITIVE_INFINITY;
  if (typeof v !== "number" || Number.isNaN(v) || v <= 0 || (integer && !Number.isInteger(v)))
    throw new UsageError(
      "SPC-U006",
      `${name} must be a positive ${integer ? "integer" : "number"}, got ${String(v)}`,
    );
  return v;
}

const STRATEGIES: readonly Strategy[] = ["bfs", "dfs", "random"];
const SCHEDULERS: readonly Scheduler[] = ["mixed", "weighted", "uniform"];

/** Validates and defaults check options. */
export function resolveCheckOptions(o: CheckOptions = {}): ResolvedCheckOptions {
  if (o.strategy !== undefined && !STRATEGIES.includes(o.strategy))
    throw new UsageError(
      "SPC-U006",
      `unknown strategy "${String(o.strategy)}"; available: ${STRATEGIES.join(", ")}`,
    );
  if (o.scheduler !== undefined && !SCHEDULERS.includes(o.scheduler))
    throw new UsageError(
      "SPC-U006",
      `unknown scheduler "${String(o.scheduler)}"; available: ${SCHEDULERS.join(", ")}`,
    );
  if (o.seed !== undefined && !(Number.isInteger(o.seed) && o.seed >= -(2 ** 31) && o.seed < 2 ** 31))
    throw new UsageError("SPC-U006", `seed must be a 32-bit integer, got ${String(o.seed)}`);
  if (o.path !== undefined && o.seed === undefined)
    throw new UsageError("SPC-U006", "path replays a walk of one seed: give --seed with --path, as printed");
  if (o.path !== undefined && !/^\d+(:\d+)*$/.test(o.path))
    throw new UsageError(
      "SPC-U006",
      `path must look like 12:0:3 (as printed by a random run), got "${o.path}"`,
    );
  if (o.workers !== undefined && o.workers > 1 && (o.strategy ?? "bfs") !== "bfs")
    throw new UsageError("SPC-U006", `workers > 1 applies to bfs only (strategy is ${String(o.strategy)})`);
  const maxDepth = positive("maxDepth", o.maxDepth, true);
  const checkpoint = resolveCheckpoint(o);
  return Object.freeze({
    params: o.params ?? {},
    bug: o.bug,
    strategy: o.strategy ?? "bfs",
    runs: o.runs === undefined ? 10_000 : positive("runs", o.runs, true),
    walkDepth:
      o.depth !== undefined ? positive("depth", o.depth, true) : Number.isFinite(maxDepth) ? maxDepth : 100,
    seed: o.seed,
    path: o.path,
    swarm: o.swarm ?? false,
    scheduler: o.scheduler ?? "mixed",
    maxStates: positive("maxStates", o.maxStates, true),
    maxDepth,
    timeLimitMs: positive("timeLimit", o.timeLimit, false) * 1000,
    deadlock: o.deadlock,
    // Random walks only count distinct states: canonicalising each one (up to n! renamings)
    // would cost them most of their time (docs/strategies.md, "Symmetry").
    symmetry: o.symmetry ?? (o.strategy ?? "bfs") !== "random",
    freezeStates: o.freezeStates ?? false,
    continue: o.continue ?? false,
    only: o.only,
    workers: o.workers === undefined ? 1 : positive("workers", o.workers, true),
    specModule: o.specModule,
    checkpoint,
    resume: o.resume,
    signal: o.signal,
    onProgress: o.onProgress,
    progressIntervalMs: o.progressIntervalMs ?? 250,
  });
}

const DEFAULT_CHECKPOINT_EVERY_S = 300;

function resolveCheckpoint(o: CheckOptions): ResolvedCheckOptions["checkpoint"] {
  if (o.checkpoint === undefined && o.resume === undefined) return undefined;
  const flag = o.checkpoint !== undefined ? "checkpoint" : "resume";
  if ((o.strategy ?? "bfs") !== "bfs")
    throw new UsageError("SPC-U006", `${flag} applies to bfs only (strategy is ${String(o.strategy)})`);
  const dir = o.checkpoint?.dir ?? o.resume;
  if (typeof dir !== "string" || dir === "")
    throw new UsageError("SPC-U006", `${flag} needs a directory, got ${JSON.stringify(dir)}`);
  const every = o.checkpoint?.everySeconds ?? DEFAULT_CHECKPOINT_EVERY_S;
  if (typeof every !== "number" || !Number.isFinite(every) || every < 0)
    throw new UsageError(
      "SPC-U006",
      `checkpoint interval must be a number of seconds >= 0, got ${String(every)}`,
    );
  return { dir, everyMs: every * 1000 };
}
