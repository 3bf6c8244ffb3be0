/**
 * A step packed into one 32-bit unsigned integer for the visited set: the action index in the
 * low 10 bits and the argument's index in `over` in the high 22 bits.
 */

import { SpecError } from "../errors.js";

const ACTION_BITS = 10;
const ACTION_MASK = (1 << ACTION_BITS) - 1;
/** Largest argument index a step code can hold. */
export const MAX_ARG_INDEX = 2 ** (32 - ACTION_BITS) - 1;

/** Packs (action, argIndex). */
export function encodeStep(action: number, argIndex: number): number {
  if (argIndex > MAX_ARG_INDEX)
    throw new SpecError("SPC-S005", `an action's \`over\` returned more than ${MAX_ARG_INDEX + 1} arguments`);
  return (argIndex * (ACTION_MASK + 1) + action) >>> 0;
}

/** The action index of a step code. */
export function stepAction(code: number): number {
  return code & ACTION_MASK;
}

/** The argument index of a step code. */
export function stepArgIndex(code: number): number {
  return Math.floor(code / (ACTION_MASK + 1));
}
