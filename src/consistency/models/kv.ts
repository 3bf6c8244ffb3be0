/**
 * The value of one key in Porcupine's key-value store: `get` returns it, `put` replaces it and
 * `append` concatenates onto it; every key starts as "". Wrap it with `perKey` for the whole
 * store. Kept per key so that linearizability can check each key on its own
 * (P-compositionality), which on the 50-client data is thousands of times faster. States are
 * hash-consed strings (kv-string.ts); each model instance keeps its own intern table, so create
 * a model per batch of checks rather than one for the life of a long-running process.
 */

import { type KvString, KvStrings } from "./kv-string.js";
import type { SequentialModel } from "./model.js";
import { unknownOp } from "./register.js";

/**
 * The per-key string model with `get`, `put` and `append`.
 *
 * @example
 * ```ts
 * const store = perKey(kvModel()); // partitioned by key for linearizability
 * ```
 */
export function kvModel(initial = ""): SequentialModel<KvString> {
  const strings = new KvStrings();
  const start = strings.of(initial);
  return {
    name: "kv",
    init: () => start,
    step(state, op) {
      switch (op.f) {
        case "get":
        case "read": {
          const r = op.result;
          return { ok: r === undefined || (typeof r === "string" && state.equals(r)), state };
        }
        case "put":
        case "write":
          return { ok: true, state: strings.of(String(op.value ?? "")) };
        case "append":
          return { ok: true, state: strings.append(state, String(op.value ?? "")) };
        default:
          throw unknownOp(op, "kv", "get, put or append");
      }
    },
    equal: (a, b) => a === b,
    hash: (s) => s.hash,
    describeState: (s) => JSON.stringify(s.toString()),
  };
}
