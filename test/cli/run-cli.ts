/** Runs the real `specter` binary, for end-to-end tests. */

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A fresh temporary directory for counterexample files written by a test. */
export function tempOut(): string {
  return mkdtempSync(join(tmpdir(), "specter-test-"));
}
const BIN = fileURLToPath(new URL("../../bin/specter.js", import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `specter ...args` in the repository root and waits for it. */
export function runCli(args: readonly string[], env: Record<string, string> = {}, cwd = ROOT): CliRun {
  const childEnv: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", ...env };
  if (env.GITHUB_ACTIONS === undefined) delete childEnv.GITHUB_ACTIONS;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: childEnv,
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `specter ...args`, sends SIGINT after `afterMs`, and waits for it to exit. */
export function runCliInterrupted(args: readonly string[], afterMs: number): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGINT"), afterMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
