/**
 * `check`: compiles a spec with the given params, runs the chosen strategy on the shared
 * explorer core, and turns what it found into a `CheckResult` — rebuilding each counterexample
 * by replay (bfs, dfs) or taking the shrunk walk (random), classifying the outcome and listing
 * honest warnings (bounds that cut the search, witnesses not reached, actions never enabled).
 * It never throws because a property failed, nor because the spec is at fault: those come back
 * as results. Only Specter's own bugs escape as exceptions.
 */

import { isSpecterError, type SpecError, UsageError } from "../errors.js";
import type { Spec } from "../spec/define-spec.js";
import { compileSpec, type Model } from "../spec/model.js";
import { type Trace, traceLength } from "../trace/trace.js";
import { runBfs } from "./bfs.js";
import { bfsCheckpointing } from "./checkpoint/bfs-checkpointing.js";
import type { BfsCheckpointHooks } from "./checkpoint/frontier.js";
import { runDfs } from "./dfs.js";
import { Explorer } from "./explorer.js";
import { checkLiveness } from "./liveness/check-liveness.js";
import { type CheckOptions, type ResolvedCheckOptions, resolveCheckOptions } from "./options.js";
import { runParallelBfs } from "./parallel/parallel-bfs.js";
import { specModuleOf } from "./parallel/spec-module.js";
import { type RandomOutcome, runRandom } from "./random.js";
import { extendTrace, rebuildTrace } from "./rebuild.js";
import type {
  CheckError,
  CheckResult,
  RandomStats,
  StopReason,
  Violation,
  ViolationKind,
  WitnessReport,
} from "./result.js";

const TWO_POW_65 = 2 ** 65;

/**
 * Explores a spec's reachable states and checks its properties.
 *
 * @example
 * const result = await check(twoPhaseCommit, { params: { rms: 3 } });
 * result.result;          // "ok"
 * result.distinctStates;  // 288
 */
export async function check<S>(spec: Spec<S>, options: CheckOptions = {}): Promise<CheckResult> {
  const started = performance.now();
  let opts: ResolvedCheckOptions;
  let model: Model<S>;
  try {
    opts = resolveCheckOptions(options);
    model = compileSpec(spec, { params: opts.params, bug: opts.bug, freezeStates: opts.freezeStates });
    checkOnlyNames(model, opts);
  } catch (e) {
    if (!isSpecterError(e)) throw e;
    return errorResult(spec.name, options, started, e);
  }
  const explorer = new Explorer(model, opts);
  let checkpointing: BfsCheckpointHooks<S> | undefined;
  try {
    checkpointing = bfsCheckpointing(explorer, opts);
  } catch (e) {
    if (!isSpecterError(e)) throw e;
    return errorResult(spec.name, options, started, e);
  }
  const found: Found = { depth: 0, stoppedBy: undefined, violations: [], witnesses: [] };
  try {
    if (opts.strategy === "random")
      Object.assign(found, fromRandom(explorer, await runRandom(explorer, opts)));
    else {
      const parallel = opts.strategy === "bfs" && opts.workers > 1;
      if (parallel) found.workers = explorer.graph ? 1 : opts.workers;
      const outcome =
        parallel && !explorer.graph
          ? await runParallelBfs(explorer, opts, opts.specModule ?? specModuleOf(spec), checkpointing)
          : opts.strategy === "dfs"
            ? await runDfs(explorer, opts)
            : await runBfs(explorer, opts, checkpointing);
      Object.assign(found, outcome, { violations: violationsOf(explorer), witnesses: witnessesOf(explorer) });
      if (explorer.graph && outcome.stoppedBy === undefined) {
        found.violations.push(...checkLiveness(explorer, explorer.graph, explorer.wholeKey));
        found.livenessChecked = true;
      }
    }
    return summarize(explorer, found, started, undefined);
  } catch (e) {
    // A spec fault during the search, or nondeterminism found while rebuilding a trace.
    if (!isSpecterError(e)) throw e;
    return summarize(explorer, { ...found, violations: [], witnesses: [] }, started, errorOf(e, explorer));
  }
}

