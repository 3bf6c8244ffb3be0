/**
 * Human-readable rendering of operations and explanations. An explanation prints as a table
 * (process, invoke and return times, operation) followed, for real-time histories, by a small
 * text timeline with one bar per operation, in the spirit of Porcupine's visualiser but for a
 * terminal. Times are compressed to their rank so bars stay short whatever the clock.
 */

import type { Operation, ProcessId } from "./history.js";
import type { Explanation } from "./result.js";
import { formatValue, valueEqual } from "./values.js";

const READS = new Set(["read", "get", "r"]);

/**
 * One-line description of an operation: kind, key, argument, result and outcome.
 *
 * @example
 * ```ts
 * describeOp(op); // 'write(x, 3)', 'read(x) -> 3', 'cas([1 2]) [unknown outcome]'
 * ```
 */
export function describeOp(op: Operation): string {
  const args: string[] = [];
  if (op.key !== undefined) args.push(/^[\w.-]+$/.test(op.key) ? op.key : JSON.stringify(op.key));
  const isRead = READS.has(op.f);
  if (!isRead && op.value !== null && op.value !== undefined) args.push(formatValue(op.value));
  let s = `${op.f}(${args.join(", ")})`;
  if (op.status === "unknown") return `${s}${isRead ? " -> ?" : ""} [unknown outcome]`;
  if (isRead || !valueEqual(op.result, op.value)) s += ` -> ${formatValue(op.result)}`;
  return op.status === "fail" ? `${s} [failed]` : s;
}

/**
 * A process id for humans: numbers as `p3`, names as they are.
 *
 * @example
 * ```ts
 * processName(3); // "p3"
 * ```
 */
export function processName(p: ProcessId): string {
  return typeof p === "number" ? `p${p}` : p;
}

const time = (t: number): string => (Number.isFinite(t) ? String(t) : "-");

/**
 * Renders an explanation as text: summary, operation table, timeline and details.
 *
 * @example
 * ```ts
 * const r = checkLinearizable(h, registerModel());
 * if (r.verdict === "violation") process.stdout.write(formatExplanation(r.explanation));
 * ```
 */
export function formatExplanation(e: Explanation): string {
  const lines = [`${e.check}: ${e.summary}`];
  if (e.pattern !== "") lines.push(`  pattern: ${e.pattern}`);
  if (e.ops.length > 0) {
    lines.push("", ...table(e));
    if (e.realTime) lines.push("", ...timeline(e.ops));
  }
  if (e.details.length > 0) lines.push("", ...e.details.map((d) => `  ${d}`));
  if (e.ops.length > 1) {
    lines.push(
      "",
      e.minimal
        ? "  (minimal: removing any one of these operations removes the violation)"
        : "  (not shrunk to a minimal set within the time allowed)",
    );
  }
  return `${lines.join("\n")}\n`;
}

function table(e: Explanation): string[] {
  const head = e.realTime ? ["process", "invoke", "return", "operation"] : ["process", "step", "operation"];
  const rows = e.ops.map((op) =>
    e.realTime
      ? [processName(op.process), time(op.invoke), time(op.complete), describeOp(op)]
      : [processName(op.process), String(op.invoke), describeOp(op)],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")}`;
  return [fmt(head), ...rows.map(fmt)];
}

/**
 * One row per operation: `|----|` from invocation to completion, `|--->` when it never completed.
 *
 * @example
 * ```ts
 * timeline(ops).join("\n");
 * ```
 */
export function timeline(ops: readonly Operation[]): string[] {
  const points = [...new Set(ops.flatMap((op) => [op.invoke, op.complete]).filter(Number.isFinite))];
  points.sort((a, b) => a - b);
  const rank = new Map(points.map((t, i) => [t, i]));
  const width = points.length * 3 + 2;
  const label = ops.map((op) => processName(op.process));
  const labelWidth = Math.max(...label.map((l) => l.length));
  return ops.map((op, i) => {
    const from = rank.get(op.invoke)! * 3;
    const done = Number.isFinite(op.complete);
    const to = done ? rank.get(op.complete)! * 3 : width - 1;
    const bar = `${" ".repeat(from)}|${"-".repeat(Math.max(0, to - from - 1))}${done ? "|" : ">"}`;
    return `  ${label[i]!.padEnd(labelWidth)}  ${bar.padEnd(width + 1)} ${describeOp(op)}`;
  });
}

/**
 * "this operation has" / "these 3 operations have", for summaries.
 *
 * @example
 * ```ts
 * `${count(2)} no legal order`; // "these 2 operations have no legal order"
 * ```
 */
export function count(n: number): string {
  return n === 1 ? "this operation has" : `these ${n} operations have`;
}
