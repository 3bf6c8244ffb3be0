/**
 * `npm run bench`: runs each benchmark configuration several times, each in a fresh process
 * (bench/measure.ts), and prints the medians as a Markdown table for docs/performance.md.
 * The machines are shared and noisy: quote medians, never single runs.
 *
 * Usage: npm run bench [-- --runs N] [-- --only "rms=7 dfs"]   (--only: a substring of the label;
 *        --exact "two-phase-commit rms=8 safety only": that label only)
 */

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

interface Config {
  readonly label: string;
  readonly spec: string;
  readonly params: readonly string[];
  readonly strategy?: "bfs" | "dfs" | "random";
  readonly only?: string;
  /** bfs worker threads (parallel BFS); absent: 1. */
  readonly workers?: number;
}

const CONFIGS: readonly Config[] = [
  { label: "two-phase-commit rms=7", spec: "two-phase-commit", params: ["rms=7"] },
  {
    label: "two-phase-commit rms=7 safety only",
    spec: "two-phase-commit",
    params: ["rms=7"],
    only: "typeOK,consistent",
  },
  {
    label: "two-phase-commit rms=7 safety only workers=2",
    spec: "two-phase-commit",
    params: ["rms=7"],
    only: "typeOK,consistent",
    workers: 2,
  },
  { label: "two-phase-commit rms=8", spec: "two-phase-commit", params: ["rms=8"] },
  {
    label: "two-phase-commit rms=8 safety only",
    spec: "two-phase-commit",
    params: ["rms=8"],
    only: "typeOK,consistent",
  },
  {
    label: "two-phase-commit rms=8 safety only workers=2",
    spec: "two-phase-commit",
    params: ["rms=8"],
    only: "typeOK,consistent",
    workers: 2,
  },
  {
    label: "two-phase-commit rms=9 safety only",
    spec: "two-phase-commit",
    params: ["rms=9"],
    only: "typeOK,consistent",
  },
  {
    label: "two-phase-commit rms=9 safety only workers=2",
    spec: "two-phase-commit",
    params: ["rms=9"],
    only: "typeOK,consistent",
    workers: 2,
  },
  { label: "two-phase-commit rms=7 dfs", spec: "two-phase-commit", params: ["rms=7"], strategy: "dfs" },
  { label: "two-phase-commit rms=5 random", spec: "two-phase-commit", params: ["rms=5"], strategy: "random" },
  { label: "raft defaults (3 servers, maxTerm 2, 1 crash)", spec: "raft", params: [] },
  { label: "raft no crash, --no-symmetry", spec: "raft", params: ["maxCrashes=0", "--no-symmetry"] },
  { label: "paxos defaults (2 proposers, 3 acceptors, 1 learner)", spec: "paxos", params: [] },
  { label: "paxos learners=0 maxDrops=1", spec: "paxos", params: ["learners=0", "maxDrops=1"] },
  { label: "pbft requests=4", spec: "pbft", params: ["requests=4"] },
];

interface Measurement {
  distinctStates: number;
  generatedStates: number;
  seconds: number;
  distinctPerSecond: number;
  generatedPerSecond: number;
  peakRssMiB: number;
  visitedBytesPerState: number;
  stepsPerSecond?: number;
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(flag("--runs") ?? 3);
const only = flag("--only");
const exact = flag("--exact");
const root = fileURLToPath(new URL("../", import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function measure(c: Config): Measurement {
  const strategy = [
    ...(c.strategy ? ["--strategy", c.strategy] : []),
    ...(c.only ? ["--only", c.only] : []),
    ...(c.workers ? ["--workers", String(c.workers)] : []),
  ];
  const out = execFileSync(
    process.execPath,
    ["bin/run-ts.js", "bench/measure.ts", ...strategy, c.spec, ...c.params],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 20,
      // Parallel runs' peak RSS includes the workers (one process); see docs/performance.md.
    },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!) as Measurement;
}

const rows: string[] = [
  "| configuration | distinct states | generated | time (s) | distinct/s | generated/s | peak RSS (MiB) | visited bytes/state | random steps/s |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
];
for (const c of CONFIGS) {
  if (only && !c.label.includes(only)) continue;
  if (exact && c.label !== exact) continue;
  const ms: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    const m = measure(c);
    ms.push(m);
    process.stderr.write(
      `${c.label} run ${i + 1}/${runs}: ${m.seconds.toFixed(2)} s, ${m.distinctPerSecond} distinct/s\n`,
    );
  }
  const med = (k: keyof Measurement) => median(ms.map((m) => m[k] ?? 0));
  rows.push(
    `| ${c.label} | ${ms[0]!.distinctStates.toLocaleString("en-US")} | ${ms[0]!.generatedStates.toLocaleString("en-US")} | ` +
      `${med("seconds").toFixed(2)} | ${Math.round(med("distinctPerSecond")).toLocaleString("en-US")} | ` +
      `${Math.round(med("generatedPerSecond")).toLocaleString("en-US")} | ${Math.round(med("peakRssMiB"))} | ${med("visitedBytesPerState")} | ` +
      `${ms[0]!.stepsPerSecond !== undefined ? Math.round(med("stepsPerSecond")).toLocaleString("en-US") : "—"} |`,
  );
}
process.stdout.write(`medians of ${runs} runs, node ${process.version}\n\n${rows.join("\n")}\n`);