/** What a strategy found, in the result's terms. */
interface Found {
  depth: number;
  stoppedBy: StopReason | undefined;
  violations: Violation[];
  witnesses: WitnessReport[];
  random?: RandomStats;
  livenessChecked?: boolean;
  /** bfs with workers > 1 asked: the number of workers used (1: fell back to sequential). */
  workers?: number;
}

function checkOnlyNames<S>(model: Model<S>, opts: ResolvedCheckOptions): void {
  if (!opts.only) return;
  const known = [...model.invariants, ...model.actionInvariants, ...model.liveness].map((p) => p.name);
  for (const name of opts.only)
    if (!known.includes(name)) {
      const list = known.length ? known.join(", ") : "none";
      throw new UsageError(
        "SPC-U008",
        `--only ${name}: no such property; the spec's properties are: ${list}`,
      );
    }
}

function errorOf<S>(e: SpecError | UsageError, explorer: Explorer<S>): CheckError {
  const base = { code: e.code, message: e.message, details: e.details, cause: e.cause };
  if (explorer.current < 0 || explorer.strategy === "random") return base;
  try {
    return { ...base, trace: rebuildTrace(explorer.model, explorer.set, explorer.hasher, explorer.current) };
  } catch {
    return base;
  }
}

function errorResult(
  name: string,
  options: CheckOptions,
  started: number,
  e: SpecError | UsageError,
): CheckResult {
  return {
    spec: name,
    params: options.params ?? {},
    bug: options.bug,
    strategy: options.strategy ?? "bfs",
    result: "error",
    complete: false,
    stoppedBy: undefined,
    distinctStates: 0,
    generatedStates: 0,
    depth: 0,
    durationMs: performance.now() - started,
    statesPerSecond: 0,
    coverage: {},
    violations: [],
    witnesses: [],
    checked: { invariants: [], actionInvariants: [], deadlock: false },
    collisionProbability: 0,
    visitedBytes: 0,
    warnings: [],
    error: { code: e.code, message: e.message, details: e.details },
  };
}

function violationMessage(kind: ViolationKind, property: string, n: number): string {
  if (kind === "deadlock") return `deadlock: no action is enabled after ${n} steps`;
  if (kind === "actionInvariant") return `action invariant ${property} is violated by step ${n}`;
  return `invariant ${property} is violated after ${n} steps`;
}

function violationsOf<S>(explorer: Explorer<S>): Violation[] {
  const { model, set, hasher } = explorer;
  return explorer.found.map((f) => {
    let trace = rebuildTrace(model, set, hasher, f.index);
    if (f.step) trace = extendTrace(model, trace, f.step.action, f.step.argIndex);
    return {
      property: f.property,
      kind: f.kind,
      message: violationMessage(f.kind, f.property, traceLength(trace)),
      trace,
    };
  });
}

function witnessesOf<S>(explorer: Explorer<S>): WitnessReport[] {
  return explorer.witnesses.map((w, k) => {
    const at = explorer.witnessAt[k]!;
    if (at < 0) return { name: w.name, reached: false };
    return witnessReport(w.name, rebuildTrace(explorer.model, explorer.set, explorer.hasher, at));
  });
}

function witnessReport(name: string, trace: Trace | undefined): WitnessReport {
  return trace ? { name, reached: true, depth: traceLength(trace), trace } : { name, reached: false };
}

function fromRandom<S>(explorer: Explorer<S>, out: RandomOutcome): Found {
  const v = out.violation;
  const violations: Violation[] = v
    ? [
        {
          property: v.property,
          kind: v.kind,
          message: violationMessage(v.kind, v.property, traceLength(v.trace)),
          trace: v.trace,
        },
      ]
    : [];
  return {
    depth: 0,
    stoppedBy: out.stoppedBy,
    violations,
    witnesses: explorer.witnesses.map((w, k) => witnessReport(w.name, out.witnessTraces[k])),
    random: {
      seed: out.seed,
      walks: out.walks,
      steps: out.steps,
      ...(v ? { path: v.path, foundLength: v.foundLength, shrunkLength: v.shrunkLength } : {}),
    },
  };
}

