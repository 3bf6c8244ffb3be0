/**
 * Measures one exhaustive check in this process and prints one JSON line: distinct and
 * generated states per second, peak RSS, visited-set bytes per state. bench/run.ts runs it in
 * a fresh process per measurement so peak memory is that run's alone.
 *
 * Usage: node bin/run-ts.js bench/measure.ts <spec> [--strategy bfs|dfs|random] [--only a,b] [--workers N] [--no-symmetry] [name=value ...]
 */

import { loadSpec } from "../src/cli/load-spec.js";
import { check } from "../src/index.js";
import { parseParamFlags } from "../src/spec/params.js";

const args = process.argv.slice(2);
const strategyAt = args.indexOf("--strategy");
const strategy = strategyAt >= 0 ? (args.splice(strategyAt, 2)[1] as "bfs" | "dfs" | "random") : "bfs";
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1]!.split(",") : undefined;
const workersAt = args.indexOf("--workers");
const workers = workersAt >= 0 ? Number(args.splice(workersAt, 2)[1]) : undefined;
const noSymmetryAt = args.indexOf("--no-symmetry");
if (noSymmetryAt >= 0) args.splice(noSymmetryAt, 1);
const [specArg, ...paramFlags] = args;
if (!specArg) {
  process.stderr.write("usage: measure.ts [--strategy S] [--only a,b] <spec> [name=value ...]\n");
  process.exit(2);
}
const { spec } = await loadSpec(specArg);
const r = await check(spec, {
  params: parseParamFlags(paramFlags),
  strategy,
  ...(strategy === "random" ? { seed: 1 } : {}),
  ...(only ? { only } : {}),
  ...(noSymmetryAt >= 0 ? { symmetry: false } : {}),
  ...(workers !== undefined ? { workers } : {}),
});
if (r.result === "error") {
  process.stderr.write(`${r.error?.message}\n`);
  process.exit(2);
}
const seconds = r.durationMs / 1000;
process.stdout.write(
  `${JSON.stringify({
    spec: r.spec,
    params: r.params,
    strategy: r.strategy,
    ...(r.workers !== undefined ? { workers: r.workers } : {}),
    result: r.result,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    seconds,
    distinctPerSecond: Math.round(r.distinctStates / seconds),
    generatedPerSecond: Math.round(r.generatedStates / seconds),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    visitedBytesPerState: Math.round((r.visitedBytes / r.distinctStates) * 10) / 10,
    ...(r.random ? { stepsPerSecond: r.random.stepsPerSecond, walksPerSecond: r.random.walksPerSecond } : {}),
  })}\n`,
);
