/**
 * A compact, deterministic, one-line rendering of plain-data values for people: strings quoted,
 * `Set`s as `{a, b}` and `Map`s as `Map{k: v}` with members sorted by their rendering (so the
 * same state always prints the same way, whatever the insertion order), and long values folded
 * with an ellipsis when a width is given.
 */

import { isPlainObject } from "./plain-data.js";

const IDENT = /^[A-Za-z_$][\w$]*$/;

function formatKey(k: string): string {
  return IDENT.test(k) ? k : JSON.stringify(k);
}

function formatInner(v: unknown, depth: number): string {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Object.is(v, -0) ? "0" : String(v);
    case "bigint":
      return `${v}n`;
    case "boolean":
      return String(v);
    case "undefined":
      return "undefined";
    case "object":
      break;
    default:
      return `<${typeof v}>`;
  }
  if (v === null) return "null";
  if (depth > 50) return "…";
  if (Array.isArray(v)) return `[${v.map((e) => formatInner(e, depth + 1)).join(", ")}]`;
  if (v instanceof Set) {
    const items = [...v].map((e) => formatInner(e, depth + 1)).sort();
    return `{${items.join(", ")}}`;
  }
  if (v instanceof Map) {
    const items = [...v].map(([k, e]) => `${formatInner(k, depth + 1)}: ${formatInner(e, depth + 1)}`).sort();
    return `Map{${items.join(", ")}}`;
  }
  if (!isPlainObject(v)) return `<${(v as object).constructor?.name ?? "object"}>`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, e]) => e !== undefined)
    .map(([k, e]) => `${formatKey(k)}: ${formatInner(e, depth + 1)}`);
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}

/**
 * Formats a value on one line; with `maxWidth`, folds it to that many characters.
 *
 * @example
 * formatValue({ rm: ["working"], msgs: new Set(["b", "a"]) }); // '{ rm: ["working"], msgs: {"a", "b"} }'
 */
export function formatValue(v: unknown, maxWidth?: number): string {
  const s = formatInner(v, 0);
  if (maxWidth === undefined || s.length <= maxWidth) return s;
  return `${s.slice(0, Math.max(1, maxWidth - 1))}…`;
}

/** Formats a property key as it appears in a path (`.name` or `["odd key"]`). */
export function formatPathKey(k: string): string {
  return IDENT.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}
