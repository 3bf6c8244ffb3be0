/**
 * This repository's own CI gate (`npx specter ci`, run by .ci/run): every bundled spec
 * holds at its default params, and every bundled bug preset is still caught.
 */

import { readdirSync } from "node:fs";
import { defineConfig } from "specter";

const specs = readdirSync(new URL("./specs/", import.meta.url))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3))
  .sort();

export default defineConfig({
  checks: [
    ...specs.map((spec) => ({ spec, budget: 120 })),
    // Raft's figure8 needs ~140,000 states at ~2,000 states/s: give it room on a busy runner.
    ...specs.map((spec) => ({ spec, bugs: "all" as const, budget: spec === "raft" ? 300 : 120 })),
  ],
});
