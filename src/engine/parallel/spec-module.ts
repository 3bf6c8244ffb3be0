/**
 * Where a spec object came from, so that parallel-BFS workers can load the same spec: the CLI's
 * loader remembers each file it imports; API users give `specModule` in the check options.
 */

import type { Spec } from "../../spec/define-spec.js";

const modules = new WeakMap<object, string>();

/** Records that `spec` is the default export of `file` (an absolute path). */
export function rememberSpecModule(spec: Spec, file: string): void {
  modules.set(spec, file);
}

/** The file `spec` was loaded from, if Specter's loader loaded it. */
export function specModuleOf(spec: object): string | undefined {
  return modules.get(spec);
}
