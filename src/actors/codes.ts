/**
 * The error codes the actor layer raises beyond the core ones. They are cast because the
 * `ErrorCode` union in src/errors.ts does not list them yet; docs/errors.md should describe them.
 */

import type { ErrorCode } from "../errors.js";

/** A handler gave different results for the same input (found by `paranoid`). */
export const NONDETERMINISTIC_HANDLER = "SPC-S010" as ErrorCode;
/** A handler mutated something other than its own draft (a received message, params, a sent message). */
export const FROZEN_MUTATION = "SPC-S011" as ErrorCode;
/** A handler misused its context: unknown node or kind, unhandled message type, undeclared timer, ... */
export const CONTEXT_MISUSE = "SPC-S012" as ErrorCode;
