import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import pingPong from "../../specs/ping-pong.js";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import type { Io } from "../../src/cli/io.js";
import { renderCommand } from "../../src/cli/render-command.js";
import { check } from "../../src/engine/check.js";
import { encodeItf } from "../../src/trace/itf-encode.js";
import { xmlProblem } from "../render/xml.js";

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

const dir = mkdtempSync(join(tmpdir(), "specter-render-"));
const file = join(dir, "consistent.itf.json");
const actorFile = join(dir, "okOnce.itf.json");

beforeAll(async () => {
  const r = await check(twoPhaseCommit, { bug: "commitEarly", params: { rms: 2 } });
  writeFileSync(
    file,
    encodeItf(r.violations[0]!.trace!, { version: "0.1.0", property: "consistent", kind: "invariant" }),
  );
  const p = await check(pingPong, { bug: "forgetAcked" });
  writeFileSync(
    actorFile,
    encodeItf(p.violations[0]!.trace!, { version: "0.1.0", property: "okOnce", kind: "invariant" }),
  );
});

describe("specter render", () => {
  it("prints the states view as DOT", async () => {
    const io = capture();
    expect(await renderCommand(file, { format: "dot" }, io)).toBe(0);
    expect(io.out).toMatch(/^digraph "two-phase-commit: consistent" \{/);
    expect(io.out).toContain("✘ consistent is false here");
  });

  it("writes SVG (the default) to a file with -o, printing nothing", async () => {
    const io = capture();
    const out = join(dir, "out", "states.svg");
    expect(await renderCommand(file, { output: out }, io)).toBe(0);
    expect(io.out).toBe("");
    const svg = readFileSync(out, "utf8");
    expect(svg.startsWith("<?xml")).toBe(true);
    expect(xmlProblem(svg)).toBeUndefined();
  });

  it("renders the whole state graph of the recorded spec and params, as an HTML page", async () => {
    const io = capture();
    expect(await renderCommand(file, { view: "graph", format: "html" }, io)).toBe(0);
    expect(io.out.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(io.out).toContain("reachable states");
    expect(io.out).toContain(`npx specter replay ${file}`);
    expect(xmlProblem(io.out, ["meta"])).toBeUndefined();
  });

  it("exits 2 when the graph is too large, or the file is missing", async () => {
    const big = capture();
    expect(await renderCommand(file, { view: "graph", format: "dot", maxNodes: 10 }, big)).toBe(2);
    expect(big.err).toMatch(
      /^error SPC-U012: the reachable state graph of spec two-phase-commit \(rms=2 bug=commitEarly[^)]*\) has more than 10 states/,
    );
    const missing = capture();
    expect(await renderCommand(join(dir, "nope.itf.json"), { format: "dot" }, missing)).toBe(2);
    expect(missing.err).toMatch(/error SPC-U010: cannot read trace file .*nope\.itf\.json: no such file/);
  });

  it("exits 2 when the output file cannot be written", async () => {
    const io = capture();
    const blocker = join(dir, "blocker");
    writeFileSync(blocker, "");
    expect(await renderCommand(file, { format: "dot", output: join(blocker, "x.dot") }, io)).toBe(2);
    expect(io.err).toMatch(/^error SPC-U013: cannot write .*blocker/);
  });

  it("draws an actor spec's trace as a sequence chart, replaying it to recover who sent what", async () => {
    const io = capture();
    expect(await renderCommand(actorFile, { view: "sequence", format: "dot" }, io)).toBe(0);
    expect(io.out).toMatch(/^digraph "ping-pong: okOnce \(sequence\)" \{/);
    expect(io.out).toContain("Ping(seq 2)");
    expect(io.out).toContain("✘ invariant okOnce is false after step 6");
    const page = capture();
    expect(await renderCommand(actorFile, { view: "sequence", format: "html" }, page)).toBe(0);
    expect(xmlProblem(page.out, ["meta"])).toBeUndefined();
    expect(page.out).toContain("okOnce is false after step 6");
  });

  it("exits 2 for a sequence view of a spec without actors, or of a trace that no longer fits", async () => {
    const io = capture();
    expect(await renderCommand(file, { view: "sequence", format: "dot" }, io)).toBe(2);
    expect(io.err).toMatch(
      /^error SPC-U011: the sequence view cannot draw this trace of two-phase-commit: it draws traces of actor specs/,
    );
    const edited = join(dir, "edited.itf.json");
    writeFileSync(edited, readFileSync(actorFile, "utf8").replace('"seen": 1', '"seen": 5'));
    const misfit = capture();
    expect(await renderCommand(edited, { view: "sequence", format: "dot" }, misfit)).toBe(2);
    expect(misfit.err).toMatch(
      /^error SPC-U011: .*edited\.itf\.json: the trace does not fit the spec at step 1/,
    );
  });

  it("draws a file written by another ITF tool", async () => {
    const foreign = join(dir, "quint.itf.json");
    writeFileSync(
      foreign,
      JSON.stringify({ "#meta": { source: "counter.qnt" }, vars: ["n"], states: [{ n: 0 }, { n: 1 }] }),
    );
    const io = capture();
    expect(await renderCommand(foreign, { format: "dot" }, io)).toBe(0);
    expect(io.out).toContain("s0 -> s1 [label=< step 1 >]");
  });
});
