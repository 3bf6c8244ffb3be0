/**
 * Reads an ITF file back into a `Trace`, validating as it goes: every problem is a UsageError
 * (SPC-U010) that names the file, the JSON path and what to do, because these files are
 * committed, edited by hand and produced by other tools.
 *
 * A file without `#meta.specter` (written by Apalache or Quint) still reads: its steps get
 * placeholder labels and it can be rendered, but not replayed (replay needs the actions).
 * Action arguments are not stored (only their index in `over`), so decoded steps have
 * `arg: undefined`; replay recomputes them from the spec.
 */

import { readFile } from "node:fs/promises";
import { UsageError } from "../errors.js";
import { jsonErrorOffset } from "./itf-json-error.js";
import { type ItfStepMeta, readSpecterMeta, type SpecterMeta } from "./itf-meta.js";
import { childPath, decodeRecord, type ItfPlace, type Json, malformed } from "./itf-value.js";
import { INIT_ACTION, type Trace, type TraceStep } from "./trace.js";

/** A decoded ITF file. */
export interface DecodedItf {
  /** The file it came from (as given), for messages. */
  readonly file: string;
  readonly trace: Trace;
  /** Specter's metadata, or undefined for a file written by another tool. */
  readonly specter: SpecterMeta | undefined;
  /** The ITF variables, in file order. */
  readonly vars: readonly string[];
}

type Obj = { [key: string]: Json };

function isObj(v: Json | undefined): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function lineAndColumn(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  return `line ${line}, column ${pos - before.lastIndexOf("\n")}`;
}

function parseJson(text: string, file: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    const at = jsonErrorOffset(text);
    const what =
      at < 0
        ? ""
        : at >= text.length
          ? ": the file ends too early"
          : `: unexpected ${JSON.stringify(text[at])}`;
    throw malformed(
      { file, path: "$" },
      `not valid JSON${at < 0 ? "" : ` (${lineAndColumn(text, at)})`}${what}`,
    );
  }
}

function readVars(v: Json | undefined, place: ItfPlace): string[] {
  if (!Array.isArray(v))
    throw malformed(place, 'missing or not an array: ITF lists the state variables in "vars"');
  const seen = new Set<string>();
  v.forEach((name, i) => {
    if (typeof name !== "string")
      throw malformed({ ...place, path: childPath(place.path, i) }, "a variable name must be a string");
    if (seen.has(name))
      throw malformed({ ...place, path: childPath(place.path, i) }, `variable "${name}" is listed twice`);
    seen.add(name);
  });
  return [...seen];
}

function readState(v: Json, place: ItfPlace, vars: ReadonlySet<string>, wholeState: boolean): unknown {
  if (!isObj(v)) throw malformed(place, "a state must be an object mapping each variable to its value");
  for (const k of Object.keys(v))
    if (k !== "#meta" && !vars.has(k))
      throw malformed({ ...place, path: childPath(place.path, k) }, `"${k}" is not one of the file's "vars"`);
  const record = decodeRecord(v, place, "#meta");
  return wholeState ? record.state : record;
}

function placeholderSteps(n: number): ItfStepMeta[] {
  return Array.from({ length: n }, (_, i) =>
    i === 0
      ? { action: INIT_ACTION, argIndex: 0, label: "initial state" }
      : { action: "?", argIndex: 0, label: `step ${i}` },
  );
}

function readLoop(root: Obj, place: ItfPlace, n: number): number | undefined {
  const loop = root.loop;
  if (loop === undefined) return undefined;
  if (typeof loop !== "number" || !Number.isInteger(loop) || loop < 0 || loop >= n)
    throw malformed(
      { ...place, path: "$.loop" },
      `expected the index of a state (0 to ${n - 1}), found ${JSON.stringify(loop)}`,
    );
  return loop;
}

/**
 * Parses and validates the text of an ITF file.
 *
 * @example
 * const { trace, specter } = decodeItf(readFileSync(file, "utf8"), file);
 * specter?.property; // "consistent"
 */
export function decodeItf(text: string, file: string): DecodedItf {
  const root = parseJson(text, file);
  const top = { file, path: "$" };
  if (!isObj(root)) throw malformed(top, 'an ITF file is a JSON object with "vars" and "states"');
  const meta = root["#meta"];
  if (meta !== undefined && !isObj(meta)) throw malformed({ file, path: '$["#meta"]' }, "expected an object");
  const vars = readVars(root.vars, { file, path: "$.vars" });
  const states = root.states;
  if (!Array.isArray(states) || states.length === 0)
    throw malformed(
      { file, path: "$.states" },
      'missing, empty or not an array: an ITF file needs at least one state in "states"',
    );
  const specter =
    meta?.specter === undefined
      ? undefined
      : readSpecterMeta(meta.specter, { file, path: '$["#meta"].specter' }, states.length);
  const wholeState = specter?.wholeState === true;
  const varSet = new Set(vars);
  const stepMeta = specter?.steps ?? placeholderSteps(states.length);
  const steps: TraceStep[] = states.map((s, i) => {
    const state = readState(s, { file, path: `$.states[${i}]` }, varSet, wholeState);
    const m = stepMeta[i]!;
    return { action: m.action, arg: undefined, argIndex: m.argIndex, label: m.label, state };
  });
  const loop = readLoop(root, top, states.length) ?? specter?.loopsBackTo;
  const source = typeof meta?.source === "string" ? meta.source : file;
  const trace: Trace = {
    spec: specter?.spec ?? source,
    params: specter?.params ?? {},
    bug: specter?.bug ?? undefined,
    steps,
    ...(loop !== undefined ? { loopsBackTo: loop } : {}),
  };
  return { file, trace, specter, vars };
}

/**
 * Reads and decodes an ITF file; a missing or unreadable file is a UsageError (SPC-U010).
 *
 * @example
 * const { trace } = await readItfFile("counterexamples/two-phase-commit/consistent.itf.json");
 */
export async function readItfFile(file: string): Promise<DecodedItf> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(e);
    throw new UsageError(
      "SPC-U010",
      `cannot read trace file ${file}: ${why}. Counterexamples are written by \`specter check\` under counterexamples/<spec>/<property>.itf.json`,
    );
  }
  return decodeItf(text, file);
}
