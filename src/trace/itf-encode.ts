/**
 * Writes a `Trace` as an ITF file (Apalache's Informal Trace Format, ADR-015, also read and
 * written by Quint): `{"#meta", "vars", "states", "loop"?}`, with Specter's replay data under
 * `#meta.specter` (itf-meta.ts).
 *
 * The output is deterministic, byte for byte: Sets and Maps are sorted (itf-value.ts), the
 * variables keep the order in which the states first show them, and the JSON printer below
 * lays values out by width alone, so a committed counterexample only changes in review when
 * the trace does. Short values stay on one line, which keeps a state readable in a diff.
 */

import type { ViolationKind } from "../engine/result.js";
import { isPlainObject } from "../state/plain-data.js";
import type { SpecterMeta } from "./itf-meta.js";
import { encodeItfValue, type Json } from "./itf-value.js";
import type { Trace } from "./trace.js";

/** The URL ITF files point to for their format. */
export const ITF_FORMAT_DESCRIPTION = "https://apalache-mc.org/docs/adr/015adr-trace.html";

/** What a trace alone does not say: who wrote it, and what it is a counterexample to. */
export interface ItfWriteInfo {
  /** Specter's version. */
  readonly version: string;
  readonly property?: string;
  readonly kind?: ViolationKind;
  readonly strategy?: string;
  readonly seed?: number;
  /** The spec's file relative to the ITF file's directory (omit for bundled specs). */
  readonly specFile?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Set) &&
    !(v instanceof Map) &&
    isPlainObject(v)
  );
}

function varsOf(trace: Trace): string[] {
  const seen = new Set<string>();
  for (const step of trace.steps)
    for (const [k, v] of Object.entries(step.state as Record<string, unknown>))
      if (v !== undefined) seen.add(k);
  return [...seen];
}

function specterMeta(trace: Trace, info: ItfWriteInfo, wholeState: boolean): SpecterMeta {
  // Field order is the reading order in the file; absent optional fields are left out.
  const fields: [string, unknown][] = [
    ["version", info.version],
    ["spec", trace.spec],
    ["specFile", info.specFile],
    ["params", trace.params],
    ["bug", trace.bug ?? null],
    ["strategy", info.strategy ?? "bfs"],
    ["seed", info.seed],
    ["property", info.property],
    ["kind", info.kind],
    ["loopsBackTo", trace.loopsBackTo],
    ["wholeState", wholeState ? true : undefined],
    ["steps", trace.steps.map((s) => ({ action: s.action, argIndex: s.argIndex, label: s.label }))],
  ];
  return Object.fromEntries(fields.filter(([, v]) => v !== undefined)) as unknown as SpecterMeta;
}

/**
 * Converts a trace to an ITF document (a JSON value; `formatItf` prints it).
 *
 * @example
 * const doc = traceToItf(violation.trace, { version: "0.1.0", property: "consistent", kind: "invariant" });
 * doc.states.length === violation.trace.steps.length; // true
 */
export function traceToItf(trace: Trace, info: ItfWriteInfo): { [key: string]: Json } & { states: Json[] } {
  const wholeState = !trace.steps.every((s) => isRecord(s.state));
  const vars = wholeState ? ["state"] : varsOf(trace);
  const states = trace.steps.map((step, i) => {
    const encoded = encodeItfValue(wholeState ? { state: step.state } : step.state) as {
      [key: string]: Json;
    };
    return { "#meta": { index: i }, ...encoded };
  });
  const description =
    info.property !== undefined
      ? `Counterexample to ${info.property} (${info.kind ?? "property"}) of spec ${trace.spec}, found by Specter`
      : `Trace of spec ${trace.spec}, written by Specter`;
  const meta = {
    format: "ITF",
    "format-description": ITF_FORMAT_DESCRIPTION,
    source: info.specFile ?? trace.spec,
    description,
    specter: specterMeta(trace, info, wholeState) as unknown as Json,
  };
  const escapedVars = vars.map((v) => (v.startsWith("#") ? `#${v}` : v));
  return {
    "#meta": meta,
    vars: escapedVars,
    states,
    ...(trace.loopsBackTo !== undefined ? { loop: trace.loopsBackTo } : {}),
  };
}

/** One-line JSON with a space after each comma and colon, as people write it. */
function flatJson(v: Json): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(flatJson).join(", ")}]`;
  return `{${Object.keys(v)
    .map((k) => `${JSON.stringify(k)}: ${flatJson(v[k]!)}`)
    .join(", ")}}`;
}

function printJson(v: Json, indent: string, width: number, out: string[], keyLength = 0): void {
  const flat = flatJson(v);
  if (v === null || typeof v !== "object" || indent.length + keyLength + flat.length <= width) {
    out.push(flat);
    return;
  }
  const inner = `${indent}  `;
  const isArray = Array.isArray(v);
  const entries: [string | undefined, Json][] = isArray
    ? v.map((e) => [undefined, e])
    : Object.keys(v).map((k) => [k, v[k]!]);
  out.push(isArray ? "[\n" : "{\n");
  entries.forEach(([k, e], i) => {
    const key = k === undefined ? "" : `${JSON.stringify(k)}: `;
    out.push(inner, key);
    printJson(e, inner, width, out, key.length);
    out.push(i < entries.length - 1 ? ",\n" : "\n");
  });
  out.push(`${indent}${isArray ? "]" : "}"}`);
}

/**
 * Prints JSON with two-space indentation, keeping any value that fits in `width` characters
 * on one line. Deterministic: the layout depends only on the value.
 *
 * @example
 * formatItf({ a: [1, 2], b: { "#set": [] } }); // '{"a": [1, 2], "b": {"#set": []}}\n'
 */
export function formatItf(doc: Json, width = 100): string {
  const out: string[] = [];
  printJson(doc, "", width, out);
  return `${out.join("")}\n`;
}

/**
 * Encodes a trace as the text of an ITF file.
 *
 * @example
 * writeFileSync("consistent.itf.json", encodeItf(trace, { version, property: "consistent", kind: "invariant" }));
 */
export function encodeItf(trace: Trace, info: ItfWriteInfo): string {
  return formatItf(traceToItf(trace, info));
}
