/**
 * Plain-data values to and from ITF JSON values (the Informal Trace Format of Apalache and
 * Quint): arrays stay JSON arrays, plain objects become records, `Set` becomes
 * `{"#set": [...]}`, `Map` becomes `{"#map": [[k, v], ...]}`, bigint becomes
 * `{"#bigint": "123"}`; `#tup` is read as an array.
 *
 * Trade-offs:
 * - Set and Map members are sorted (by type, then value), so the same state always encodes to
 *   the same bytes whatever order its members were inserted in. Object keys keep their order:
 *   JS preserves insertion order and immer never reorders existing keys, and the author's
 *   order reads better than an alphabetical one.
 * - ITF has no floats and no distinction between JS numbers and bigints. Safe integers and
 *   non-integers are written as JSON numbers; every bigint is written as `#bigint` so that it
 *   comes back as a bigint. A number that is an integer beyond ±2^53 is also written as
 *   `#bigint` (other ITF tools read JSON numbers as exact integers, which such a number is
 *   not) and therefore comes back as a bigint: keep big integers as bigint in states.
 * - A record key that starts with "#" would read as an ITF form, so it is written with one
 *   more "#" ("#set" → "##set") and unescaped on reading. Other ITF tools never produce such
 *   keys, so files they write read unchanged.
 */

import { SpecError, UsageError } from "../errors.js";
import { explainNonPlain, isPlainObject } from "../state/plain-data.js";

/** A JSON value as `JSON.parse` returns it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Where a value sits, for messages: the file and a JSON path like `$.states[2].msgs`. */
export interface ItfPlace {
  readonly file: string;
  readonly path: string;
}

/** The hint at the end of every malformed-file message. */
export const REGENERATE_HINT =
  "regenerate the file with `specter check --out DIR`, or fix it by hand (see docs/counterexamples.md)";

/**
 * A UsageError (SPC-U010) naming the file and the JSON path.
 *
 * @example
 * throw malformed({ file: "t.itf.json", path: "$.states" }, "expected an array");
 */
export function malformed(place: ItfPlace, what: string): UsageError {
  return new UsageError("SPC-U010", `${place.file}: at ${place.path}: ${what}; ${REGENERATE_HINT}`);
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/**
 * Appends a key to a JSON path.
 *
 * @example
 * childPath("$", "states");      // "$.states"
 * childPath("$.states", 3);      // "$.states[3]"
 * childPath("$.x", "#set");      // '$.x["#set"]'
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return IDENT.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

// ---- encoding ----------------------------------------------------------------------------

type Primitive = string | number | boolean | bigint | null;

function rank(v: Primitive): number {
  if (v === null) return 0;
  switch (typeof v) {
    case "boolean":
      return 1;
    case "number":
      return 2;
    case "bigint":
      return 3;
    default:
      return 4;
  }
}

/** A total order on the primitives that can be Set elements and Map keys. */
function comparePrimitives(a: Primitive, b: Primitive): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (a === b || a === null) return 0;
  if (typeof a === "string") return a < (b as string) ? -1 : 1;
  return (a as number) < (b as number) ? -1 : 1;
}

function notPlain(root: unknown): SpecError {
  const f = explainNonPlain(root);
  const where = f ? `${f.path} is ${f.problem}; ${f.fix}` : "it contains a value that is not plain data";
  return new SpecError("SPC-S003", `cannot write the trace as ITF: ${where}`);
}

function encodeNumber(v: number, root: unknown): Json {
  if (!Number.isFinite(v)) throw notPlain(root);
  if (Number.isInteger(v) && !Number.isSafeInteger(v)) return { "#bigint": BigInt(v).toString() };
  return Object.is(v, -0) ? 0 : v;
}

function encodeObject(v: Record<string, unknown>, root: unknown): Json {
  const entries: [string, Json][] = [];
  for (const k of Object.keys(v)) {
    const e = v[k];
    if (e === undefined) continue; // absent, as in JSON and in fingerprints
    entries.push([k.startsWith("#") ? `#${k}` : k, encodeAny(e, root)]);
  }
  // fromEntries defines own properties, so a "__proto__" key stays a key.
  return Object.fromEntries(entries);
}

function encodeAny(v: unknown, root: unknown): Json {
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
      return encodeNumber(v, root);
    case "bigint":
      return { "#bigint": v.toString() };
    case "object":
      break;
    default:
      throw notPlain(root);
  }
  if (v === null) return null;
  if (Array.isArray(v))
    return v.map((e) => {
      if (e === undefined) throw notPlain(root);
      return encodeAny(e, root);
    });
  if (v instanceof Set) return { "#set": sortedMembers(v, root).map((e) => encodeAny(e, root)) };
  if (v instanceof Map) {
    const keys = sortedMembers(new Set(v.keys()), root);
    return { "#map": keys.map((k) => [encodeAny(k, root), encodeAny(v.get(k), root)]) };
  }
  if (!isPlainObject(v)) throw notPlain(root);
  return encodeObject(v as Record<string, unknown>, root);
}

function sortedMembers(s: ReadonlySet<unknown>, root: unknown): Primitive[] {
  const out: Primitive[] = [];
  for (const e of s) {
    if (e === undefined || (e !== null && typeof e === "object") || typeof e === "function")
      throw notPlain(root);
    out.push(e as Primitive);
  }
  return out.sort(comparePrimitives);
}

