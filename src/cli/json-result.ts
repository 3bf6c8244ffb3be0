/**
 * The JSON document `specter check --format json` prints: a public contract (docs/cli.md) that
 * users' CI scripts read, so fields are only ever added. Traces are given as step lists
 * (action, argument index, label); the full states go to the ITF trace files.
 */

import type { CheckResult } from "../engine/result.js";
import type { WrittenCounterexample } from "../render/write-counterexamples.js";
import type { Trace } from "../trace/trace.js";

function steps(trace: Trace) {
  return trace.steps.map((s) => ({ action: s.action, argIndex: s.argIndex, label: s.label }));
}

/** Converts a result into the JSON contract's shape. */
export function resultToJson(r: CheckResult, written: readonly WrittenCounterexample[] = []) {
  return {
    spec: r.spec,
    params: r.params,
    bug: r.bug ?? null,
    strategy: r.strategy,
    result: r.result,
    complete: r.complete,
    stoppedBy: r.stoppedBy ?? null,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    depth: r.depth,
    durationMs: Math.round(r.durationMs),
    statesPerSecond: r.statesPerSecond,
    coverage: r.coverage,
    checked: r.checked,
    violations: r.violations.map((v) => ({
      property: v.property,
      kind: v.kind,
      message: v.message,
      length: v.trace ? v.trace.steps.length - 1 : null,
      loopsBackTo: v.trace?.loopsBackTo ?? null,
      steps: v.trace ? steps(v.trace) : [],
      files: written.find((w) => w.property === v.property)?.files ?? null,
    })),
    witnesses: r.witnesses.map((w) => ({ name: w.name, reached: w.reached, depth: w.depth ?? null })),
    collisionProbability: r.collisionProbability,
    warnings: r.warnings,
    ...(r.random ? { random: r.random } : {}),
    ...(r.workers !== undefined ? { workers: r.workers } : {}),
    error: r.error ? { code: r.error.code, message: r.error.message, details: r.error.details } : null,
  };
}
