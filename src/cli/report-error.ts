/**
 * How the CLI reports a Specter error (usage or spec fault): one clear message with its code
 * on stderr (or a JSON document with result "error" under --format json), no stack trace
 * unless --verbose, exit status 2. Anything else is Specter's own bug and is rethrown.
 */

import { isSpecterError } from "../errors.js";
import { ExitCode, type Io } from "./io.js";

/** Reports `e` and returns the exit status; rethrows errors that are not Specter's. */
export function reportError(e: unknown, io: Io, flags: { format?: string; verbose?: boolean }): number {
  if (!isSpecterError(e)) throw e;
  if (flags.format === "json") {
    const doc = { result: "error", error: { code: e.code, message: e.message, details: e.details } };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  }
  io.stderr(`error ${e.code}: ${e.message}\n`);
  for (const d of e.details) io.stderr(`  ${d}\n`);
  if (flags.verbose && e.stack) io.stderr(`${e.stack}\n`);
  else if (e.cause instanceof Error && flags.verbose !== true)
    io.stderr("  (run with --verbose for the stack trace)\n");
  return ExitCode.error;
}
