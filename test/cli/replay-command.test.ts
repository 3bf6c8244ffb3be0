import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import type { Io } from "../../src/cli/io.js";
import { replayCommand } from "../../src/cli/replay-command.js";
import { check } from "../../src/engine/check.js";
import { writeCounterexamples } from "../../src/render/write-counterexamples.js";
import { encodeItf } from "../../src/trace/itf-encode.js";

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary parsed JSON.
type Doc = Record<string, any>;

function capture(): Io & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stderrIsTTY: false,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

const dir = mkdtempSync(join(tmpdir(), "specter-replay-"));
let text: string;

/** Writes the recorded counterexample, edited, to a file and returns its path. */
function traceFile(name: string, edit: (doc: Doc) => void = () => {}): string {
  const doc = JSON.parse(text) as Doc;
  edit(doc);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

beforeAll(async () => {
  const r = await check(twoPhaseCommit, { bug: "commitEarly" });
  text = encodeItf(r.violations[0]!.trace!, { version: "0.1.0", property: "consistent", kind: "invariant" });
});

describe("specter replay", () => {
  it("exits 1 when the recorded violation reproduces, showing the steps", async () => {
    const io = capture();
    const file = traceFile("ok.itf.json");
    expect(await replayCommand(file, { format: "text" }, io)).toBe(1);
    expect(io.out).toContain(`replaying ${file}`);
    expect(io.out).toContain(
      "spec two-phase-commit (rms=3 bug=commitEarly symmetric=false) with bug commitEarly; recorded: invariant consistent, 5 steps",
    );
    expect(io.out).toContain("rmChooseToAbort(1)");
    expect(io.out).toContain("✘ consistent is false here");
    expect(io.out).toContain("✘ REPRODUCED: invariant consistent is violated after 5 steps, as recorded");
    expect(io.err).toBe("");
  });

  it("exits 0 when the trace replays but the property now holds", async () => {
    const io = capture();
    const file = traceFile("holds.itf.json", (d) => (d["#meta"].specter.property = "typeOK"));
    expect(await replayCommand(file, { format: "text" }, io)).toBe(0);
    expect(io.out).toContain(
      "✔ NO LONGER VIOLATED: the trace replays, but invariant typeOK holds after 5 steps",
    );
  });

  it("exits 2 against the fixed spec, saying at which step and why", async () => {
    const io = capture();
    const file = traceFile("fixed.itf.json", (d) => {
      d["#meta"].specter.params.bug = "none";
      d["#meta"].specter.bug = null;
    });
    expect(await replayCommand(file, { format: "text" }, io)).toBe(2);
    expect(io.err).toContain(
      `error SPC-U011: ${file}: the trace does not fit the spec at step 3 (tmCommit): tmCommit is not enabled in the state before it`,
    );
    expect(io.out).toContain("tmRcvPrepared(0)"); // the steps that did replay
  });

  it("reports a tampered state, and shows both states with --verbose", async () => {
    const io = capture();
    const file = traceFile("tampered.itf.json", (d) => (d.states[4].tm = "aborted"));
    expect(await replayCommand(file, { format: "text", verbose: true }, io)).toBe(2);
    expect(io.err).toContain(
      'step 4 (rmChooseToAbort(1)): replaying gives a different state than the one recorded: tm was recorded as "aborted" but is "committed"',
    );
    expect(io.err).toMatch(/recorded: \{ rm: .*tm: "aborted"/);
    expect(io.err).toMatch(/replayed: \{ rm: .*tm: "committed"/);
  });

  it("prints one JSON document with --format json", async () => {
    const io = capture();
    expect(await replayCommand(traceFile("json.itf.json"), { format: "json" }, io)).toBe(1);
    expect(JSON.parse(io.out)).toMatchObject({
      spec: "two-phase-commit",
      property: "consistent",
      result: "reproduced",
      recordedSteps: 5,
      replayedSteps: 5,
      divergence: null,
    });
  });

  it.each<[string, () => string, string]>([
    ["a missing file", () => join(dir, "nope.itf.json"), "error SPC-U010: cannot read trace file"],
    [
      "malformed JSON",
      () => {
        const f = join(dir, "bad.itf.json");
        writeFileSync(f, "{ not json");
        return f;
      },
      "error SPC-U010: ",
    ],
    [
      "an unknown spec",
      () => traceFile("unknown.itf.json", (d) => (d["#meta"].specter.spec = "no-such-spec")),
      'at $["#meta"].specter.spec: cannot load the spec the trace was recorded with: unknown spec "no-such-spec"',
    ],
    [
      "a param the spec no longer has",
      () => traceFile("param.itf.json", (d) => (d["#meta"].specter.params.nodes = 3)),
      "error SPC-U011: ",
    ],
    [
      "a file from another ITF tool",
      () => traceFile("foreign.itf.json", (d) => delete d["#meta"].specter),
      'at $["#meta"].specter: missing: the file was not written by Specter',
    ],
  ])("exits 2 for %s", async (_name, make, message) => {
    const io = capture();
    expect(await replayCommand(make(), { format: "text" }, io)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.out).toBe("");
  });

  it("loads the spec file recorded in the trace, relative to the trace", async () => {
    const r = await check(twoPhaseCommit, { bug: "commitEarly" });
    const out = mkdtempSync(join(tmpdir(), "specter-replay-file-"));
    const [w] = await writeCounterexamples(r, {
      outDir: out,
      svg: false,
      specFile: "specs/two-phase-commit.ts",
    });
    const io = capture();
    expect(await replayCommand(w!.files.itf, { format: "text" }, io)).toBe(1);
  });
});
