/**
 * GitHub Actions workflow commands: one `::error` line per failed check, pointing at the spec
 * file and, when it can be found, the line where the violated property is defined — so the
 * failure shows up on the pull request's diff.
 */

import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { CheckOutcome } from "./run-checks.js";

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** The 1-based line where `name` is defined as a key in `file` (1 when it cannot be found). */
export function lineOf(file: string, name: string): number {
  try {
    const lines = readFileSync(file, "utf8").split("\n");
    const re = new RegExp(`^\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*:`);
    const i = lines.findIndex((l) => re.test(l));
    return i >= 0 ? i + 1 : 1;
  } catch {
    return 1;
  }
}

/** The workflow commands for the failed outcomes (empty when all passed). */
export function githubAnnotations(outcomes: readonly CheckOutcome[], cwd = process.cwd()): string[] {
  return outcomes
    .filter((o) => !o.passed)
    .map((o) => {
      const file = relative(cwd, o.check.specFile).split("\\").join("/");
      const violated = o.result.violations[0]?.property;
      const expected = o.check.expect === "holds" ? undefined : o.check.expect.violates;
      const line = lineOf(o.check.specFile, violated ?? expected ?? "");
      const title = `specter: ${o.check.name}`;
      const message = `${o.reason}${o.result.violations[0]?.message ? ` — ${o.result.violations[0].message}` : ""}`;
      return `::error file=${escapeProperty(file)},line=${line},title=${escapeProperty(title)}::${escapeData(message)}`;
    });
}
