import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import pingPong from "../../specs/ping-pong.js";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check } from "../../src/engine/check.js";
import type { CheckResult } from "../../src/engine/result.js";
import { safeFileName, writeCounterexamples } from "../../src/render/write-counterexamples.js";
import { decodeItf } from "../../src/trace/itf-decode.js";
import { xmlProblem } from "./xml.js";

let result: CheckResult;
const fresh = () => mkdtempSync(join(tmpdir(), "specter-cx-"));

beforeAll(async () => {
  result = await check(twoPhaseCommit, { bug: "commitEarly" });
});

describe("writeCounterexamples", () => {
  it("writes <out>/<spec>/<bug>/<property>.{itf.json,dot,svg,html} for each violation", async () => {
    const out = fresh();
    const written = await writeCounterexamples(result, { outDir: out, svg: true, html: true });
    const base = join(out, "two-phase-commit", "commitEarly", "consistent");
    expect(written).toEqual([
      {
        property: "consistent",
        files: { itf: `${base}.itf.json`, dot: `${base}.dot`, svg: `${base}.svg`, html: `${base}.html` },
      },
    ]);
    const itf = decodeItf(readFileSync(`${base}.itf.json`, "utf8"), "x");
    expect(itf.specter).toMatchObject({
      spec: "two-phase-commit",
      bug: "commitEarly",
      property: "consistent",
      kind: "invariant",
    });
    expect(itf.specter?.specFile).toBeUndefined();
    expect(readFileSync(`${base}.dot`, "utf8")).toMatch(/^digraph "two-phase-commit: consistent"/);
    expect(xmlProblem(readFileSync(`${base}.svg`, "utf8"))).toBeUndefined();
    expect(readFileSync(`${base}.html`, "utf8")).toContain(`npx specter replay ${base}.itf.json`);
    expect(readdirSync(join(out, "two-phase-commit", "commitEarly")).sort()).toEqual([
      "consistent.dot",
      "consistent.html",
      "consistent.itf.json",
      "consistent.svg",
    ]);
  });

  it("without svg, writes only the ITF and DOT files; records a spec file relative to the trace", async () => {
    const out = fresh();
    const specFile = join(process.cwd(), "specs", "two-phase-commit.ts");
    const [w] = await writeCounterexamples(result, { outDir: out, svg: false, specFile });
    expect(w?.files.svg).toBeUndefined();
    const meta = decodeItf(readFileSync(w!.files.itf, "utf8"), "x").specter!;
    expect(meta.specFile).toMatch(/^(\.\.\/)+.*specs\/two-phase-commit\.ts$/);
    expect(readdirSync(join(out, "two-phase-commit", "commitEarly")).sort()).toEqual([
      "consistent.dot",
      "consistent.itf.json",
    ]);
  });

  it("leaves nothing behind when it cannot write", async () => {
    const out = fresh();
    writeFileSync(join(out, "two-phase-commit"), "a file where the spec's directory should be");
    await expect(writeCounterexamples(result, { outDir: out, svg: false })).rejects.toThrow(
      expect.objectContaining({
        code: "SPC-U013",
        message: expect.stringMatching(/^cannot write .*two-phase-commit\/commitEarly: /),
      }),
    );
    expect(readdirSync(out)).toEqual(["two-phase-commit"]);
    const out2 = fresh();
    mkdirSync(join(out2, "two-phase-commit", "commitEarly", "consistent.dot"), { recursive: true }); // rename onto a directory fails
    await expect(writeCounterexamples(result, { outDir: out2, svg: false })).rejects.toThrow();
    expect(
      readdirSync(join(out2, "two-phase-commit", "commitEarly")).filter((f) => f.includes(".tmp-")),
    ).toEqual([]);
    expect(existsSync(join(out2, "two-phase-commit", "commitEarly", "consistent.dot"))).toBe(true);
  });

  it("also writes the sequence view of an actor spec's counterexample, and shows both drawings in HTML", async () => {
    const out = fresh();
    const forgetAcked = await check(pingPong, { bug: "forgetAcked" });
    const [w] = await writeCounterexamples(forgetAcked, { outDir: out, svg: true, html: true });
    const base = join(out, "ping-pong", "forgetAcked", "okOnce");
    expect(w?.files).toEqual({
      itf: `${base}.itf.json`,
      dot: `${base}.dot`,
      svg: `${base}.svg`,
      sequenceDot: `${base}.sequence.dot`,
      sequenceSvg: `${base}.sequence.svg`,
      html: `${base}.html`,
    });
    expect(readFileSync(`${base}.sequence.dot`, "utf8")).toMatch(/^digraph "ping-pong: okOnce \(sequence\)"/);
    const svg = readFileSync(`${base}.sequence.svg`, "utf8");
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain("okOnce is false after step 6");
    const html = readFileSync(`${base}.html`, "utf8");
    expect(html.match(/<div class="graph"><svg/g)).toHaveLength(2);
    expect(html).toContain("<h3>Messages between nodes</h3>");
    expect(xmlProblem(html, ["meta"])).toBeUndefined();
    // Without svg: the sequence view's DOT only.
    const [bare] = await writeCounterexamples(forgetAcked, { outDir: fresh(), svg: false });
    expect(Object.keys(bare!.files)).toEqual(["itf", "dot", "sequenceDot"]);
  });

  it("makes safe file names", () => {
    expect(safeFileName("a/b c")).toBe("a_b_c");
    expect(safeFileName("..")).toBe("_..");
    expect(safeFileName("raft-log_1.x")).toBe("raft-log_1.x");
  });
});
