import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { ROOT, tempOut } from "./run-cli.js";

const DIR = `${ROOT}test/.tmp-watch`;
const BIN = fileURLToPath(new URL("../../bin/specter.js", import.meta.url));

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

it("--watch re-runs the check when the spec changes, until Ctrl-C", async () => {
  mkdirSync(DIR, { recursive: true });
  const spec = readFileSync(`${ROOT}test/cli/fixtures/my-protocol.ts`, "utf8").replace(
    "../../../src/index.js",
    "../../src/index.js",
  );
  writeFileSync(`${DIR}/p.ts`, spec);
  const child = spawn(process.execPath, [
    BIN,
    "check",
    `${DIR}/p.ts`,
    "--watch",
    "--out",
    tempOut(),
    "--no-svg",
  ]);
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const waitFor = async (re: RegExp) => {
    for (let i = 0; i < 200 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(re);
  };
  await waitFor(/VIOLATION: belowThree[\s\S]*\[watch\] exit 1/);
  writeFileSync(`${DIR}/p.ts`, spec.replace("limit: 4", "limit: 2"));
  await waitFor(/OK: no violation[\s\S]*\[watch\] exit 0/);
  const code = await new Promise<number | null>((resolve) => {
    child.on("close", resolve);
    child.kill("SIGINT");
  });
  expect(code).toBe(130);
}, 30_000);
