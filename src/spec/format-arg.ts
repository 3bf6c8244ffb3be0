/**
 * A short, deterministic rendering of an action argument for step labels ("rmPrepare(0)",
 * "send(\"n1\", 2)"): arrays of arguments are spread, strings quoted, objects shown compactly.
 */

import { formatValue } from "../state/format-value.js";

/** Formats an action argument for a step label. */
export function formatArg(arg: unknown): string {
  if (arg === undefined) return "";
  if (Array.isArray(arg)) return arg.map((a) => formatValue(a)).join(", ");
  return formatValue(arg);
}
