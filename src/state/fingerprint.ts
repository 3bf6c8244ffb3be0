/**
 * Structural 64-bit fingerprints of plain-data states, computed by walking the value: no JSON
 * strings, no allocation on the hot path. The result is the same on every run and platform
 * (only integer arithmetic, little-endian float bits read explicitly) and does not depend on
 * object-key, Set or Map insertion order: members of unordered containers are hashed one by
 * one and combined with a commutative sum, so no sorting is needed either.
 *
 * Two independent 32-bit lanes (see hash32.ts) make up the 64 bits. The walk writes its
 * result into module-level registers (`fpHi`, `fpLo` via `lastHi()`), which lets recursive calls
 * return two numbers without allocating a pair.
 */

import { SpecError } from "../errors.js";
import { finalA, finalB, mixA, mixB } from "./hash32.js";
import { explainNonPlain, MAX_DEPTH } from "./plain-data.js";

// Type tags: each kind of value seeds its hash differently, so 1, "1", true and [1] differ.
const T_NULL = 0x11;
const T_FALSE = 0x12;
const T_TRUE = 0x13;
const T_INT = 0x14;
const T_FLOAT = 0x15;
const T_STRING = 0x16;
const T_ARRAY = 0x17;
const T_OBJECT = 0x18;
const T_SET = 0x19;
const T_MAP = 0x1a;
const T_BIGINT = 0x1b;
const T_ENTRY = 0x1c;

const SEED_A = 0x5bd1e995;
const SEED_B = 0x27d4eb2f;

const floatView = new DataView(new ArrayBuffer(8));

// Output registers of the walk.
let outA = 0;
let outB = 0;
// The state being fingerprinted, for error messages only.
let currentRoot: unknown;

/** A 64-bit fingerprint as 16 lower-case hex digits (for display and tests). */
export type Fingerprint = string & { readonly __brand: "Fingerprint" };

function fail(): never {
  const finding = explainNonPlain(currentRoot);
  if (finding)
    throw new SpecError(
      "SPC-S003",
      `state is not plain data: ${finding.path} is ${finding.problem}; ${finding.fix}`,
    );
  throw new SpecError("SPC-S003", "state is not plain data (could not locate the offending value)");
}

function hashString(s: string): void {
  let a = mixA(SEED_A ^ T_STRING, s.length);
  let b = mixB(SEED_B ^ T_STRING, s.length);
  const n = s.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = mixA(a, k);
    b = mixB(b, k);
  }
  if (i < n) {
    const k = s.charCodeAt(i);
    a = mixA(a, k);
    b = mixB(b, k);
  }
  outA = finalA(a);
  outB = finalB(b);
}

function hashNumber(v: number): void {
  if ((v | 0) === v) {
    outA = finalA(mixA(SEED_A ^ T_INT, v));
    outB = finalB(mixB(SEED_B ^ T_INT, v));
    return;
  }
  if (!Number.isFinite(v)) fail();
  if (v === 0) v = 0; // -0 is 0 (unreachable after the int check, kept for clarity)
  floatView.setFloat64(0, v, true);
  const lo = floatView.getUint32(0, true);
  const hi = floatView.getUint32(4, true);
  outA = finalA(mixA(mixA(SEED_A ^ T_FLOAT, lo), hi));
  outB = finalB(mixB(mixB(SEED_B ^ T_FLOAT, lo), hi));
}

function hashArray(v: readonly unknown[], depth: number): void {
  const n = v.length;
  let a = mixA(SEED_A ^ T_ARRAY, n);
  let b = mixB(SEED_B ^ T_ARRAY, n);
  for (let i = 0; i < n; i++) {
    const e = v[i];
    if (e === undefined) fail();
    hashAny(e, depth);
    a = mixA(a, outA);
    b = mixB(b, outB);
  }
  outA = finalA(a);
  outB = finalB(b);
}

