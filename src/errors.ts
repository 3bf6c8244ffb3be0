/**
 * The two kinds of failure that are not violations (STYLE.md "Errors"): a `SpecError` is a fault
 * in the user's spec (it threw, produced a non-plain state, is nondeterministic); a `UsageError`
 * is a bad flag, param or file. Each carries a stable code listed in docs/errors.md and maps to
 * exit status 2. A property violation is never an exception: it is a result.
 */

/** Stable error codes; docs/errors.md lists each with its meaning and what to do. */
export type ErrorCode =
  | "SPC-U001" // unknown spec name
  | "SPC-U002" // spec file not found
  | "SPC-U003" // file does not default-export a spec
  | "SPC-U004" // unknown param
  | "SPC-U005" // ill-typed param value
  | "SPC-U006" // bad flag value
  | "SPC-U007" // unknown bug preset
  | "SPC-U008" // unknown property name (--only)
  | "SPC-U009" // spec file failed to load (syntax error, import error)
  | "SPC-U010" // malformed trace file
  | "SPC-U011" // trace does not fit the spec
  | "SPC-U012" // graph too large to render
  | "SPC-U013" // cannot write output files
  | "SPC-U014" // malformed CI configuration
  | "SPC-U015" // checkpoint missing, corrupt or unreadable (--resume)
  | "SPC-U016" // checkpoint does not fit this run (spec, params, bug, options; liveness)
  | "SPC-S001" // spec definition is malformed
  | "SPC-S002" // user code threw (init, over, when, do, invariant, ...)
  | "SPC-S003" // state is not plain data
  | "SPC-S004" // nondeterminism detected on replay
  | "SPC-S005" // too many actions or arguments to encode a step
  | "SPC-S006" // bug preset does not name a property of the spec
  | "SPC-S010" // actor layer: a handler is nondeterministic (found with -p paranoid=true)
  | "SPC-S011" // actor layer: a handler mutated a frozen value (message, params; paranoid)
  | "SPC-S012" // actor layer: a handler misused its context (unknown node, type, timer, ...)
  | "SPC-S013" // actor layer: reserved
  | "SPC-S014" // actor layer: reserved
  | "SPC-S015" // actor layer: reserved
  | "SPC-S016" // actor layer: reserved
  | "SPC-S017" // actor layer: reserved
  | "SPC-S018" // actor layer: reserved
  | "SPC-S019"; // actor layer: reserved

abstract class SpecterError extends Error {
  readonly code: ErrorCode;
  /** Extra lines shown after the message (e.g. the trace that reaches a throwing action). */
  readonly details: readonly string[];
  constructor(code: ErrorCode, message: string, details: readonly string[] = [], options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

/** A fault in the spec's own code or data. Exit status 2. */
export class SpecError extends SpecterError {
  override readonly name = "SpecError";
}

/** A bad command-line flag, param, file or name. Exit status 2. */
export class UsageError extends SpecterError {
  override readonly name = "UsageError";
}

/** True for the errors Specter raises on purpose (as opposed to its own bugs). */
export function isSpecterError(e: unknown): e is SpecError | UsageError {
  return e instanceof SpecError || e instanceof UsageError;
}

/** A short description of anything thrown, for messages. */
export function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `non-Error value thrown: ${String(e)}`;
}
