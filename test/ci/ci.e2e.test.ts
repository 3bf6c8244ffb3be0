import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli, tempOut } from "../cli/run-cli.js";
import { xmlProblem } from "../render/xml.js";

const CONFIG = "test/ci/fixtures/mixed.config.ts";

describe("specter ci", () => {
  it("prints a table and exits 1 when a check misses its expectation", () => {
    const r = runCli(["ci", CONFIG, "--out", tempOut(), "--no-svg"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✔ {2}tcommit +holds +ok +34 /m);
    expect(r.stdout).toMatch(/^✔ {2}two-phase-commit --bug commitEarly +violates consistent +violation/m);
    expect(r.stdout).toMatch(/^✘ {2}2pc wrongly expected to hold +holds +violation/m);
    expect(r.stdout).toContain(
      "✘ cut short: incomplete (maxStates): not a full pass; set allowIncomplete to accept",
    );
    expect(r.stdout).toMatch(/^✔ {2}mutex from a path +holds +ok/m);
    expect(r.stdout).toMatch(/^✔ {2}random allowed incomplete +holds +incomplete/m);
    expect(r.stdout).toContain("2 of 7 checks failed");
    expect(r.stderr).toContain("[1/7] tcommit");
  });

  it("splits the checks across shards", () => {
    const one = runCli(["ci", CONFIG, "--shard", "1/3", "--out", tempOut(), "--no-svg"]);
    const two = runCli(["ci", CONFIG, "--shard", "2/3", "--out", tempOut(), "--no-svg"]);
    expect(one.stdout).toContain("tcommit ");
    expect(one.stdout).not.toContain("two-phase-commit --bug commitEarly");
    expect(two.stdout).toContain("two-phase-commit --bug commitEarly");
    expect(runCli(["ci", CONFIG, "--shard", "4/3"]).code).toBe(2);
  });

  it("writes JUnit XML with one testcase per property and the counterexample in the failure", () => {
    const file = `${tempOut()}/report.xml`;
    const r = runCli(["ci", CONFIG, "--format", "junit", "--junit", file, "--out", tempOut(), "--no-svg"]);
    expect(r.code).toBe(1);
    const xml = readFileSync(file, "utf8");
    expect(r.stdout).toBe(xml);
    expect(xmlProblem(xml)).toBeUndefined();
    expect(xml).toMatch(/<testsuites name="specter" tests="\d+" failures="2"/);
    expect(xml).toContain('<testcase classname="tcommit" name="tcommit: consistent"');
    expect(xml).toContain('name="two-phase-commit --bug commitEarly: violates consistent"');
    expect(xml).toMatch(
      /name="2pc wrongly expected to hold: consistent"[^>]*>\s*<failure message="invariant consistent is violated after 5 steps"/,
    );
    expect(xml).toContain("rmRcvCommitMsg(0)");
  });

  it("annotates failures for GitHub Actions", () => {
    const r = runCli(["ci", CONFIG, "--out", tempOut(), "--no-svg"], { GITHUB_ACTIONS: "true" });
    const lines = r.stdout.split("\n").filter((l) => l.startsWith("::error"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^::error file=specs\/two-phase-commit.ts,line=\d+,title=specter%3A 2pc wrongly expected to hold::violates consistent/,
    );
  });

  it("reports JSON with each check's result", () => {
    const r = runCli(["ci", CONFIG, "--format", "json", "--out", tempOut(), "--no-svg"]);
    const doc = JSON.parse(r.stdout);
    expect(doc.passed).toBe(false);
    expect(doc.checks[0]).toMatchObject({
      name: "tcommit",
      expected: "holds",
      passed: true,
      result: { distinctStates: 34 },
    });
  });

  it("rejects a malformed or missing config with exit 2", () => {
    const bad = runCli(["ci", "test/ci/fixtures/bad.config.json"]);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringContaining("checks[0].maxStates: expected a positive number"),
    ]);
    expect(runCli(["ci", "nope.config.ts"]).code).toBe(2);
  });
});
