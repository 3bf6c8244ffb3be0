/** The text table `specter ci` prints: one row per check with its result, states and time. */

import type { CheckOutcome } from "./run-checks.js";

const num = (n: number) => n.toLocaleString("en-US");

/** Renders outcomes as an aligned table plus a summary line. */
export function renderTable(outcomes: readonly CheckOutcome[]): string[] {
  const rows = outcomes.map((o) => [
    o.passed ? "✔" : "✘",
    o.check.name,
    o.check.expect === "holds" ? "holds" : `violates ${o.check.expect.violates}`,
    o.result.result,
    num(o.result.distinctStates),
    `${(o.result.durationMs / 1000).toFixed(2)} s`,
  ]);
  const head = ["", "check", "expected", "result", "states", "time"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i >= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const failed = outcomes.filter((o) => !o.passed);
  const lines = [fmt(head), ...rows.map(fmt)];
  for (const o of failed) lines.push("", `✘ ${o.check.name}: ${o.reason}`);
  lines.push(
    "",
    failed.length === 0
      ? `all ${outcomes.length} checks passed`
      : `${failed.length} of ${outcomes.length} checks failed`,
  );
  return lines;
}
