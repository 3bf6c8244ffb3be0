/**
 * Parallel BFS (`workers: 2`) against sequential BFS: same verdict, counts, depth, coverage,
 * witnesses and the very same counterexamples. Each parallel check starts two worker threads
 * (each loads the spec through tsx), so the cases are few and small.
 */

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/cli/load-spec.js";
import type { CheckOptions, CheckResult } from "../../src/index.js";
import { check } from "../../src/index.js";
import graphParamSpec from "./fixtures/graph-param-spec.js";
import { graphArb } from "./random-graph.js";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const GRAPH_SPEC = here("./fixtures/graph-param-spec.ts");
const ROOT = here("../../");

/** What must agree between sequential and parallel BFS. */
function essence(r: CheckResult, exact: boolean) {
  return {
    result: r.result,
    complete: r.complete,
    stoppedBy: r.stoppedBy,
    distinctStates: r.distinctStates,
    depth: r.depth,
    violations: r.violations.map((v) => ({
      property: v.property,
      kind: v.kind,
      steps: v.trace?.steps.map((s) => s.label),
    })),
    witnesses: r.witnesses.map((w) => [w.name, w.reached, w.depth]),
    error: r.error ? [r.error.code, r.error.message, r.error.trace?.steps.map((s) => s.label)] : undefined,
    // Generated and per-action counts match whenever the search was not cut mid-level.
    ...(exact ? { generated: r.generatedStates, coverage: r.coverage } : {}),
  };
}

async function agree(specArg: string, options: CheckOptions = {}): Promise<CheckResult> {
  const { spec } = await loadSpec(specArg);
  const seq = await check(spec, options);
  const par = await check(spec, { ...options, workers: 2 });
  const exact = seq.result === "ok" || options.continue === true;
  expect(par.workers).toBe(2);
  expect(essence(par, exact)).toEqual(essence(seq, exact));
  return par;
}

describe("parallel bfs on random graphs", () => {
  it("agrees with sequential bfs: distinct count, depth, counterexample", async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, fc.boolean(), async (g, withBad) => {
        const options: CheckOptions = { params: { graph: JSON.stringify(g), withBad } };
        const seq = await check(graphParamSpec, options);
        const par = await check(graphParamSpec, { ...options, workers: 2, specModule: GRAPH_SPEC });
        expect(essence(par, seq.result === "ok")).toEqual(essence(seq, seq.result === "ok"));
      }),
      { numRuns: 6 },
    );
  }, 60_000);

  it("agrees on a wide graph, where segments are rebalanced", async () => {
    const n = 400;
    const edges = Array.from({ length: n }, (_, i) => [(i * 7 + 1) % n, (i * 13 + 5) % n, (i + 1) % n]);
    const g = { edges, inits: [0], bad: [n - 1] };
    for (const withBad of [false, true]) {
      const options: CheckOptions = { params: { graph: JSON.stringify(g), withBad } };
      const seq = await check(graphParamSpec, options);
      const par = await check(graphParamSpec, { ...options, workers: 2, specModule: GRAPH_SPEC });
      expect(essence(par, !withBad)).toEqual(essence(seq, !withBad));
    }
  }, 30_000);
});

describe("parallel bfs on bundled specs", () => {
  const safety = ["typeOK", "consistent"];

  it("two-phase-commit rms=4: same counts, coverage and witnesses", async () => {
    const r = await agree("two-phase-commit", { params: { rms: 4 }, only: safety });
    expect(r.result).toBe("ok");
  }, 30_000);

  it("two-phase-commit rms=3 with symmetry", async () => {
    const r = await agree("two-phase-commit", { params: { rms: 3, symmetric: true }, only: safety });
    expect(r.checked.symmetry).toBe(true);
  }, 30_000);

  it("a bug preset: the very same shortest counterexample", async () => {
    const r = await agree("two-phase-commit", { params: { rms: 3 }, bug: "commitEarly", only: safety });
    expect(r.result).toBe("violation");
  }, 30_000);

  it("a bug preset with --continue", async () => {
    await agree("two-phase-commit", { params: { rms: 3 }, bug: "commitEarly", continue: true, only: safety });
  }, 30_000);

  it("an actor spec (ping-pong), safety properties", async () => {
    const { spec } = await loadSpec("ping-pong");
    const seq = await check(spec, { only: [] });
    const par = await check(spec, { only: [], workers: 2 });
    expect(essence(par, true)).toEqual(essence(seq, true));
  }, 30_000);

  it("falls back to sequential bfs, and says so, when liveness needs the whole graph", async () => {
    const { spec } = await loadSpec("two-phase-commit");
    const r = await check(spec, { workers: 2 });
    expect(r.workers).toBe(1);
    expect(r.checked.properties).toEqual(["everyoneDecides"]);
    expect(r.warnings.join("\n")).toMatch(/sequential BFS/);
  }, 30_000);
});

describe("parallel bfs bounds", () => {
  const rms4 = { params: { rms: 4 }, only: ["typeOK", "consistent"] };

  it("max-states: the same incomplete result", async () => {
    const r = await agree("two-phase-commit", { ...rms4, maxStates: 500 });
    expect(r.stoppedBy).toBe("maxStates");
    expect(r.distinctStates).toBe(500);
  }, 30_000);

  it("max-depth: the same incomplete result", async () => {
    const r = await agree("two-phase-commit", { ...rms4, maxDepth: 5 });
    expect(r.stoppedBy).toBe("maxDepth");
  }, 30_000);

  it("an aborted signal stops the search as interrupted", async () => {
    const { spec } = await loadSpec("two-phase-commit");
    const controller = new AbortController();
    controller.abort();
    const r = await check(spec, { ...rms4, workers: 2, signal: controller.signal });
    expect(r.stoppedBy).toBe("interrupted");
    expect(r.result).toBe("incomplete");
  }, 30_000);

  it("rejects workers with a strategy other than bfs", async () => {
    const { spec } = await loadSpec("two-phase-commit");
    const r = await check(spec, { strategy: "dfs", workers: 2 });
    expect(r.error?.code).toBe("SPC-U006");
  });
});

describe("errors in workers", () => {
  it("a spec that throws gives the same SpecError (with its trace) as sequential bfs", async () => {
    const r = await agree(here("../cli/fixtures/throws.ts"));
    expect(r.result).toBe("error");
    expect(r.error?.code).toBe("SPC-S002");
  }, 30_000);

  it("a spec module that fails to load in a worker is a usage error, not a hang", async () => {
    const { spec } = await loadSpec(here("./fixtures/fails-in-worker.ts"));
    const r = await check(spec, { workers: 2 });
    expect(r.result).toBe("error");
    expect(r.error?.code).toBe("SPC-U009");
    expect(r.error?.message).toMatch(/refuses to load in a worker/);
  }, 30_000);

  it("a spec object of unknown origin is a usage error", async () => {
    const r = await check(graphParamSpec, { workers: 2 });
    expect(r.error?.code).toBe("SPC-U006");
    expect(r.error?.message).toMatch(/specModule/);
  });

  it("the CLI exits 2 with the spec's error message", () => {
    const out = spawnSync(
      process.execPath,
      [
        "bin/specter.js",
        "check",
        "test/cli/fixtures/throws.ts",
        "--workers",
        "2",
        "--no-svg",
        "--out",
        "/tmp/specter-parallel-test",
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/handler exploded/);
  }, 30_000);
});
