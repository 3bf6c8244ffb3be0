import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { readCheckpointFile } from "../../src/engine/checkpoint/checkpoint-file.js";
import { decodeCheckpoint } from "../../src/engine/checkpoint/snapshot.js";
import type { CheckOptions } from "../../src/engine/options.js";
import type { CheckResult } from "../../src/engine/result.js";
import { check } from "../../src/index.js";
import { traceLength } from "../../src/trace/trace.js";

const base: CheckOptions = { params: { rms: 4 }, only: ["typeOK", "consistent"] };
const tempDir = () => mkdtempSync(join(tmpdir(), "specter-checkpoint-"));

/** What an uninterrupted run and a resumed one must agree on. */
function summary(r: CheckResult) {
  return {
    result: r.result,
    complete: r.complete,
    stoppedBy: r.stoppedBy,
    distinctStates: r.distinctStates,
    generatedStates: r.generatedStates,
    depth: r.depth,
    coverage: r.coverage,
    witnesses: r.witnesses,
    violations: r.violations,
    checked: r.checked,
    warnings: r.warnings,
    visitedBytes: r.visitedBytes,
  };
}

describe("checkpoint and resume (sequential bfs)", () => {
  it("a run cut at depth k and resumed reports what one uninterrupted run does", async () => {
    const whole = await check(twoPhaseCommit, base);
    expect(whole.result).toBe("ok");
    const dir = tempDir();
    const first = await check(twoPhaseCommit, { ...base, maxDepth: 4, checkpoint: { dir } });
    expect(first.stoppedBy).toBe("maxDepth");
    expect(first.distinctStates).toBeLessThan(whole.distinctStates);
    const resumed = await check(twoPhaseCommit, { ...base, resume: dir });
    expect(summary(resumed)).toEqual(summary(whole));
  });

  it("checkpoints after every level with everySeconds 0, and a stop mid-level resumes exactly", async () => {
    const whole = await check(twoPhaseCommit, base);
    const dir = tempDir();
    const stopped = await check(twoPhaseCommit, {
      ...base,
      timeLimit: 0.001,
      checkpoint: { dir, everySeconds: 0 },
    });
    expect(stopped.stoppedBy).toBe("timeLimit");
    const resumed = await check(twoPhaseCommit, { ...base, resume: dir });
    expect(summary(resumed)).toEqual(summary(whole));
    // the resumed run kept checkpointing into dir (every level: the last frontier is saved)
    const again = await check(twoPhaseCommit, { ...base, resume: dir });
    expect(again.distinctStates).toBe(whole.distinctStates);
    expect(again.generatedStates).toBe(whole.generatedStates);
  });

  it("finds a bug preset's shortest counterexample after resuming", async () => {
    const opts: CheckOptions = { ...base, bug: "commitEarly" };
    const whole = await check(twoPhaseCommit, opts);
    expect(whole.result).toBe("violation");
    const dir = tempDir();
    const first = await check(twoPhaseCommit, { ...opts, maxDepth: 2, checkpoint: { dir } });
    expect(first.stoppedBy).toBe("maxDepth");
    expect(first.violations).toEqual([]);
    const resumed = await check(twoPhaseCommit, { ...opts, resume: dir });
    expect(resumed.result).toBe("violation");
    expect(traceLength(resumed.violations[0]!.trace!)).toBe(traceLength(whole.violations[0]!.trace!));
    expect(summary(resumed)).toEqual(summary(whole));
  });

  it("refuses a corrupt or missing checkpoint (SPC-U015)", async () => {
    const dir = tempDir();
    await check(twoPhaseCommit, { ...base, maxDepth: 3, checkpoint: { dir } });
    const file = join(dir, "checkpoint.bin");
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(file, bytes);
    const r = await check(twoPhaseCommit, { ...base, resume: dir });
    expect(r.result).toBe("error");
    expect(r.error?.code).toBe("SPC-U015");
    const missing = await check(twoPhaseCommit, { ...base, resume: join(dir, "nope") });
    expect(missing.error?.code).toBe("SPC-U015");
  });

  it("refuses a checkpoint of other params, bug or options (SPC-U016)", async () => {
    const dir = tempDir();
    await check(twoPhaseCommit, { ...base, maxDepth: 3, checkpoint: { dir } });
    for (const other of [
      { ...base, params: { rms: 3 } },
      { ...base, bug: "commitEarly" },
      { ...base, only: ["typeOK"] },
      { ...base, deadlock: false },
    ]) {
      const r = await check(twoPhaseCommit, { ...other, resume: dir });
      expect(r.error?.code).toBe("SPC-U016");
    }
  });

  it("refuses liveness properties, dfs and random", async () => {
    const dir = tempDir();
    const live = await check(twoPhaseCommit, { params: { rms: 3 }, checkpoint: { dir } });
    expect(live.error?.code).toBe("SPC-U016");
    expect(live.error?.message).toContain("--only");
    for (const o of [{ strategy: "dfs" as const }, { strategy: "random" as const }]) {
      const r = await check(twoPhaseCommit, { ...base, ...o, checkpoint: { dir } });
      expect(r.error?.code).toBe("SPC-U006");
    }
  });
});