function summarize<S>(
  explorer: Explorer<S>,
  found: Found,
  started: number,
  error: CheckError | undefined,
): CheckResult {
  const model: Model<S> = explorer.model;
  const durationMs = performance.now() - started;
  const distinct = explorer.set.size;
  const complete = error === undefined && found.stoppedBy === undefined;
  const violations = [...found.violations];
  const warnings: string[] = livenessWarnings(model, explorer, found);
  if (found.workers === 1)
    warnings.push(
      "liveness properties need the whole state graph, which parallel BFS does not build: checked with sequential BFS (1 worker)",
    );
  for (const w of found.witnesses) {
    if (w.reached) continue;
    if (complete)
      violations.push({
        property: w.name,
        kind: "unreachedWitness",
        message: `witness ${w.name} is never reached: the properties hold vacuously`,
      });
    else if (found.stoppedBy !== "firstViolation")
      warnings.push(`witness ${w.name} was not reached within the bounds of this incomplete search`);
  }
  const coverage: Record<string, { enabled: number; distinct: number }> = {};
  model.actionNames.forEach((name, a) => {
    coverage[name] = { enabled: explorer.enabledCount[a]!, distinct: explorer.distinctCount[a]! };
    if (complete && model.active[a] && explorer.enabledCount[a] === 0)
      warnings.push(`action ${name} is never enabled`);
  });
  const depth = found.random ? Math.max(0, ...found.witnesses.map((w) => w.depth ?? 0)) : found.depth;
  const result = error
    ? "error"
    : violations.length > 0
      ? "violation"
      : found.stoppedBy !== undefined
        ? "incomplete"
        : "ok";
  const random = found.random
    ? {
        ...found.random,
        stepsPerSecond: perSecond(found.random.steps, durationMs),
        walksPerSecond: perSecond(found.random.walks, durationMs),
      }
    : undefined;
  return {
    spec: model.name,
    params: model.params,
    bug: model.bug,
    strategy: explorer.strategy,
    result,
    complete,
    stoppedBy: found.stoppedBy,
    distinctStates: distinct,
    generatedStates: explorer.generated,
    depth: found.random ? depthOfRandom(found) : depth,
    durationMs,
    statesPerSecond: perSecond(distinct, durationMs),
    coverage,
    violations,
    witnesses: found.witnesses,
    checked: {
      invariants: explorer.invariants.map((p) => p.name),
      actionInvariants: explorer.actionInvariants.map((p) => p.name),
      deadlock: explorer.checkDeadlock,
      properties: found.livenessChecked ? explorer.liveness.map((p) => p.name) : [],
      symmetry: explorer.symmetric,
    },
    collisionProbability: (distinct * distinct) / TWO_POW_65,
    visitedBytes: explorer.set.bytes,
    warnings,
    ...(random ? { random } : {}),
    ...(found.workers !== undefined ? { workers: found.workers } : {}),
    ...(error ? { error } : {}),
  };
}

/** TLC users asked for these: say when a liveness verdict cannot be trusted, or was not reached. */
function livenessWarnings<S>(model: Model<S>, explorer: Explorer<S>, found: Found): string[] {
  if (explorer.liveness.length === 0) return [];
  const names = explorer.liveness.map((p) => p.name).join(", ");
  if (explorer.strategy === "random")
    return [`liveness properties (${names}) are not checked by random search: use bfs or dfs`];
  if (!found.livenessChecked)
    return [`liveness properties (${names}) were not checked: the search did not explore the whole graph`];
  const out: string[] = [];
  if (model.constraint)
    out.push(
      "liveness with a state constraint: behaviours that leave the constraint are cut, so a violation can be missed or be spurious",
    );
  if (model.view)
    out.push(
      "liveness with a view: states merged by the view share one node, which can hide or invent cycles",
    );
  if (explorer.symmetric)
    out.push(
      "liveness with symmetry reduction: cycles through symmetric states can be missed or invented; check with --no-symmetry to be sure",
    );
  return out;
}

function depthOfRandom(found: Found): number {
  const lengths = [...found.violations, ...found.witnesses].map((x) => (x.trace ? traceLength(x.trace) : 0));
  return Math.max(0, ...lengths);
}

function perSecond(n: number, ms: number): number {
  return ms > 0 ? Math.round((n * 1000) / ms) : 0;
}
