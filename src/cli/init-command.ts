/**
 * `specter init <name>`: scaffolds specs/<name>.ts and test/specs/<name>.test.ts under the
 * working directory (or --dir). Refuses to overwrite anything, and writes both files or neither.
 */

import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { actorSpecTemplate, actorTestTemplate, specTemplate, testTemplate } from "./init-templates.js";
import { ExitCode, type Io } from "./io.js";
import { reportError } from "./report-error.js";

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Runs `specter init`. */
export async function initCommand(
  name: string,
  flags: { dir?: string; actors?: boolean; verbose?: boolean },
  io: Io,
): Promise<number> {
  try {
    if (!NAME.test(name))
      throw new UsageError(
        "SPC-U006",
        `spec name "${name}": use lower-case words joined by dashes, e.g. my-protocol`,
      );
    const root = resolve(flags.dir ?? process.cwd());
    const specFile = join(root, "specs", `${name}.ts`);
    const testFile = join(root, "test", "specs", `${name}.test.ts`);
    for (const f of [specFile, testFile])
      if (existsSync(f))
        throw new UsageError("SPC-U013", `${f} already exists; choose another name or remove it`);
    let specImport = relative(dirname(testFile), specFile).replace(/\\/g, "/").replace(/\.ts$/, ".js");
    if (!specImport.startsWith(".")) specImport = `./${specImport}`;
    writeBoth([
      [specFile, flags.actors ? actorSpecTemplate(name) : specTemplate(name)],
      [testFile, flags.actors ? actorTestTemplate(name, specImport) : testTemplate(name, specImport)],
    ]);
    io.stdout(
      `created ${relative(process.cwd(), specFile)}\ncreated ${relative(process.cwd(), testFile)}\n\n` +
        `next: npx specter check ${relative(process.cwd(), specFile)}\n`,
    );
    return ExitCode.ok;
  } catch (e) {
    return reportError(e, io, flags);
  }
}

function writeBoth(files: [string, string][]): void {
  const written: string[] = [];
  try {
    for (const [file, text] of files) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text, { flag: "wx" });
      written.push(file);
    }
  } catch (e) {
    for (const f of written) rmSync(f, { force: true });
    throw new UsageError("SPC-U013", `could not write ${files.map(([f]) => f).join(" and ")}: ${String(e)}`);
  }
}
