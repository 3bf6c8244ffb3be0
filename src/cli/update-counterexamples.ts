/**
 * Regenerates the committed counterexamples of every bundled bug preset:
 * `counterexamples/<spec>/<bug>/<property>.{itf.json,dot,svg}`, by checking each spec with each
 * bug preset (BFS, so each is a shortest counterexample). Fails loudly when a bug is no longer
 * caught or violates a different property than it says. Run with `npm run counterexamples`.
 */

import { check } from "../engine/check.js";
import { writeCounterexamples } from "../render/write-counterexamples.js";
import { bundledSpecNames, loadSpec } from "./load-spec.js";

/** One line per bug preset; throws when a bug is not caught as declared. */
export async function updateCounterexamples(outDir: string, log: (line: string) => void): Promise<void> {
  for (const name of bundledSpecNames()) {
    const { spec } = await loadSpec(name);
    for (const [bug, preset] of Object.entries(spec.definition.bugs ?? {})) {
      const result = await check(spec, { bug });
      const hit = result.violations.find((v) => v.property === preset.violates);
      if (!hit)
        throw new Error(
          `${name} --bug ${bug}: expected a violation of ${preset.violates}, got ${result.result} (${result.violations.map((v) => v.property).join(", ") || "no violation"})`,
        );
      const written = await writeCounterexamples({ ...result, violations: [hit] }, { outDir, svg: true });
      log(
        `${name} --bug ${bug}: ${hit.property}, ${(hit.trace?.steps.length ?? 1) - 1} steps -> ${written[0]?.files.itf}`,
      );
    }
  }
}
