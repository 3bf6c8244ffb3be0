/**
 * Structural diff between two states, for showing only what a step changed: objects by key,
 * arrays by index, `Set`s by element, `Map`s by key, recursing into containers of the same kind.
 * Subtrees that are the same reference (immer shares unchanged subtrees) are skipped at once.
 */

import { formatPathKey, formatValue } from "../state/format-value.js";
import { isPlainObject } from "../state/plain-data.js";

/** One difference: `path` is relative to the state root (e.g. `rm[0]`, `msgs`, `nodes.get("n1").term`). */
export interface Change {
  readonly path: string;
  readonly kind: "changed" | "added" | "removed";
  readonly before?: unknown;
  readonly after?: unknown;
}

type Kind = "array" | "object" | "set" | "map" | "leaf";

function kindOf(v: unknown): Kind {
  if (v === null || typeof v !== "object") return "leaf";
  if (Array.isArray(v)) return "array";
  if (v instanceof Set) return "set";
  if (v instanceof Map) return "map";
  return isPlainObject(v) ? "object" : "leaf";
}

function sameLeaf(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b));
}

function diffInto(a: unknown, b: unknown, path: string, out: Change[]): void {
  if (a === b) return;
  const ka = kindOf(a);
  if (ka !== kindOf(b) || ka === "leaf") {
    if (ka === "leaf" && sameLeaf(a, b)) return;
    if (ka !== "leaf" && formatValue(a) === formatValue(b)) return;
    out.push({ path, kind: "changed", before: a, after: b });
    return;
  }
  if (ka === "array") diffArrays(a as unknown[], b as unknown[], path, out);
  else if (ka === "set") diffSets(a as Set<unknown>, b as Set<unknown>, path, out);
  else if (ka === "map") diffMaps(a as Map<unknown, unknown>, b as Map<unknown, unknown>, path, out);
  else diffObjects(a as Record<string, unknown>, b as Record<string, unknown>, path, out);
}

function diffArrays(a: unknown[], b: unknown[], path: string, out: Change[]): void {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) diffInto(a[i], b[i], `${path}[${i}]`, out);
  for (let i = n; i < b.length; i++) out.push({ path: `${path}[${i}]`, kind: "added", after: b[i] });
  for (let i = n; i < a.length; i++) out.push({ path: `${path}[${i}]`, kind: "removed", before: a[i] });
}

function diffSets(a: Set<unknown>, b: Set<unknown>, path: string, out: Change[]): void {
  const removed = [...a].filter((e) => !b.has(e));
  const added = [...b].filter((e) => !a.has(e));
  const order = (x: unknown, y: unknown) => formatValue(x).localeCompare(formatValue(y));
  for (const e of added.sort(order)) out.push({ path, kind: "added", after: e });
  for (const e of removed.sort(order)) out.push({ path, kind: "removed", before: e });
}

function diffMaps(a: Map<unknown, unknown>, b: Map<unknown, unknown>, path: string, out: Change[]): void {
  const keyPath = (k: unknown) => `${path}.get(${formatValue(k)})`;
  for (const [k, v] of b) {
    if (a.has(k)) diffInto(a.get(k), v, keyPath(k), out);
    else out.push({ path: keyPath(k), kind: "added", after: v });
  }
  for (const [k, v] of a) if (!b.has(k)) out.push({ path: keyPath(k), kind: "removed", before: v });
}

function diffObjects(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  path: string,
  out: Change[],
): void {
  for (const k of Object.keys(b)) {
    const p = `${path}${formatPathKey(k)}`;
    if (a[k] === undefined && b[k] !== undefined) out.push({ path: p, kind: "added", after: b[k] });
    else if (b[k] !== undefined) diffInto(a[k], b[k], p, out);
  }
  for (const k of Object.keys(a))
    if (a[k] !== undefined && b[k] === undefined)
      out.push({ path: `${path}${formatPathKey(k)}`, kind: "removed", before: a[k] });
}

/**
 * Lists what changed from `before` to `after`. Paths start without a leading dot.
 *
 * @example
 * diffStates({ x: 1, s: new Set([1]) }, { x: 2, s: new Set([1, 2]) });
 * // [{ path: "x", kind: "changed", before: 1, after: 2 }, { path: "s", kind: "added", after: 2 }]
 */
export function diffStates(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  diffInto(before, after, "", out);
  return out.map((c) => (c.path.startsWith(".") ? { ...c, path: c.path.slice(1) } : c));
}
