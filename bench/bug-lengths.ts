/**
 * For every bug preset of the bundled specs: the shortest (BFS) counterexample length, and
 * random search's lengths (as found, after fast-check's shrinking, after step deletion) and
 * time to find with a fixed seed. Prints a Markdown table for docs/performance.md.
 *
 * Usage: node bin/run-ts.js bench/bug-lengths.ts [--seed N] [--only spec]
 */

import { bundledSpecNames, loadSpec } from "../src/cli/load-spec.js";
import { check } from "../src/index.js";

const seedAt = process.argv.indexOf("--seed");
const seed = seedAt >= 0 ? Number(process.argv[seedAt + 1]) : 1;
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;

const rows = [
  "| spec | bug | property | BFS | random: found | shrunk | minimised | walks | time to find (s) |",
  "|---|---|---|---:|---:|---:|---:|---:|---:|",
];
for (const name of bundledSpecNames()) {
  if (only && name !== only) continue;
  const { spec } = await loadSpec(name);
  for (const [bug, preset] of Object.entries(spec.definition.bugs ?? {})) {
    const bfs = await check(spec, { bug });
    const bfsLen = bfs.violations.find((v) => v.property === preset.violates)?.trace?.steps.length;
    const rnd = await check(spec, { bug, strategy: "random", seed });
    const v = rnd.violations.find((x) => x.property === preset.violates);
    const len = (n: number | undefined) => (n === undefined ? "—" : String(n));
    rows.push(
      `| ${name} | ${bug} | ${preset.violates} | ${len(bfsLen === undefined ? undefined : bfsLen - 1)} | ` +
        `${v ? len(rnd.random?.foundLength) : "not found"} | ${v ? len(rnd.random?.shrunkLength) : "—"} | ` +
        `${v?.trace ? v.trace.steps.length - 1 : "—"} | ${rnd.random?.walks ?? 0} | ${(rnd.durationMs / 1000).toFixed(2)} |`,
    );
    process.stderr.write(`${rows.at(-1)}\n`);
  }
}
process.stdout.write(`random seed ${seed}\n\n${rows.join("\n")}\n`);
