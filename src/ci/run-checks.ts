/**
 * Runs a configuration's checks: expands `bugs: "all"` entries, applies the shard, runs each
 * check with `check()`, writes counterexamples, and judges each result against its
 * expectation and time budget. Pure library code: reporting is in the reporters.
 */

import { dirname, isAbsolute, resolve } from "node:path";
import { loadSpec } from "../cli/load-spec.js";
import { check } from "../engine/check.js";
import type { CheckOptions } from "../engine/options.js";
import type { CheckResult } from "../engine/result.js";
import { type WrittenCounterexample, writeCounterexamples } from "../render/write-counterexamples.js";
import type { Spec } from "../spec/define-spec.js";
import type { AllBugsEntry, CheckEntry, Expectation, SpecterConfig } from "./config.js";

/** A check ready to run. */
export interface PlannedCheck {
  readonly name: string;
  readonly entry: CheckEntry;
  readonly expect: Expectation;
  readonly spec: Spec;
  readonly specFile: string;
}

/** One check's outcome. */
export interface CheckOutcome {
  readonly check: PlannedCheck;
  readonly result: CheckResult;
  readonly passed: boolean;
  /** Why it failed (or how it passed), one line. */
  readonly reason: string;
  readonly files: readonly WrittenCounterexample[];
}

/** How to run. */
export interface RunChecksOptions {
  readonly configFile: string;
  /** 1-based shard index and count, e.g. { index: 2, count: 3 }. */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly outDir: string;
  readonly svg: boolean;
  readonly onStart?: (c: PlannedCheck, i: number, total: number) => void;
}

function specArgFor(spec: string, configDir: string): string {
  const isPath = spec.includes("/") || spec.includes("\\") || /\.(ts|js|mts|mjs)$/.test(spec);
  return isPath && !isAbsolute(spec) ? resolve(configDir, spec) : spec;
}

function defaultName(e: CheckEntry): string {
  const params = Object.entries(e.params ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  return [
    e.spec,
    e.bug ? `--bug ${e.bug}` : "",
    ...params,
    e.strategy && e.strategy !== "bfs" ? e.strategy : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** Expands entries into planned checks (loading each spec once). */
export async function planChecks(config: SpecterConfig, configFile: string): Promise<PlannedCheck[]> {
  const dir = dirname(resolve(configFile));
  const planned: PlannedCheck[] = [];
  for (const raw of config.checks) {
    const { spec, file } = await loadSpec(specArgFor(raw.spec, dir));
    if ("bugs" in raw && raw.bugs === "all") {
      const all = raw as AllBugsEntry;
      for (const [bug, preset] of Object.entries(spec.definition.bugs ?? {})) {
        const entry: CheckEntry = {
          spec: all.spec,
          bug,
          ...(all.strategy ? { strategy: all.strategy } : {}),
          ...(all.budget ? { budget: all.budget } : {}),
        };
        planned.push({
          name: defaultName(entry),
          entry,
          expect: { violates: preset.violates },
          spec,
          specFile: file,
        });
      }
      continue;
    }
    const entry = raw as CheckEntry;
    const declared = entry.bug ? spec.definition.bugs?.[entry.bug]?.violates : undefined;
    const expect = entry.expect ?? (declared ? { violates: declared } : "holds");
    planned.push({ name: entry.name ?? defaultName(entry), entry, expect, spec, specFile: file });
  }
  return planned;
}

function optionsOf(e: CheckEntry): CheckOptions {
  const o: Record<string, unknown> = {};
  for (const k of [
    "params",
    "bug",
    "strategy",
    "maxStates",
    "maxDepth",
    "timeLimit",
    "seed",
    "runs",
  ] as const)
    if (e[k] !== undefined) o[k] = e[k];
  return o as CheckOptions;
}

/** Judges a result against the check's expectation and budget. */
export function judge(c: PlannedCheck, r: CheckResult): { passed: boolean; reason: string } {
  const seconds = r.durationMs / 1000;
  if (r.result === "error") return { passed: false, reason: `error ${r.error?.code}: ${r.error?.message}` };
  if (c.entry.budget !== undefined && seconds > c.entry.budget)
    return { passed: false, reason: `took ${seconds.toFixed(1)} s, over its budget of ${c.entry.budget} s` };
  if (c.expect === "holds") {
    if (r.result === "ok") return { passed: true, reason: "holds" };
    if (r.result === "incomplete")
      return c.entry.allowIncomplete
        ? { passed: true, reason: `no violation (incomplete: ${r.stoppedBy})` }
        : {
            passed: false,
            reason: `incomplete (${r.stoppedBy}): not a full pass; set allowIncomplete to accept`,
          };
    return { passed: false, reason: `violates ${r.violations.map((v) => v.property).join(", ")}` };
  }
  const want = c.expect.violates;
  if (r.violations.some((v) => v.property === want))
    return { passed: true, reason: `violates ${want}, as expected` };
  const got = r.violations.map((v) => v.property).join(", ");
  return {
    passed: false,
    reason: `expected a violation of ${want}, but ${got ? `found ${got}` : `the result is ${r.result}`}`,
  };
}

/** Runs the (sharded) checks in order. */
export async function runChecks(
  planned: readonly PlannedCheck[],
  opts: RunChecksOptions,
): Promise<CheckOutcome[]> {
  const mine = opts.shard
    ? planned.filter((_, i) => i % opts.shard!.count === opts.shard!.index - 1)
    : planned;
  const out: CheckOutcome[] = [];
  for (const [i, c] of mine.entries()) {
    opts.onStart?.(c, i, mine.length);
    const result = await check(c.spec, optionsOf(c.entry));
    const files = await writeCounterexamples(result, {
      outDir: opts.outDir,
      svg: opts.svg,
      ...(c.entry.spec.includes("/") ? { specFile: c.specFile } : {}),
    });
    out.push({ check: c, result, files, ...judge(c, result) });
  }
  return out;
}
