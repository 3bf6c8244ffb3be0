/**
 * Runs the `specter ci` commands of docs/ci.md's workflows, as written, in a small project
 * directory whose specter.config.ts checks one bundled spec and its bugs (the repository's own
 * full config is run by .ci/run).
 */

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../cli/run-cli.js";
import { xmlProblem } from "../render/xml.js";

const page = readFileSync(`${ROOT}docs/ci.md`, "utf8");

function commandsIn(lang: string): string[] {
  const blocks = [...page.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1]!);
  return blocks.flatMap((b) => b.split("\n").filter((l) => l.includes("npx specter ci ")));
}

function argsOf(line: string, shard: string): string[] {
  const cmd = line.replace(/^\s*(- run: |- )/, "").trim();
  // The workflows' own placeholders for the shard, as written in the YAML.
  const github = ["$", "{{ matrix.shard }}/2"].join("");
  const gitlab = ["$", "{CI_NODE_INDEX}/", "$", "{CI_NODE_TOTAL}"].join("");
  const filled = cmd.replace(github, shard).replace(gitlab, shard);
  const args = filled.split(/\s+/);
  expect(args.slice(0, 3)).toEqual(["npx", "specter", "ci"]);
  return args.slice(2);
}

const PROJECT = `${ROOT}test/.tmp-ci-docs`;

describe("docs/ci.md", () => {
  mkdirSync(PROJECT, { recursive: true });
  writeFileSync(
    `${PROJECT}/specter.config.ts`,
    `import { defineConfig } from "../../src/index.js";\nexport default defineConfig({ checks: [{ spec: "tcommit", budget: 60 }, { spec: "tcommit", bugs: "all" }] });\n`,
  );
  afterAll(() => rmSync(PROJECT, { recursive: true, force: true }));

  const [github, gitlab] = [commandsIn("yaml")[0]!, commandsIn("yaml")[1]!];

  it.each([
    ["GitHub Actions", github, "1/2"],
    ["GitLab CI", gitlab, "2/2"],
  ])("the %s command passes on this repository's config and writes its report", (_ci, line, shard) => {
    const r = runCli([...argsOf(line, shard), "--no-svg"], {}, PROJECT);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/all 1 checks passed/);
    const xml = readFileSync(`${PROJECT}/specter-junit.xml`, "utf8");
    expect(xmlProblem(xml)).toBeUndefined();
    expect(xml).toMatch(/failures="0"/);
    expect(existsSync(`${PROJECT}/specter-counterexamples`)).toBe(shard === "2/2");
  });
});
