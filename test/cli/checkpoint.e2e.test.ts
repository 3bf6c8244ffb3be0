import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempOut } from "./run-cli.js";

const spec = ["check", "two-phase-commit", "-p", "rms=4", "--only", "typeOK", "consistent"];

/**
 * Runs the check whole, then cut at `maxDepth` with a checkpoint, then resumed from it; `extra`
 * flags go to all three runs. Returns the JSON documents' fields of interest.
 */
function cutAndResume(extra: readonly string[], maxDepth: number) {
  const out = tempOut();
  const dir = join(tempOut(), "ckpt");
  const json = ["--format", "json", "--out", out, ...extra];
  const whole = runCli([...spec, ...json]);
  expect(whole.code).toBe(0);
  const first = runCli([...spec, ...json, "--max-depth", String(maxDepth), "--checkpoint", dir]);
  expect(first.code).toBe(0);
  expect(existsSync(join(dir, "checkpoint.bin"))).toBe(true);
  const resumed = runCli([...spec, ...json, "--resume", dir]);
  expect(resumed.code).toBe(0);
  const pick = (text: string) => {
    const r = JSON.parse(text) as Record<string, unknown>;
    return [r.result, r.workers, r.distinctStates, r.generatedStates, r.depth, r.coverage, r.witnesses];
  };
  return { out, dir, whole: pick(whole.stdout), resumed: pick(resumed.stdout) };
}

describe("specter check --checkpoint / --resume", () => {
  it("a run stopped at --max-depth and resumed reports the uninterrupted counts", () => {
    const { out, dir, whole, resumed } = cutAndResume([], 4);
    expect(resumed).toEqual(whole);

    const mismatch = runCli([...spec, "-p", "rms=3", "--resume", dir, "--out", out]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain("SPC-U016");

    writeFileSync(join(dir, "checkpoint.bin"), "not a checkpoint");
    const corrupt = runCli([...spec, "--resume", dir, "--out", out]);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toContain("SPC-U015");
  });

  it("with --workers 2: stopped at --max-depth, resumed on 2 workers, the uninterrupted counts", () => {
    const { whole, resumed } = cutAndResume(["--workers", "2"], 6);
    expect(resumed).toEqual(whole);
  });

  it("--checkpoint with --strategy dfs is a usage error", () => {
    const r = runCli([...spec, "--strategy", "dfs", "--checkpoint", tempOut(), "--out", tempOut()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("SPC-U006");
  });
});
