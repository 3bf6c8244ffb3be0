/**
 * Keeps the documentation true: the getting-started spec is the example file byte for byte,
 * its printed output is what the command prints (timings scrubbed), and the README's spec
 * snippet is a working spec.
 */

import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../cli/run-cli.js";

const read = (path: string) => readFileSync(`${ROOT}${path}`, "utf8");
const scrubTimings = (s: string) => s.replace(/[0-9.]+ s, [0-9,]+ distinct states\/s/g, "<time>");

function codeBlocks(markdown: string, lang: string): string[] {
  const re = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g");
  return [...markdown.matchAll(re)].map((m) => m[1]!);
}

describe("docs/getting-started.md", () => {
  const page = read("docs/getting-started.md");

  it("shows docs/examples/naive-mutex.ts verbatim", () => {
    expect(codeBlocks(page, "ts")[0]).toBe(read("docs/examples/naive-mutex.ts"));
  });

  it("shows what the command prints", () => {
    const command = codeBlocks(page, "sh")
      .find((b) => b.includes("specter check"))!
      .trim();
    expect(command).toBe("npx specter check docs/examples/naive-mutex.ts");
    const r = runCli(["check", "docs/examples/naive-mutex.ts"]);
    rmSync(`${ROOT}counterexamples/naive-mutex`, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(scrubTimings(r.stdout)).toBe(scrubTimings(codeBlocks(page, "text")[0]!));
  });
});

describe("README.md", () => {
  const tmp = "test/docs/readme-spec.tmp.ts";
  afterAll(() => rmSync(`${ROOT}${tmp}`, { force: true }));

  it("has a spec snippet that runs and finds the race", () => {
    const snippet = codeBlocks(read("README.md"), "ts")[0]!;
    expect(snippet.split("\n").length).toBeLessThanOrEqual(26);
    writeFileSync(`${ROOT}${tmp}`, snippet);
    const r = runCli(["check", tmp]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("invariant mutualExclusion is violated after 4 steps");
  });

  it("shows the fresh-clone commands", () => {
    const blocks = codeBlocks(read("README.md"), "sh").map((b) => b.trim());
    expect(blocks).toContain("npm install && npx specter check two-phase-commit --bug commitEarly");
    expect(blocks).toContain("npm test");
  });
});

describe("docs/protocols", () => {
  const specs = readdirSync(`${ROOT}specs`)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3));

  it.each(specs)("has a page for %s, linked from the guided tour", (name) => {
    expect(existsSync(`${ROOT}docs/protocols/${name}.md`)).toBe(true);
    expect(read("docs/protocols/index.md")).toContain(`(${name}.md)`);
  });

  it("links only files that exist (pages and counterexample pictures)", () => {
    const dir = "docs/protocols/";
    for (const page of readdirSync(`${ROOT}${dir}`).filter((f) => f.endsWith(".md"))) {
      for (const m of read(`${dir}${page}`).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue; // a URL
        expect(existsSync(`${ROOT}${dir}${target}`), `${page} links ${target}`).toBe(true);
      }
    }
  });
});
