/**
 * Finds and loads a spec: `<spec>` is the name of a bundled spec (specs/<name>.ts) or a path to
 * a .ts/.js file, relative to the working directory. TypeScript files load through tsx, which
 * `bin/specter.js` registers, so a user's own file needs no build step.
 */

import { existsSync, readdirSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rememberSpecModule } from "../engine/parallel/spec-module.js";
import { describeThrown, isSpecterError, UsageError } from "../errors.js";
import { isSpec, type Spec } from "../spec/define-spec.js";

/** The directory holding the bundled specs. */
export const BUNDLED_SPECS_DIR = fileURLToPath(new URL("../../specs/", import.meta.url));

/** Names of the bundled specs, sorted. */
export function bundledSpecNames(): string[] {
  return readdirSync(BUNDLED_SPECS_DIR)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

function looksLikePath(arg: string): boolean {
  return arg.includes("/") || arg.includes("\\") || /\.(ts|js|mts|mjs)$/.test(arg);
}

/** Resolves `<spec>` to a file path, or throws a UsageError listing the bundled specs. */
export function resolveSpecPath(arg: string, cwd = process.cwd()): string {
  if (looksLikePath(arg)) {
    const file = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (!existsSync(file))
      throw new UsageError(
        "SPC-U002",
        `spec file not found: ${file}. Check the path, or give a bundled spec's name`,
      );
    return file;
  }
  const file = resolve(BUNDLED_SPECS_DIR, `${arg}.ts`);
  if (!existsSync(file))
    throw new UsageError(
      "SPC-U001",
      `unknown spec "${arg}". Bundled specs: ${bundledSpecNames().join(", ")}; or give a path to a .ts file`,
    );
  return file;
}

/** Imports a spec file and returns its default export, checked to be a spec. */
export async function loadSpecFile(file: string): Promise<Spec> {
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    if (isSpecterError(e)) throw e;
    throw new UsageError("SPC-U009", `could not load ${file}: ${describeThrown(e)}`, [], { cause: e });
  }
  if (!isSpec(mod.default))
    throw new UsageError(
      "SPC-U003",
      `${file} does not default-export a spec: end it with \`export default defineSpec({ ... })\``,
    );
  rememberSpecModule(mod.default, file);
  return mod.default;
}

/** Resolves and loads `<spec>` (a bundled name or a path). */
export async function loadSpec(
  arg: string,
  cwd = process.cwd(),
): Promise<{ spec: Spec; file: string; bundled: boolean }> {
  const file = resolveSpecPath(arg, cwd);
  return { spec: await loadSpecFile(file), file, bundled: !looksLikePath(arg) };
}
