/**
 * The search behind sequential consistency: find one total order of the operations that respects
 * each process's program order (and nothing about real time) and the sequential specification.
 *
 * Ok operations sit in per-process sequences. An unknown-outcome operation "floats": as in
 * linearizability, it may take effect once at any point after its invocation (that is, after its
 * program-order predecessors) or never, so it does not hold back its process's later operations
 * (otherwise a linearizable history could fail SC). A configuration is the per-process frontier,
 * the set of floating operations placed, and the model state; the memo keeps the search within
 * prod(n_p + 1) * 2^u * |states| configurations. Iterative, with an explicit choice stack.
 */

import type { Operation } from "../history.js";
import type { CompiledModel } from "./compiled-model.js";
import { type ConfigBudget, ConfigSet, configHash, zobristTable } from "./config-set.js";

/** How an SC search ended. */
export type ScStatus = "ok" | "illegal" | "budget" | "timeout";

interface Layout {
  /** Per process, its ok operations (indices into ops) in program order. */
  readonly procs: number[][];
  /** Floating (unknown) operations, with the process and the count of its ok ops before them. */
  readonly floats: { op: number; proc: number; after: number }[];
}

function layout(ops: readonly Operation[]): Layout {
  const byProcess = new Map<unknown, number[]>();
  ops.forEach((op, i) => {
    let list = byProcess.get(op.process);
    if (list === undefined) byProcess.set(op.process, (list = []));
    list.push(i);
  });
  const procs: number[][] = [];
  const floats: Layout["floats"] = [];
  for (const list of byProcess.values()) {
    list.sort((a, b) => ops[a]!.invoke - ops[b]!.invoke || a - b);
    const seq: number[] = [];
    for (const i of list) {
      if (ops[i]!.status === "unknown") floats.push({ op: i, proc: procs.length, after: seq.length });
      else seq.push(i);
    }
    procs.push(seq);
  }
  return { procs, floats };
}

/**
 * Runs the search over `ops` (failed operations already removed).
 *
 * @example
 * ```ts
 * searchSequential(ops, new CompiledModel(perKey(registerModel()), ops), { used: 0, max: 1e6 }, Infinity);
 * ```
 */
export function searchSequential(
  ops: readonly Operation[],
  model: CompiledModel<unknown>,
  budget: ConfigBudget,
  deadline: number,
): ScStatus {
  const { procs, floats } = layout(ops);
  const P = procs.length;
  const choices = P + floats.length;
  const n = ops.length;
  // vec = [frontier per process | bitset of placed floating operations]
  const vec = new Uint32Array(Math.max(1, P + Math.ceil(floats.length / 32)));
  const zob = zobristTable(n);
  const configs = new ConfigSet(vec.length, budget);
  const choice = new Int32Array(n + 1);
  const frameChoice = new Int32Array(n + 1);
  const frameState = new Int32Array(n + 1);
  let remaining = procs.reduce((s, l) => s + l.length, 0);
  let depth = 0;
  let stateId = model.initId;
  let hash = 0;
  let iterations = 0;
  const toggle = (c: number) => {
    const f = c - P;
    vec[P + (f >>> 5)]! ^= 1 << (f & 31);
  };
  const placed = (c: number) => ((vec[P + ((c - P) >>> 5)]! >>> ((c - P) & 31)) & 1) === 1;
  for (;;) {
    if (remaining === 0) return "ok";
    if ((++iterations & 0xfff) === 0 && Date.now() > deadline) return "timeout";
    const c = choice[depth]!;
    if (c >= choices) {
      if (depth === 0) return "illegal";
      depth--;
      const back = frameChoice[depth]!;
      stateId = frameState[depth]!;
      if (back < P) {
        hash ^= zob[procs[back]![--vec[back]!]!]!;
        remaining++;
      } else {
        hash ^= zob[floats[back - P]!.op]!;
        toggle(back);
      }
      continue;
    }
    choice[depth] = c + 1;
    let op: number;
    if (c < P) {
      const seq = procs[c]!;
      if (vec[c]! >= seq.length) continue;
      op = seq[vec[c]!]!;
    } else {
      const f = floats[c - P]!;
      if (placed(c) || vec[f.proc]! < f.after) continue;
      op = f.op;
    }
    const ns = model.next(stateId, op);
    if (ns < 0) continue;
    if (c < P) vec[c]!++;
    else toggle(c);
    const h2 = hash ^ zob[op]!;
    if (!configs.add(vec, ns, configHash(h2, model.stateHash[ns]!))) {
      if (c < P) vec[c]!--;
      else toggle(c);
      continue;
    }
    if (budget.used > budget.max) return "budget";
    frameChoice[depth] = c;
    frameState[depth] = stateId;
    depth++;
    choice[depth] = 0;
    stateId = ns;
    hash = h2;
    if (c < P) remaining--;
  }
}
