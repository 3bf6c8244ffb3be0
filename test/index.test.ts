import { expect, it } from "vitest";
import * as api from "../src/index.js";

it("names every public export (review API changes here)", () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "INIT_ACTION",
      "SpecAssertionError",
      "SpecError",
      "UsageError",
      "alwaysEventually",
      "assertHolds",
      "assertViolates",
      "check",
      "compileSpec",
      "decodeItf",
      "defineConfig",
      "defineSpec",
      "diffStates",
      "dotToSvg",
      "each",
      "encodeItf",
      "eventually",
      "eventuallyAlways",
      "fingerprint",
      "formatValue",
      "isSpec",
      "leadsTo",
      "range",
      "readItfFile",
      "replayTrace",
      "traceToStatesDot",
      "writeCounterexamples",
    ]
  `);
});