/**
 * Encodes a plain-data value as an ITF JSON value. Deterministic: structurally equal values
 * give equal JSON, whatever the insertion order of their Sets and Maps.
 * Throws a SpecError (SPC-S003) naming the path when the value is not plain data.
 *
 * @example
 * encodeItfValue({ msgs: new Set(["b", "a"]), n: 3n }); // { msgs: { "#set": ["a", "b"] }, n: { "#bigint": "3" } }
 */
export function encodeItfValue(value: unknown): Json {
  return encodeAny(value, value);
}

// ---- decoding ----------------------------------------------------------------------------

const FORMS = new Set(["#set", "#map", "#bigint", "#tup", "#unserializable"]);

function describeJson(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  return `a ${typeof v} (${JSON.stringify(v).slice(0, 40)})`;
}

function decodeNumber(v: number, place: ItfPlace): number {
  if (Number.isInteger(v) && !Number.isSafeInteger(v))
    throw malformed(
      place,
      `the integer ${v} is beyond ±2^53 and lost precision as a JSON number: write it as {"#bigint": "…"}`,
    );
  return v;
}

function decodeBigint(v: Json, place: ItfPlace): bigint {
  if (typeof v !== "string" || !/^-?\d+$/.test(v))
    throw malformed(
      place,
      `"#bigint" must be a string of decimal digits such as "-12", found ${describeJson(v)}`,
    );
  return BigInt(v);
}

function decodeMember(v: Json, place: ItfPlace, what: string): Primitive {
  const d = decodeAny(v, place);
  if (d !== null && typeof d === "object")
    throw malformed(
      place,
      `${what} is ${describeJson(v)}, but Specter states only allow strings, numbers, booleans, null and bigints there (a JS Set or Map compares objects by reference)`,
    );
  return d as Primitive;
}

function decodeSet(v: Json, place: ItfPlace): Set<Primitive> {
  if (!Array.isArray(v))
    throw malformed(place, `"#set" must be an array of elements, found ${describeJson(v)}`);
  const out = new Set<Primitive>();
  v.forEach((e, i) => {
    out.add(decodeMember(e, { ...place, path: childPath(place.path, i) }, "a Set element"));
  });
  return out;
}

function decodeMap(v: Json, place: ItfPlace): Map<Primitive, unknown> {
  if (!Array.isArray(v))
    throw malformed(place, `"#map" must be an array of [key, value] pairs, found ${describeJson(v)}`);
  const out = new Map<Primitive, unknown>();
  v.forEach((pair, i) => {
    const at = { ...place, path: childPath(place.path, i) };
    if (!Array.isArray(pair) || pair.length !== 2)
      throw malformed(at, `each "#map" entry must be a [key, value] pair, found ${describeJson(pair)}`);
    const key = decodeMember(pair[0]!, { ...at, path: childPath(at.path, 0) }, "a Map key");
    out.set(key, decodeAny(pair[1]!, { ...at, path: childPath(at.path, 1) }));
  });
  return out;
}

function decodeForm(form: string, v: Json, place: ItfPlace): unknown {
  const at = { ...place, path: childPath(place.path, form) };
  switch (form) {
    case "#set":
      return decodeSet(v, at);
    case "#map":
      return decodeMap(v, at);
    case "#bigint":
      return decodeBigint(v, at);
    case "#tup":
      if (!Array.isArray(v)) throw malformed(at, `"#tup" must be an array, found ${describeJson(v)}`);
      return v.map((e, i) => decodeAny(e, { ...at, path: childPath(at.path, i) }));
    default:
      throw malformed(
        at,
        `the value could not be serialised when the trace was written (${JSON.stringify(v)})`,
      );
  }
}

/**
 * Decodes the fields of an ITF record (unescaping "##" keys); `skip` names a key to ignore.
 *
 * @example
 * decodeRecord({ "#meta": { index: 0 }, x: 1 }, { file: "t", path: "$.states[0]" }, "#meta"); // { x: 1 }
 */
export function decodeRecord(
  v: Record<string, Json>,
  place: ItfPlace,
  skip?: string,
): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const k of Object.keys(v)) {
    if (k === skip) continue;
    const at = { ...place, path: childPath(place.path, k) };
    if (FORMS.has(k)) throw malformed(at, `"${k}" must be the only key of its object`);
    if (k.startsWith("#") && !k.startsWith("##"))
      throw malformed(
        at,
        `unknown ITF form "${k}" (known: ${[...FORMS].join(", ")}); a record key starting with "#" is written as "#${k}"`,
      );
    entries.push([k.startsWith("#") ? k.slice(1) : k, decodeAny(v[k]!, at)]);
  }
  return Object.fromEntries(entries);
}

function decodeAny(v: Json, place: ItfPlace): unknown {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return decodeNumber(v, place);
  if (Array.isArray(v)) return v.map((e, i) => decodeAny(e, { ...place, path: childPath(place.path, i) }));
  const keys = Object.keys(v);
  if (keys.length === 1 && FORMS.has(keys[0]!)) return decodeForm(keys[0]!, v[keys[0]!]!, place);
  return decodeRecord(v, place);
}

/**
 * Decodes an ITF JSON value back to plain data (Set, Map, bigint), checking its shape.
 * Throws a UsageError (SPC-U010) naming the file and JSON path of anything malformed.
 *
 * @example
 * decodeItfValue({ "#set": [1, 2] }, { file: "t.itf.json", path: "$.states[0].s" }); // Set {1, 2}
 */
export function decodeItfValue(value: Json, place: ItfPlace): unknown {
  return decodeAny(value, place);
}
