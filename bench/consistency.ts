/**
 * Consistency-checker benchmark: `node bin/run-ts.js bench/consistency.ts`.
 *
 * Times linearizability checking on the shared data, parsing excluded, and prints the median
 * of 5 runs (after one warm-up run) next to Porcupine's reference times on the same machine
 * type (porcupine/VERDICTS.md): all 102 etcd logs 0.9 s, kv c50 ok 0.2 s, kv c50 bad 0.07 s.
 * "verdict only" skips explanation shrinking, as Porcupine's timings do; "with explanation"
 * includes it. The shared data folder is expected beside the repository.
 */

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  checkLinearizable,
  type History,
  kvModel,
  parseHistory,
  perKey,
  registerModel,
  type SequentialModel,
} from "../src/consistency/index.js";

const DATA = new URL("../../shared/consistency-data/", import.meta.url);
const RUNS = 5;

function load(rel: string): History {
  const path = fileURLToPath(new URL(rel, DATA));
  return parseHistory(readFileSync(path, "utf8"), path);
}

function files(rel: string, ext: string): string[] {
  return readdirSync(fileURLToPath(new URL(rel, DATA)))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => `${rel}${f}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(label: string, reference: string, work: () => void): void {
  work(); // warm-up: JIT and caches
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    work();
    samples.push(performance.now() - t0);
  }
  const ms = median(samples);
  const spread = `${Math.min(...samples).toFixed(0)}-${Math.max(...samples).toFixed(0)} ms`;
  console.log(
    `${label.padEnd(44)} ${`${ms.toFixed(0)} ms`.padStart(9)}   (${spread}; Porcupine ${reference})`,
  );
}

/** Checks every history with a fresh model (the kv model keeps an intern table per instance). */
function checkAll(
  histories: readonly History[],
  makeModel: () => SequentialModel<unknown>,
  explain: boolean,
  expectOk?: boolean,
  partition = true,
): void {
  for (const h of histories) {
    const r = checkLinearizable(h, makeModel(), { explain, partition });
    if (r.verdict === "unknown" || (expectOk !== undefined && r.ok !== expectOk)) {
      throw new Error(`${h.source}: unexpected verdict ${r.verdict}`);
    }
  }
}

const register = () => registerModel() as SequentialModel<unknown>;
const store = () => perKey(kvModel()) as SequentialModel<unknown>;
const casRegister = () => registerModel({ initial: 0, nilReadMatchesAny: true }) as SequentialModel<unknown>;
const etcd = files("porcupine/jepsen/", ".log").map(load);
const kv = new Map(
  ["c01", "c10", "c50"]
    .flatMap((c) => [`${c}-ok`, `${c}-bad`])
    .map((n) => [n, [load(`porcupine/kv/${n}.txt`)]]),
);
const knossos = [
  ...files("knossos/cas-register/good/", ".edn"),
  ...files("knossos/cas-register/bad/", ".edn"),
].map(load);

console.log(`node ${process.version}, median of ${RUNS} runs after a warm-up, parsing excluded\n`);
time("etcd: all 102 logs, verdict only", "0.9 s", () => checkAll(etcd, register, false));
time("etcd: all 102 logs, with explanations", "-", () => checkAll(etcd, register, true));
for (const c of ["c01", "c10", "c50"]) {
  const ref = c === "c50" ? ["0.2 s", "0.07 s"] : ["-", "-"];
  time(`kv ${c}-ok, per key, verdict only`, ref[0]!, () => checkAll(kv.get(`${c}-ok`)!, store, false, true));
  time(`kv ${c}-bad, per key, verdict only`, ref[1]!, () =>
    checkAll(kv.get(`${c}-bad`)!, store, false, false),
  );
}
time("kv c50-bad, per key, with explanation", "-", () => checkAll(kv.get("c50-bad")!, store, true, false));
time("kv c10-ok, unpartitioned", "1.9 s", () => checkAll(kv.get("c10-ok")!, store, false, true, false));
time("knossos: 120 cas-register files, verdict only", "-", () => checkAll(knossos, casRegister, false));
