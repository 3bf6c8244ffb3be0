/**
 * `check`: compiles a spec with the given params, runs the search, and turns what the explorer
 * found into a `CheckResult` — rebuilding each counterexample by replay, classifying the outcome
 * and listing honest warnings (bounds that cut the search, witnesses not reached, actions never
 * enabled). It never throws because a property failed, nor because the spec is at fault: those
 * come back as results. Only Specter's own bugs escape as exceptions.
 */

import { isSpecterError, type SpecError, UsageError } from "../errors.js";
import type { Spec } from "../spec/define-spec.js";
import { compileSpec, type Model } from "../spec/model.js";
import { traceLength } from "../trace/trace.js";
import { runBfs, type SearchOutcome } from "./bfs.js";
import { Explorer } from "./explorer.js";
import { type CheckOptions, type ResolvedCheckOptions, resolveCheckOptions } from "./options.js";
import { extendTrace, rebuildTrace } from "./rebuild.js";
import type { CheckError, CheckResult, Violation, WitnessReport } from "./result.js";

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
    model = compileSpec(spec, { params: opts.params, bug: opts.bug });
    checkOnlyNames(model, opts);
  } catch (e) {
    if (!isSpecterError(e)) throw e;
    return errorResult(spec.name, options, started, e);
  }
  const explorer = new Explorer(model, opts);
  let outcome: SearchOutcome = { depth: 0, stoppedBy: undefined };
  try {
    outcome = await runBfs(explorer, opts);
    return summarize(model, explorer, outcome, started, undefined);
  } catch (e) {
    // A spec fault during the search, or nondeterminism found while rebuilding a trace.
    if (!isSpecterError(e)) throw e;
    return summarize(model, explorer, outcome, started, errorOf(e, explorer));
  }
}

function checkOnlyNames<S>(model: Model<S>, opts: ResolvedCheckOptions): void {
  if (!opts.only) return;
  const known = [...model.invariants, ...model.actionInvariants].map((p) => p.name);
  for (const name of opts.only)
    if (!known.includes(name)) {
      const list = known.length ? known.join(", ") : "none";
      throw new UsageError(
        "SPC-U008",
        `--only ${name}: no such invariant; the spec's invariants are: ${list}`,
      );
    }
}

function errorOf<S>(e: SpecError | UsageError, explorer: Explorer<S>): CheckError {
  const base = { code: e.code, message: e.message, details: e.details, cause: e.cause };
  if (explorer.current < 0) return base;
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
    strategy: "bfs",
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

function violationsOf<S>(explorer: Explorer<S>): Violation[] {
  const { model, set, hasher } = explorer;
  return explorer.found.map((f) => {
    let trace = rebuildTrace(model, set, hasher, f.index);
    if (f.step) trace = extendTrace(model, trace, f.step.action, f.step.argIndex);
    const n = traceLength(trace);
    const message =
      f.kind === "deadlock"
        ? `deadlock: no action is enabled after ${n} steps`
        : f.kind === "actionInvariant"
          ? `action invariant ${f.property} is violated by step ${n}`
          : `invariant ${f.property} is violated after ${n} steps`;
    return { property: f.property, kind: f.kind, message, trace };
  });
}

function witnessesOf<S>(explorer: Explorer<S>): WitnessReport[] {
  return explorer.witnesses.map((w, k) => {
    const at = explorer.witnessAt[k]!;
    if (at < 0) return { name: w.name, reached: false };
    const trace = rebuildTrace(explorer.model, explorer.set, explorer.hasher, at);
    return { name: w.name, reached: true, depth: traceLength(trace), trace };
  });
}

function summarize<S>(
  model: Model<S>,
  explorer: Explorer<S>,
  outcome: SearchOutcome,
  started: number,
  error: CheckError | undefined,
): CheckResult {
  const durationMs = performance.now() - started;
  const distinct = explorer.set.size;
  const complete = error === undefined && outcome.stoppedBy === undefined;
  const violations = error ? [] : violationsOf(explorer);
  const witnesses = error ? [] : witnessesOf(explorer);
  const warnings: string[] = [];
  for (const w of witnesses) {
    if (w.reached) continue;
    if (complete)
      violations.push({
        property: w.name,
        kind: "unreachedWitness",
        message: `witness ${w.name} is never reached: the properties hold vacuously`,
      });
    else if (!error && outcome.stoppedBy !== "firstViolation")
      warnings.push(`witness ${w.name} was not reached within the bounds of this incomplete search`);
  }
  const coverage: Record<string, { enabled: number; distinct: number }> = {};
  model.actionNames.forEach((name, a) => {
    coverage[name] = { enabled: explorer.enabledCount[a]!, distinct: explorer.distinctCount[a]! };
    if (complete && explorer.enabledCount[a] === 0) warnings.push(`action ${name} is never enabled`);
  });
  const result = error
    ? "error"
    : violations.length > 0
      ? "violation"
      : outcome.stoppedBy !== undefined
        ? "incomplete"
        : "ok";
  return {
    spec: model.name,
    params: model.params,
    bug: model.bug,
    strategy: "bfs",
    result,
    complete,
    stoppedBy: outcome.stoppedBy,
    distinctStates: distinct,
    generatedStates: explorer.generated,
    depth: outcome.depth,
    durationMs,
    statesPerSecond: durationMs > 0 ? Math.round((distinct * 1000) / durationMs) : 0,
    coverage,
    violations,
    witnesses,
    checked: {
      invariants: explorer.invariants.map((p) => p.name),
      actionInvariants: explorer.actionInvariants.map((p) => p.name),
      deadlock: explorer.checkDeadlock,
    },
    collisionProbability: (distinct * distinct) / TWO_POW_65,
    visitedBytes: explorer.set.bytes,
    warnings,
    ...(error ? { error } : {}),
  };
}
