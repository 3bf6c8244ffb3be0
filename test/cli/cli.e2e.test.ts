import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli, runCliInterrupted, tempOut } from "./run-cli.js";

const OUT = tempOut();
/** Counterexample files go to a temporary directory, without SVG (wasm start-up is slow). */
const quiet = ["--out", OUT, "--no-svg"];

describe("specter check", () => {
  it("explores two-phase-commit with rms=5: 8,832 states, exit 0", () => {
    const r = runCli(["check", "two-phase-commit", "-p", "rms=5"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✔ OK");
    expect(r.stdout).toContain("8,832 distinct states, 58,146 generated, depth 16");
    expect(r.stdout).toMatch(/coverage\s+action\s+enabled\s+new states/);
    expect(r.stderr).toBe("");
  });

  it("--freeze-states explores the same states (every one frozen) and is kept in the reproduce command", () => {
    const r = runCli(["check", "two-phase-commit", "-p", "rms=5", "--freeze-states"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("8,832 distinct states, 58,146 generated, depth 16");
    const bug = runCli(["check", "two-phase-commit", "--bug", "commitEarly", "--freeze-states", ...quiet]);
    expect(bug.code).toBe(1);
    expect(bug.stdout).toContain(
      "reproduce: npx specter check two-phase-commit --bug commitEarly --freeze-states",
    );
  });

  it("random search counts states, or orbits with --symmetry, which the reproduce command keeps", () => {
    const args = ["check", "two-phase-commit", "-p", "rms=4", "-p", "symmetric=true", "--strategy", "random"];
    const walks = [...args, "--seed", "1", "--runs", "300", "--format", "json"];
    const plain = JSON.parse(runCli(walks).stdout);
    const orbits = JSON.parse(runCli([...walks, "--symmetry"]).stdout);
    expect([plain.checked.symmetry, orbits.checked.symmetry]).toEqual([false, true]);
    expect(orbits.distinctStates).toBeLessThan(plain.distinctStates);
    expect(orbits.distinctStates).toBeLessThanOrEqual(166); // the orbits BFS counts
    const bug = runCli([...args, "--bug", "commitEarly", "--seed", "1", "--symmetry", ...quiet]);
    expect(bug.code).toBe(1);
    expect(bug.stdout).toMatch(/reproduce: npx specter check two-phase-commit .*--symmetry/);
  });

  it("exits 1 on a bug preset with a shortest counterexample and the reproduce command", () => {
    const r = runCli(["check", "two-phase-commit", "--bug", "commitEarly", ...quiet]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✘ invariant consistent is violated after 5 steps");
    expect(r.stdout).toContain('rm[0]: "working" → "prepared"');
    expect(r.stdout).toContain('msgs: + "prepared:0"');
    expect(r.stdout).toContain("reproduce: npx specter check two-phase-commit --bug commitEarly");
  });

  it("prints one JSON document with the contract's fields", () => {
    const r = runCli(["check", "two-phase-commit", "--bug", "commitEarly", "--format", "json", ...quiet]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      spec: "two-phase-commit",
      params: { rms: 3, bug: "commitEarly" },
      bug: "commitEarly",
      strategy: "bfs",
      result: "violation",
      complete: false,
      violations: [{ property: "consistent", kind: "invariant", length: 5 }],
    });
    for (const k of [
      "distinctStates",
      "generatedStates",
      "depth",
      "durationMs",
      "statesPerSecond",
      "coverage",
    ])
      expect(doc).toHaveProperty(k);
    expect(doc.violations[0].steps.map((s: { label: string }) => s.label)).toEqual([
      "initial state",
      "rmPrepare(0)",
      "tmRcvPrepared(0)",
      "tmCommit",
      "rmChooseToAbort(1)",
      "rmRcvCommitMsg(0)",
    ]);
  });

  it("checks a user's own spec file by path, with params", () => {
    const ok = runCli(["check", "test/cli/fixtures/my-protocol.ts", "-p", "limit=2"]);
    expect(ok.code).toBe(0);
    const bad = runCli(["check", "./test/cli/fixtures/my-protocol.ts", ...quiet]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("reproduce: npx specter check ./test/cli/fixtures/my-protocol.ts");
  });

  it("exits 3 with --require-complete when a bound cut the search, 0 without", () => {
    const cut = runCli(["check", "two-phase-commit", "--max-states", "100", "--require-complete"]);
    expect(cut.code).toBe(3);
    expect(cut.stdout).toContain("INCOMPLETE");
    expect(runCli(["check", "two-phase-commit", "--max-depth", "3"]).code).toBe(0);
  });

  it("exits 130 on interrupt, after printing the statistics so far", async () => {
    const r = await runCliInterrupted(["check", "two-phase-commit", "-p", "rms=9"], 2500);
    expect(r.code).toBe(130);
    expect(r.stdout).toContain("INCOMPLETE");
    expect(r.stdout).toContain("stopped: interrupted");
  });
});

describe("counterexample files", () => {
  it("writes ITF, DOT and SVG under <out>/<spec>/<bug>/<property>, and they replay", () => {
    const out = tempOut();
    const r = runCli(["check", "tcommit", "--bug", "commitAlone", "--out", out]);
    expect(r.code).toBe(1);
    const base = `${out}/tcommit/commitAlone/consistent`;
    expect(r.stdout).toContain(`written:   ${base}.itf.json, ${base}.dot, ${base}.svg`);
    expect(readFileSync(`${base}.svg`, "utf8")).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
    expect(existsSync(`${base}.dot`)).toBe(true);
    const replay = runCli(["replay", `${base}.itf.json`]);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain("REPRODUCED");
    const svg = runCli(["render", `${base}.itf.json`, "--format", "dot"]);
    expect([svg.code, svg.stdout]).toEqual([0, expect.stringContaining("digraph")]);
  });

  it("lists the files in the JSON document", () => {
    const r = runCli(["check", "tcommit", "--bug", "commitAlone", "--format", "json", ...quiet]);
    expect(JSON.parse(r.stdout).violations[0].files).toEqual({
      itf: `${OUT}/tcommit/commitAlone/consistent.itf.json`,
      dot: `${OUT}/tcommit/commitAlone/consistent.dot`,
    });
  });
});

describe("errors: a clear message, exit 2, no stack trace", () => {
  it("names the bundled specs for an unknown spec", () => {
    const r = runCli(["check", "tow-phase-commit"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error SPC-U001: unknown spec "tow-phase-commit". Bundled specs: ');
    expect(r.stderr).toContain("two-phase-commit");
  });

  it("lists the valid params for an unknown param and a bad value", () => {
    const r = runCli(["check", "two-phase-commit", "-p", "rm=5"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown param "rm" (-p). Valid params: rms: number = 3');
    expect(runCli(["check", "two-phase-commit", "-p", "rms=lots"]).stderr).toContain("expected a number");
  });

  it("rejects bad flags and flag values", () => {
    expect(runCli(["check", "two-phase-commit", "--max-states", "-5"]).code).toBe(2);
    expect(runCli(["check", "two-phase-commit", "--frobnicate"]).code).toBe(2);
    expect(runCli(["check", "two-phase-commit", "--strategy", "astar"]).code).toBe(2);
    expect(runCli(["check"]).code).toBe(2);
  });

  it("reports a missing file, a file without a spec, and a file that does not compile", () => {
    const missing = runCli(["check", "./nope.ts"]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringContaining("SPC-U002: spec file not found"),
    ]);
    const notSpec = runCli(["check", "test/cli/fixtures/not-a-spec.ts"]);
    expect(notSpec.stderr).toContain(
      "does not default-export a spec: end it with `export default defineSpec",
    );
    const broken = runCli(["check", "test/cli/fixtures/syntax-error.ts"]);
    expect([broken.code, broken.stderr]).toEqual([2, expect.stringContaining("SPC-U009: could not load")]);
  });

  it("reports a spec that throws with the action and the path to it; --verbose adds the stack", () => {
    const r = runCli(["check", "test/cli/fixtures/throws.ts"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ERROR SPC-S002: spec "throws": do of step threw Error: handler exploded');
    expect(r.stderr).toContain("path to the state where it happened:");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const v = runCli(["check", "test/cli/fixtures/throws.ts", "--verbose"]);
    expect(v.stderr).toMatch(/\n\s+at /);
  });

  it("reports an unknown bug preset with the spec's bugs", () => {
    const r = runCli(["check", "two-phase-commit", "--bug", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("its bugs are: commitEarly, abortAfterPrepare");
  });
});

describe("specter list", () => {
  it("describes every bundled spec as JSON", () => {
    const r = runCli(["list", "--format", "json"]);
    expect(r.code).toBe(0);
    const specs = JSON.parse(r.stdout) as { name: string }[];
    const tpc = specs.find((s) => s.name === "two-phase-commit");
    expect(tpc).toMatchObject({
      summary: expect.stringContaining("two-phase commit"),
      params: { rms: { default: 3, type: "number" }, bug: { default: "none", type: "string" } },
      invariants: ["typeOK", "consistent"],
      properties: ["everyoneDecides"],
      fairness: { weak: expect.arrayContaining(["tmCommit", "rmRcvAbortMsg"]), strong: [] },
      witnesses: ["transactionCommits", "transactionAborts"],
      bugs: {
        commitEarly: { params: { bug: "commitEarly" }, violates: "consistent" },
        abortAfterPrepare: { params: { bug: "abortAfterPrepare" }, violates: "consistent" },
      },
    });
    expect(specs.find((s) => s.name === "tcommit")).toMatchObject({
      bugs: { commitAlone: { violates: "consistent" } },
    });
  });

  it("prints a readable list", () => {
    const r = runCli(["list"]);
    expect(r.stdout).toMatch(/^two-phase-commit {2}Gray/m);
    expect(r.stdout).toContain("bug commitEarly: violates consistent");
  });
});
