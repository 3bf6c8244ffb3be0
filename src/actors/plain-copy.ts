/**
 * A deep copy of plain data that reads through immer drafts (proxies), for values that must be
 * snapshots of a handler's draft at one moment: history values, and the input of the second run
 * of a handler under `paranoid`. `structuredClone` cannot be used: it refuses proxies.
 */

const MAX_DEPTH = 200;

function copy(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== "object") return v;
  if (depth > MAX_DEPTH) throw new RangeError("value nested too deeply to copy (a cycle?)");
  if (Array.isArray(v)) return v.map((e) => copy(e, depth + 1));
  if (v instanceof Map) return new Map([...v].map(([k, e]) => [k, copy(e, depth + 1)]));
  if (v instanceof Set) return new Set([...v].map((e) => copy(e, depth + 1)));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k], depth + 1);
  return out;
}

/**
 * Copies `v` deeply (objects, arrays, Maps, Sets; other values are shared).
 *
 * @example
 * const snapshot = plainCopy(draft.log); // later changes to draft.log do not show in snapshot
 */
export function plainCopy<T>(v: T): T {
  return copy(v, 0) as T;
}
