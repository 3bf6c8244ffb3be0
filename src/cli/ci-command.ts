/**
 * `specter ci [config]`: runs every check of specter.config.ts (or .js/.mjs/.json), prints a
 * table (or JUnit XML / JSON), writes counterexamples, emits GitHub Actions annotations when
 * GITHUB_ACTIONS is set, and exits 1 if any check misses its expectation or budget.
 */

import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type SpecterConfig, validateConfig } from "../ci/config.js";
import { githubAnnotations } from "../ci/github-annotations.js";
import { renderJunit } from "../ci/junit.js";
import { renderTable } from "../ci/report-table.js";
import { type CheckOutcome, planChecks, runChecks } from "../ci/run-checks.js";
import { describeThrown, isSpecterError, UsageError } from "../errors.js";
import { ExitCode, type Io } from "./io.js";
import { resultToJson } from "./json-result.js";
import { reportError } from "./report-error.js";

/** Flags of `specter ci`. */
export interface CiFlags {
  readonly shard?: string;
  readonly format: "text" | "json" | "junit";
  readonly junit?: string;
  readonly out: string;
  readonly svg?: boolean;
  readonly verbose?: boolean;
}

const DEFAULT_NAMES = ["specter.config.ts", "specter.config.mjs", "specter.config.js", "specter.config.json"];

function findConfig(arg: string | undefined): string {
  if (arg !== undefined) {
    const file = resolve(arg);
    if (!existsSync(file)) throw new UsageError("SPC-U002", `config file not found: ${file}`);
    return file;
  }
  const found = DEFAULT_NAMES.map((n) => resolve(n)).find((f) => existsSync(f));
  if (!found)
    throw new UsageError(
      "SPC-U002",
      `no config file: create specter.config.ts here, or give its path (looked for ${DEFAULT_NAMES.join(", ")})`,
    );
  return found;
}

async function loadConfig(file: string): Promise<SpecterConfig> {
  let raw: unknown;
  try {
    raw = file.endsWith(".json")
      ? JSON.parse(readFileSync(file, "utf8"))
      : ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (e) {
    if (isSpecterError(e)) throw e;
    throw new UsageError("SPC-U014", `could not load ${file}: ${describeThrown(e)}`, [], { cause: e });
  }
  return validateConfig(raw, file);
}

function parseShard(s: string | undefined): { index: number; count: number } | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError("SPC-U006", `--shard ${s}: expected i/n with 1 <= i <= n, e.g. --shard 2/3`);
  return { index, count };
}

function jsonReport(outcomes: readonly CheckOutcome[]) {
  return {
    passed: outcomes.every((o) => o.passed),
    checks: outcomes.map((o) => ({
      name: o.check.name,
      expected: o.check.expect,
      passed: o.passed,
      reason: o.reason,
      result: resultToJson(o.result, o.files),
    })),
  };
}

/** Runs `specter ci`. */
export async function ciCommand(configArg: string | undefined, flags: CiFlags, io: Io): Promise<number> {
  let outcomes: CheckOutcome[];
  try {
    const shard = parseShard(flags.shard);
    const configFile = findConfig(configArg);
    const planned = await planChecks(await loadConfig(configFile), configFile);
    outcomes = await runChecks(planned, {
      configFile,
      outDir: flags.out,
      svg: flags.svg !== false,
      ...(shard ? { shard } : {}),
      onStart: (c, i, n) => io.stderr(`[${i + 1}/${n}] ${c.name}\n`),
    });
    if (flags.junit) await writeFile(flags.junit, renderJunit(outcomes), "utf8");
  } catch (e) {
    return reportError(e, io, flags);
  }
  if (flags.format === "junit") io.stdout(renderJunit(outcomes));
  else if (flags.format === "json") io.stdout(`${JSON.stringify(jsonReport(outcomes), null, 2)}\n`);
  else io.stdout(`${renderTable(outcomes).join("\n")}\n`);
  if (process.env.GITHUB_ACTIONS === "true") {
    const lines = githubAnnotations(outcomes);
    if (lines.length) (flags.format === "text" ? io.stdout : io.stderr)(`${lines.join("\n")}\n`);
  }
  return outcomes.every((o) => o.passed) ? ExitCode.ok : ExitCode.violation;
}