describe("checkpoint and resume (parallel bfs)", () => {
  // Workers load the spec from its file.
  const par: CheckOptions = {
    ...base,
    workers: 2,
    specModule: fileURLToPath(new URL("../../specs/two-phase-commit.ts", import.meta.url)),
  };

  it("a run cut at depth k on 2 workers resumes, on 2 workers or 1, as one uninterrupted run", async () => {
    const whole = await check(twoPhaseCommit, base);
    const dir = tempDir();
    const first = await check(twoPhaseCommit, { ...par, maxDepth: 5, checkpoint: { dir, everySeconds: 0 } });
    expect(first.stoppedBy).toBe("maxDepth");
    expect(first.distinctStates).toBeLessThan(whole.distinctStates);
    const copy = tempDir();
    writeFileSync(join(copy, "checkpoint.bin"), readFileSync(join(dir, "checkpoint.bin")));
    expect(summary(await check(twoPhaseCommit, { ...par, resume: dir }))).toEqual(summary(whole));
    expect(summary(await check(twoPhaseCommit, { ...base, resume: copy }))).toEqual(summary(whole));
  });

  it("a time limit ends the level in progress and saves the next one whole; it resumes exactly", async () => {
    const whole = await check(twoPhaseCommit, base);
    const dir = tempDir();
    const stopped = await check(twoPhaseCommit, { ...par, timeLimit: 0.001, checkpoint: { dir } });
    expect(stopped.stoppedBy).toBe("timeLimit");
    expect(stopped.distinctStates).toBeLessThan(whole.distinctStates);
    expect(summary(await check(twoPhaseCommit, { ...par, resume: dir }))).toEqual(summary(whole));
  });

  it("a checkpoint a sequential run saved mid-level resumes on 2 workers", async () => {
    const whole = await check(twoPhaseCommit, base);
    const dir = tempDir();
    const stopped = await check(twoPhaseCommit, { ...base, timeLimit: 0.001, checkpoint: { dir } });
    expect(stopped.stoppedBy).toBe("timeLimit");
    const saved = decodeCheckpoint(readCheckpointFile(dir), dir);
    expect(saved.next.length).toBeGreaterThan(0); // stopped inside a level
    const resumed = await check(twoPhaseCommit, { ...par, resume: dir });
    expect(resumed.workers).toBe(2);
    expect(summary(resumed)).toEqual(summary(whole));
  });

  it("finds a bug preset's shortest counterexample after resuming on 2 workers", async () => {
    const opts: CheckOptions = { ...par, params: { rms: 3 }, bug: "abortAfterPrepare" };
    const whole = await check(twoPhaseCommit, { ...opts, workers: 1 });
    const dir = tempDir();
    const first = await check(twoPhaseCommit, { ...opts, maxDepth: 3, checkpoint: { dir } });
    expect(first.stoppedBy).toBe("maxDepth");
    const resumed = await check(twoPhaseCommit, { ...opts, resume: dir });
    expect(resumed.result).toBe("violation");
    expect(summary(resumed)).toEqual(summary(whole));
  });
});
