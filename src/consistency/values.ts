/**
 * Identity, hashing and display of the plain data values that appear in histories (numbers,
 * strings, booleans, null, arrays and plain objects). Checkers compare results with these instead
 * of JSON.stringify, and models use `hashValue` as their default state hash. Hashing walks nested
 * arrays with an explicit stack; values in histories are small, so the cost is proportional to
 * their size.
 */

import { mixA } from "../state/hash32.js";

/**
 * A 32-bit string hash (FNV-1a); V8 caches its own string hash, but it is not reachable from JS.
 *
 * @example
 * ```ts
 * hashString("x") === hashString("x"); // true
 * ```
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Mixes a 32-bit word into a running hash (MurmurHash3 body; the same mixer the state
 * fingerprints use).
 *
 * @example
 * ```ts
 * let h = 0; h = mixHash(h, 42);
 * ```
 */
export const mixHash: (h: number, k: number) => number = mixA;

function hashScalar(v: unknown): number {
  if (v === null || v === undefined) return 0x1234567;
  switch (typeof v) {
    case "number":
      return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? mixHash(0x2545f491, v) : hashString(`n${v}`);
    case "string":
      return mixHash(0x3c6ef372, hashString(v));
    case "boolean":
      return v ? 0x7f4a7c15 : 0x5bd1e995;
    default:
      return hashString(`${typeof v}:${String(v)}`);
  }
}

/**
 * A structural 32-bit hash consistent with `valueEqual`.
 *
 * @example
 * ```ts
 * hashValue([1, "a"]) === hashValue([1, "a"]); // true
 * ```
 */
export function hashValue(v: unknown): number {
  if (typeof v !== "object" || v === null) return hashScalar(v);
  let h = 0x6a09e667;
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      h = mixHash(h, 0x5be0cd19 ^ x.length);
      for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]);
    } else if (typeof x === "object" && x !== null) {
      const keys = Object.keys(x).sort();
      h = mixHash(h, 0x1f83d9ab ^ keys.length);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        stack.push((x as Record<string, unknown>)[k]);
        stack.push(k);
      }
    } else {
      h = mixHash(h, hashScalar(x));
    }
  }
  return h;
}

/**
 * Structural equality of plain data (arrays element-wise, objects by own keys); `undefined` and
 * `null` are equal, because both mean "no value" in a history.
 *
 * @example
 * ```ts
 * valueEqual([1, [2]], [1, [2]]); // true
 * ```
 */
export function valueEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const left: unknown[] = [a];
  const right: unknown[] = [b];
  while (left.length > 0) {
    const x = left.pop();
    const y = right.pop();
    if (x === y || ((x === null || x === undefined) && (y === null || y === undefined))) continue;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    for (const k of kx) {
      if (!Object.hasOwn(y, k)) return false;
      left.push((x as Record<string, unknown>)[k]);
      right.push((y as Record<string, unknown>)[k]);
    }
  }
  return true;
}

/**
 * A canonical string for a value, used as a map key where values must be grouped (for example
 * writes by (key, value) in the causal checks). Not used on search hot paths.
 *
 * @example
 * ```ts
 * valueKey({ b: 1, a: [2] }) === valueKey({ a: [2], b: 1 }); // true
 * ```
 */
export function valueKey(v: unknown): string {
  if (v === undefined || v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v !== "object") return `${typeof v}:${String(v)}`;
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === "object" && x !== null && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
      : x,
  );
}

/**
 * Short human-readable rendering for timelines: `nil` for no value, strings quoted, arrays in
 * brackets.
 *
 * @example
 * ```ts
 * formatValue([1, null, "x"]); // '[1 nil "x"]'
 * ```
 */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return "nil";
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(" ")}]`;
  if (typeof v === "object") {
    const parts = Object.entries(v).map(([k, x]) => `${k}: ${formatValue(x)}`);
    return `{${parts.join(", ")}}`;
  }
  return String(v);
}