function hashObject(v: Record<string, unknown>, depth: number): void {
  let sumA = 0;
  let sumB = 0;
  let n = 0;
  for (const key in v) {
    const val = v[key];
    if (val === undefined) continue;
    hashString(key);
    const ka = outA;
    const kb = outB;
    hashAny(val, depth);
    sumA = (sumA + finalA(mixA(mixA(T_ENTRY, ka), outA))) | 0;
    sumB = (sumB + finalB(mixB(mixB(T_ENTRY, kb), outB))) | 0;
    n++;
  }
  outA = finalA(mixA(mixA(SEED_A ^ T_OBJECT, n), sumA));
  outB = finalB(mixB(mixB(SEED_B ^ T_OBJECT, n), sumB));
}

function hashSet(v: ReadonlySet<unknown>, depth: number): void {
  let sumA = 0;
  let sumB = 0;
  for (const e of v) {
    if (e === undefined || (e !== null && typeof e === "object")) fail();
    hashAny(e, depth);
    sumA = (sumA + outA) | 0;
    sumB = (sumB + outB) | 0;
  }
  outA = finalA(mixA(mixA(SEED_A ^ T_SET, v.size), sumA));
  outB = finalB(mixB(mixB(SEED_B ^ T_SET, v.size), sumB));
}

function hashMap(v: ReadonlyMap<unknown, unknown>, depth: number): void {
  let sumA = 0;
  let sumB = 0;
  for (const [k, val] of v) {
    if (k === undefined || (k !== null && typeof k === "object") || val === undefined) fail();
    hashAny(k, depth);
    const ka = outA;
    const kb = outB;
    hashAny(val, depth);
    sumA = (sumA + finalA(mixA(mixA(T_ENTRY, ka), outA))) | 0;
    sumB = (sumB + finalB(mixB(mixB(T_ENTRY, kb), outB))) | 0;
  }
  outA = finalA(mixA(mixA(SEED_A ^ T_MAP, v.size), sumA));
  outB = finalB(mixB(mixB(SEED_B ^ T_MAP, v.size), sumB));
}

function hashAny(v: unknown, depth: number): void {
  switch (typeof v) {
    case "number":
      hashNumber(v);
      return;
    case "string":
      hashString(v);
      return;
    case "boolean":
      outA = v ? T_TRUE : T_FALSE;
      outB = outA;
      outA = finalA(mixA(SEED_A, outA));
      outB = finalB(mixB(SEED_B, outB));
      return;
    case "bigint":
      hashString(v.toString());
      outA = finalA(mixA(outA, T_BIGINT));
      outB = finalB(mixB(outB, T_BIGINT));
      return;
    case "object":
      break;
    default:
      fail();
  }
  if (v === null) {
    outA = finalA(mixA(SEED_A, T_NULL));
    outB = finalB(mixB(SEED_B, T_NULL));
    return;
  }
  if (depth >= MAX_DEPTH) fail();
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v)) hashArray(v, depth + 1);
  else if (proto === Object.prototype || proto === null) hashObject(v as Record<string, unknown>, depth + 1);
  else if (v instanceof Set) hashSet(v, depth + 1);
  else if (v instanceof Map) hashMap(v, depth + 1);
  else fail();
}

/**
 * Fingerprints `value` and returns the low 32 bits; the high 32 bits are then available from
 * `lastHi()`. This is the engine's entry point: two numbers, no allocation.
 * Throws a `SpecError` (SPC-S003) naming the path when the value is not plain data.
 */
export function fingerprintLo(value: unknown): number {
  currentRoot = value;
  hashAny(value, 0);
  currentRoot = undefined;
  return outA >>> 0;
}

/** The high 32 bits of the fingerprint computed by the last `fingerprintLo` call. */
export function lastHi(): number {
  return outB >>> 0;
}

/**
 * The 64-bit structural fingerprint of a plain-data value, as 16 hex digits.
 *
 * @example
 * fingerprint({ a: 1, b: new Set([1, 2]) }) === fingerprint({ b: new Set([2, 1]), a: 1 }); // true
 */
export function fingerprint(value: unknown): Fingerprint {
  const lo = fingerprintLo(value);
  const hi = lastHi();
  return (hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0")) as Fingerprint;
}
