import { beforeAll, describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check } from "../../src/engine/check.js";
import type { Trace } from "../../src/index.js";
import { fingerprint } from "../../src/state/fingerprint.js";
import { decodeItf } from "../../src/trace/itf-decode.js";
import { encodeItf, traceToItf } from "../../src/trace/itf-encode.js";

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary parsed JSON.
type Doc = Record<string, any>;

const info = { version: "0.1.0", property: "consistent", kind: "invariant" as const };
let trace: Trace;
let text: string;

beforeAll(async () => {
  const r = await check(twoPhaseCommit, { bug: "commitEarly" });
  trace = r.violations[0]!.trace!;
  text = encodeItf(trace, info);
});

/** The file with one edit applied to its parsed JSON. */
function edited(edit: (doc: Doc) => void): string {
  const doc = JSON.parse(text) as Doc;
  edit(doc);
  return JSON.stringify(doc);
}

function errorOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error("expected an error");
}

describe("ITF traces", () => {
  it("round-trips a real counterexample: same states, steps and metadata", () => {
    const { trace: back, specter, vars } = decodeItf(text, "c.itf.json");
    expect(vars).toEqual(["rm", "tm", "tmPrepared", "msgs"]);
    expect(back.steps.map((s) => fingerprint(s.state))).toEqual(trace.steps.map((s) => fingerprint(s.state)));
    expect(back.steps.map((s) => [s.action, s.argIndex, s.label])).toEqual(
      trace.steps.map((s) => [s.action, s.argIndex, s.label]),
    );
    expect(back.params).toEqual({ rms: 3, bug: "commitEarly", symmetric: false });
    expect(back.bug).toBe("commitEarly");
    expect(specter).toMatchObject({
      spec: "two-phase-commit",
      property: "consistent",
      kind: "invariant",
      strategy: "bfs",
    });
  });

  it("is byte-identical when written twice, and after a round trip", () => {
    expect(encodeItf(trace, info)).toBe(text);
    const back = decodeItf(text, "c.itf.json");
    expect(encodeItf(back.trace, info)).toBe(text);
  });

  it("has the ITF shape: #meta, vars, states with #meta.index", () => {
    const doc = traceToItf(trace, info);
    expect(doc["#meta"]).toMatchObject({ format: "ITF", source: "two-phase-commit" });
    expect(doc.states[0]).toMatchObject({ "#meta": { index: 0 }, tm: "init", msgs: { "#set": [] } });
    expect(doc.loop).toBeUndefined();
  });

  it("writes a lasso's loop and a state that is not a record", () => {
    const lasso: Trace = {
      spec: "counter",
      params: {},
      steps: [
        { action: "<init>", arg: undefined, argIndex: 0, label: "initial state", state: 0 },
        { action: "inc", arg: undefined, argIndex: 0, label: "inc", state: 1 },
      ],
      loopsBackTo: 0,
    };
    const t = encodeItf(lasso, { version: "0.1.0" });
    expect(JSON.parse(t)).toMatchObject({ vars: ["state"], loop: 0, states: [{ state: 0 }, { state: 1 }] });
    const back = decodeItf(t, "l.itf.json").trace;
    expect(back.loopsBackTo).toBe(0);
    expect(back.steps.map((s) => s.state)).toEqual([0, 1]);
  });

  it("reads a file written by another ITF tool (no #meta.specter) with placeholder labels", () => {
    const foreign = JSON.stringify({
      vars: ["x"],
      states: [{ x: { "#bigint": "1" } }, { x: { "#bigint": "2" } }],
    });
    const { trace: t, specter } = decodeItf(foreign, "q.itf.json");
    expect(specter).toBeUndefined();
    expect(t.steps.map((s) => [s.label, s.state])).toEqual([
      ["initial state", { x: 1n }],
      ["step 1", { x: 2n }],
    ]);
  });
});

describe("ITF reader errors", () => {
  it("reports malformed JSON with its line and column", () => {
    const e = errorOf(() => decodeItf('{\n  "vars": [],\n  "states": [}\n', "bad.itf.json"));
    expect(e.code).toBe("SPC-U010");
    expect(e.message).toMatch(/^bad\.itf\.json: at \$: not valid JSON \(line 3, column 14\): unexpected "}"/);
    expect(e.message).toMatch(/regenerate the file/);
  });

  it.each<[string, (doc: Doc) => void, string]>([
    ["missing states", (d) => delete d.states, "at $.states: missing, empty or not an array"],
    ["empty states", (d) => (d.states = []), "at $.states: missing, empty or not an array"],
    ["missing vars", (d) => delete d.vars, "at $.vars: missing or not an array"],
    [
      "wrong #set shape",
      (d) => (d.states[2].msgs = { "#set": "prepared:0" }),
      'at $.states[2].msgs["#set"]: "#set" must be an array',
    ],
    [
      "unknown variable",
      (d) => (d.states[1].extra = 1),
      'at $.states[1].extra: "extra" is not one of the file\'s "vars"',
    ],
    [
      "too few steps",
      (d) => d["#meta"].specter.steps.pop(),
      'at $["#meta"].specter.steps: has 5 steps but the file has 6 states',
    ],
    [
      "bad argIndex",
      (d) => (d["#meta"].specter.steps[3].argIndex = -1),
      'at $["#meta"].specter.steps[3].argIndex: expected an integer',
    ],
    [
      "bad step 0",
      (d) => (d["#meta"].specter.steps[0].action = "tmCommit"),
      'at $["#meta"].specter.steps[0].action: step 0 is the initial state',
    ],
    [
      "bad kind",
      (d) => (d["#meta"].specter.kind = "fairness"),
      'at $["#meta"].specter.kind: expected one of invariant',
    ],
    [
      "bad param",
      (d) => (d["#meta"].specter.params.rms = [3]),
      'at $["#meta"].specter.params.rms: a param must be',
    ],
    ["loop out of range", (d) => (d.loop = 6), "at $.loop: expected the index of a state (0 to 5)"],
  ])("%s", (_name, edit, message) => {
    const e = errorOf(() => decodeItf(edited(edit), "c.itf.json"));
    expect(e.code).toBe("SPC-U010");
    expect(e.message).toContain(`c.itf.json: ${message}`);
  });

  it("rejects a top level that is not an object", () => {
    expect(() => decodeItf("[1]", "a.itf.json")).toThrow(/a\.itf\.json: at \$: an ITF file is a JSON object/);
  });
});
