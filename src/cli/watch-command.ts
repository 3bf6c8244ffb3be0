/**
 * `specter check <spec> --watch`: the spec-writing loop. Runs the check in a child process (so
 * every run loads the spec and its imports fresh, with no module cache to invalidate), and runs
 * it again whenever a .ts/.js file in the spec's directory changes, stopping a run that is
 * still going. Ends on Ctrl-C.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { type FSWatcher, watch } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ExitCode, type Io } from "./io.js";
import { resolveSpecPath } from "./load-spec.js";
import { reportError } from "./report-error.js";

const BIN = fileURLToPath(new URL("../../bin/specter.js", import.meta.url));
const DEBOUNCE_MS = 150;

/** Runs the watch loop until interrupted; returns 130. */
export async function watchCommand(specArg: string, argv: readonly string[], io: Io): Promise<number> {
  let file: string;
  try {
    file = resolveSpecPath(specArg);
  } catch (e) {
    return reportError(e, io, {});
  }
  const args = argv.filter((a) => a !== "--watch");
  let child: ChildProcess | undefined;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    child?.kill("SIGINT");
    io.stderr(`\n[watch] ${new Date().toLocaleTimeString()} specter ${args.join(" ")}\n`);
    const c = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    child = c;
    c.stdout.on("data", (d: Buffer) => io.stdout(d.toString()));
    c.stderr.on("data", (d: Buffer) => io.stderr(d.toString()));
    c.on("exit", (code) => {
      if (child === c)
        io.stderr(
          `[watch] exit ${code ?? "killed"}; waiting for changes to ${dirname(file)} (Ctrl-C to stop)\n`,
        );
    });
  };
  const watcher: FSWatcher = watch(dirname(file), (_event, name) => {
    if (name && !/\.(ts|js|mts|mjs|json)$/.test(String(name))) return;
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  run();
  await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
  watcher.close();
  clearTimeout(timer);
  child?.kill("SIGINT");
  return ExitCode.interrupted;
}
