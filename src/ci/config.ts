/**
 * `specter.config.ts`: the checks a project gates CI on. Each check names a spec (bundled name
 * or path, relative to the config file), params, strategy and bounds, a time budget, and what
 * is expected: `"holds"`, or `{ violates: property }` for a bug preset (so CI also proves the
 * checker still catches known bugs). `{ spec, bugs: "all" }` expands to one check per bug preset
 * of the spec, each expected to violate the property the preset declares.
 */

import type { Strategy } from "../engine/options.js";
import { UsageError } from "../errors.js";
import type { ParamValue } from "../spec/types.js";

/** What a check must show. */
export type Expectation = "holds" | { readonly violates: string };

/** One configured check. */
export interface CheckEntry {
  /** Shown in reports (default: spec, bug and params). */
  readonly name?: string;
  readonly spec: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly bug?: string;
  readonly strategy?: Strategy;
  readonly maxStates?: number;
  readonly maxDepth?: number;
  /** Stops the search after this many seconds (the result is then incomplete). */
  readonly timeLimit?: number;
  /** Fails the check when it takes longer than this many seconds. */
  readonly budget?: number;
  readonly seed?: number;
  readonly runs?: number;
  /** Default "holds" (or the preset's declared violation when `bug` is set). */
  readonly expect?: Expectation;
  /** Accept an incomplete search as "holds" (e.g. random search). Default false. */
  readonly allowIncomplete?: boolean;
}

/** Every bug preset of a spec, each expected to violate what it declares. */
export interface AllBugsEntry {
  readonly spec: string;
  readonly bugs: "all";
  readonly strategy?: Strategy;
  readonly budget?: number;
}

/** The contents of specter.config.ts. */
export interface SpecterConfig {
  readonly checks: readonly (CheckEntry | AllBugsEntry)[];
}

/**
 * Declares a CI configuration (types only; returns its argument).
 *
 * @example
 * export default defineConfig({
 *   checks: [
 *     { spec: "two-phase-commit", params: { rms: 4 }, budget: 60 },
 *     { spec: "two-phase-commit", bugs: "all" },
 *   ],
 * });
 */
export function defineConfig(config: SpecterConfig): SpecterConfig {
  return config;
}

const KNOWN = new Set([
  "name",
  "spec",
  "params",
  "bug",
  "strategy",
  "maxStates",
  "maxDepth",
  "timeLimit",
  "budget",
  "seed",
  "runs",
  "expect",
  "allowIncomplete",
  "bugs",
]);

/** Checks a loaded config's shape; `file` names it in messages. */
export function validateConfig(raw: unknown, file: string): SpecterConfig {
  const bad = (where: string, what: string): never => {
    throw new UsageError("SPC-U014", `${file}: ${where}: ${what}`);
  };
  if (typeof raw !== "object" || raw === null)
    bad("default export", "expected an object `{ checks: [...] }`");
  const checks = (raw as { checks?: unknown }).checks;
  if (!Array.isArray(checks)) bad("checks", "expected an array of checks");
  (checks as unknown[]).forEach((c, i) => {
    const at = `checks[${i}]`;
    if (typeof c !== "object" || c === null) bad(at, "expected an object");
    const entry = c as Record<string, unknown>;
    if (typeof entry.spec !== "string" || entry.spec === "")
      bad(`${at}.spec`, "expected a spec name or path");
    for (const k of Object.keys(entry))
      if (!KNOWN.has(k)) bad(`${at}.${k}`, `unknown field (known: ${[...KNOWN].join(", ")})`);
    if (entry.bugs !== undefined && entry.bugs !== "all") bad(`${at}.bugs`, 'only "all" is supported');
    const e = entry.expect;
    if (
      e !== undefined &&
      e !== "holds" &&
      !(typeof e === "object" && e !== null && typeof (e as { violates?: unknown }).violates === "string")
    )
      bad(`${at}.expect`, 'expected "holds" or { violates: "<property>" }');
    for (const k of ["maxStates", "maxDepth", "timeLimit", "budget", "runs"])
      if (entry[k] !== undefined && !(typeof entry[k] === "number" && (entry[k] as number) > 0))
        bad(`${at}.${k}`, "expected a positive number");
  });
  return raw as SpecterConfig;
}
