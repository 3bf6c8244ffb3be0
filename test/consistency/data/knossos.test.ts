import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkLinearizable,
  multiRegisterModel,
  mutexModel,
  parseJepsenEdn,
  registerModel,
  type SequentialModel,
} from "../../../src/consistency/index.js";
import { dataPath, dataText } from "../helpers.js";

// knossos/VERDICTS.md: the folder (good/bad) is the verdict; models as in Knossos's test-examples.
const MODELS: Record<string, SequentialModel<unknown>> = {
  "cas-register": registerModel({ initial: 0, nilReadMatchesAny: true }),
  "multi-register": multiRegisterModel({ x: 0, y: 0 }) as SequentialModel<unknown>,
  mutex: mutexModel() as SequentialModel<unknown>,
};

const cases: [string, string, boolean][] = [];
for (const dir of Object.keys(MODELS)) {
  for (const verdict of ["good", "bad"]) {
    let files: string[] = [];
    try {
      files = readdirSync(dataPath(`knossos/${dir}/${verdict}/`));
    } catch {
      continue;
    }
    for (const f of files.sort()) cases.push([dir, `${dir}/${verdict}/${f}`, verdict === "good"]);
  }
}

describe("Knossos histories", () => {
  it("has all 122 files: 114 good, 8 bad", () => {
    expect(cases).toHaveLength(122);
    expect(cases.filter(([, , good]) => good)).toHaveLength(114);
  });

  it.each(cases)("%s: %s linearizable = %s", (dir, rel, good) => {
    const history = parseJepsenEdn(dataText(`knossos/${rel}`), rel);
    const r = checkLinearizable(history, MODELS[dir]!, { explainTimeoutMs: 500 });
    expect(r.verdict).toBe(good ? "ok" : "violation");
  });

  it("memstress3-33 needs the unknown-outcome rule (a crashed CAS may never happen)", () => {
    const h = parseJepsenEdn(dataText("knossos/cas-register/good/memstress3-33.edn"));
    expect(h.ops.some((op) => op.f === "cas" && op.status === "unknown")).toBe(true);
    expect(checkLinearizable(h, MODELS["cas-register"]!).ok).toBe(true);
  });

  it("the rethink-fail files are bad with initial value nil as well", () => {
    for (const f of ["rethink-fail-minimal.edn", "rethink-fail-smaller.edn", "rethink-fail.edn"]) {
      const h = parseJepsenEdn(dataText(`knossos/cas-register/bad/${f}`));
      expect(checkLinearizable(h, registerModel({ nilReadMatchesAny: true }), { explain: false }).ok).toBe(
        false,
      );
    }
  });

  it("explains cas-failure.edn with two operations: a write of 2 then a read of 0", () => {
    const h = parseJepsenEdn(dataText("knossos/cas-register/bad/cas-failure.edn"));
    const r = checkLinearizable(h, MODELS["cas-register"]!);
    expect(r.verdict).toBe("violation");
    if (r.verdict !== "violation") return;
    expect(r.explanation.ops.map((op) => [op.f, op.value, op.result])).toEqual([
      ["write", 2, 2],
      ["read", null, 0],
    ]);
    expect(r.explanation.minimal).toBe(true);
  });
});
