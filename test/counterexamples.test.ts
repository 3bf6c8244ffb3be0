/**
 * The committed counterexamples of every bundled bug preset replay and still show the bug, so
 * a spec or engine change that loses a known bug fails CI. Regenerate them with
 * `npm run counterexamples` (and review the diff) when a spec changes on purpose.
 */

import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledSpecNames, loadSpec } from "../src/cli/load-spec.js";
import { compileSpec } from "../src/index.js";
import { decodeItf } from "../src/trace/itf-decode.js";
import { replayTrace } from "../src/trace/replay.js";
import { ROOT } from "./cli/run-cli.js";

const cases: [string, string, string][] = [];
for (const name of bundledSpecNames()) {
  const { spec } = await loadSpec(name);
  for (const [bug, preset] of Object.entries(spec.definition.bugs ?? {}))
    cases.push([name, bug, preset.violates]);
}

describe("committed counterexamples", () => {
  it.each(cases)("%s --bug %s: %s replays and reproduces", async (name, bug, property) => {
    const base = `${ROOT}counterexamples/${name}/${bug}/${property}`;
    expect(existsSync(`${base}.itf.json`), `missing ${base}.itf.json: run npm run counterexamples`).toBe(
      true,
    );
    expect(existsSync(`${base}.svg`), `missing ${base}.svg: run npm run counterexamples`).toBe(true);
    const decoded = decodeItf(readFileSync(`${base}.itf.json`, "utf8"), `${base}.itf.json`);
    const { spec } = await loadSpec(name);
    const model = compileSpec(spec, { params: decoded.trace.params, bug });
    const replay = replayTrace(model, decoded.trace, decoded.specter);
    expect(replay.verdict, replay.message).toBe("reproduced");
  });
});
