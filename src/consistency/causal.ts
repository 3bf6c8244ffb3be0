/**
 * Causal consistency by the bad patterns of Bouajjani, Enea, Guerraoui and Hamza ("On verifying
 * causal consistency", POPL 2017). For differentiated histories the checks are polynomial:
 *
 * - CC (weak causal consistency): no CyclicCO, ThinAirRead, WriteCOInitRead or WriteCORead.
 * - CCv (causal convergence): CC and no CyclicCF.
 * - CM (causal memory): CC and no WriteHBInitRead or CyclicHB (see causal-memory.ts).
 *
 * For grow-only sets and list-append (where a read shows every write it saw), CC is checked
 * directly: every write to the key in a read's causal past must be in what it returned, and a
 * list must order causally related appends causally. CM and CCv are implemented for registers
 * only. Each violation names the few operations of the pattern and the causal path joining them.
 */

import { checkCausalMemory } from "./causal-memory.js";
import { type CausalOrder, causalOrder, coPath, coPathLines, label } from "./causal-order.js";
import { ConsistencyInputError } from "./errors.js";
import { findCycle, hasBit } from "./graph.js";
import type { History } from "./history.js";
import { type CheckResult, CONSISTENT, violation } from "./result.js";
import { type RwDatatype, type RwHistory, toRwHistory } from "./rw-history.js";
import { formatValue } from "./values.js";

/** The three causal consistency models of POPL 2017. */
export type CausalModel = "CC" | "CM" | "CCv";

/** Options of `checkCausal`. */
export interface CausalOptions {
  /** How reads are interpreted; default "register" (or the history's `datatype` hint). */
  readonly datatype?: RwDatatype | undefined;
}

/**
 * Checks one causal consistency model on a differentiated history (program order is each
 * process's invocation order; real time is ignored).
 *
 * @example
 * ```ts
 * const r = checkCausal(historyFromSessions(sessions), "CCv");
 * if (!r.ok) console.log(formatExplanation(r.explanation)); // e.g. pattern CyclicCF
 * ```
 */
export function checkCausal(
  history: History,
  model: CausalModel = "CC",
  options: CausalOptions = {},
): CheckResult {
  const datatype = options.datatype ?? datatypeHint(history);
  const rw = toRwHistory(history, datatype);
  if (datatype !== "register" && model !== "CC") {
    throw new ConsistencyInputError(
      "SPC-H007",
      `${model} is implemented for registers only, not ${datatype}`,
      { file: history.source },
      "check CC, or model the data as registers",
    );
  }
  const co = causalOrder(rw);
  const base = checkCC(rw, co, model);
  if (!base.ok || model === "CC" || !co.acyclic) return base;
  return model === "CCv" ? checkCyclicCF(rw, co) : checkCausalMemory(rw, co);
}

/**
 * The `datatype` hint of a history when it names a read/write data type, else "register".
 *
 * @example
 * ```ts
 * datatypeHint(historyFromJson({ datatype: "grow-set", sessions: {} })); // "grow-set"
 * ```
 */
export function datatypeHint(history: History): RwDatatype {
  const d = history.hints.datatype;
  return d === "grow-set" || d === "list-append" ? d : "register";
}

function found(
  model: CausalModel,
  pattern: string,
  summary: string,
  ops: number[],
  rw: RwHistory,
  details: string[],
) {
  return violation({
    check: `causal consistency (${model})`,
    pattern,
    summary,
    ops: [...new Set(ops)].map((i) => rw.ops[i]!.op),
    details,
  });
}

function checkCC(rw: RwHistory, co: CausalOrder, model: CausalModel): CheckResult {
  const thin = rw.thinAir[0];
  if (thin !== undefined) {
    const what = `${label(rw, thin.read)} returned ${formatValue(thin.value)}, which no operation wrote`;
    return found(model, "ThinAirRead", what, [thin.read], rw, []);
  }
  if (!co.acyclic) {
    const cyc = co.cycle;
    const summary = "an operation is in its own causal past (program order and reads-from form a cycle)";
    return found(model, "CyclicCO", summary, [...cyc], rw, coPathLines(rw, [...cyc, cyc[0]!]));
  }
  for (const r of rw.ops) {
    if (r.kind !== "read") continue;
    const bad =
      rw.datatype === "register"
        ? registerRead(rw, co, r.index, model)
        : collectionRead(rw, co, r.index, model);
    if (bad !== undefined) return bad;
  }
  return CONSISTENT;
}

function registerRead(rw: RwHistory, co: CausalOrder & { acyclic: true }, r: number, model: CausalModel) {
  const read = rw.ops[r]!;
  const writes = rw.writesByKey.get(read.key) ?? [];
  const w1 = read.reads[0];
  for (const w2 of writes) {
    if (w2 === w1 || !hasBit(co.past[r]!, w2)) continue;
    if (w1 === undefined) {
      const path = coPath(co.succ, w2, r);
      const summary = `${label(rw, r)} returned the initial value although ${label(rw, w2)} is in its causal past`;
      return found(model, "WriteCOInitRead", summary, path, rw, coPathLines(rw, path));
    }
    if (hasBit(co.past[w2]!, w1)) {
      const path = [...coPath(co.succ, w1, w2), ...coPath(co.succ, w2, r).slice(1)];
      const summary = `${label(rw, r)} returned ${label(rw, w1)}, but ${label(rw, w2)} overwrote it causally before the read`;
      return found(model, "WriteCORead", summary, path, rw, coPathLines(rw, path));
    }
  }
  return undefined;
}

function collectionRead(rw: RwHistory, co: CausalOrder & { acyclic: true }, r: number, model: CausalModel) {
  const read = rw.ops[r]!;
  const seen = new Set(read.reads);
  for (const w of rw.writesByKey.get(read.key) ?? []) {
    if (seen.has(w) || !hasBit(co.past[r]!, w)) continue;
    const path = coPath(co.succ, w, r);
    const summary = `${label(rw, r)} misses ${label(rw, w)}, which is in its causal past`;
    return found(model, "WriteCOMissingRead", summary, path, rw, coPathLines(rw, path));
  }
  if (rw.datatype !== "list-append") return undefined;
  for (let i = 0; i < read.reads.length; i++) {
    for (let j = i + 1; j < read.reads.length; j++) {
      const early = read.reads[i]!;
      const late = read.reads[j]!;
      if (!hasBit(co.past[early]!, late)) continue;
      const path = coPath(co.succ, late, early);
      const summary = `${label(rw, r)} lists ${label(rw, early)} before ${label(rw, late)}, which is causally earlier`;
      return found(model, "CausalOrderInRead", summary, [...path, r], rw, coPathLines(rw, path));
    }
  }
  return undefined;
}

/**
 * CyclicCF: add w1 → w2 whenever w1 (a write to x) is in the causal past of a read that returned
 * w2 ≠ w1 (the read shows w2 was arbitrated after w1); a cycle with CO means no single
 * arbitration order explains all reads.
 */
function checkCyclicCF(rw: RwHistory, co: CausalOrder & { acyclic: true }): CheckResult {
  const succ = co.succ.map((out) => [...out]);
  const why = new Map<string, number>();
  for (const r of rw.ops) {
    const w2 = r.reads[0];
    if (r.kind !== "read" || w2 === undefined) continue;
    for (const w1 of rw.writesByKey.get(r.key) ?? []) {
      if (w1 === w2 || !hasBit(co.past[r.index]!, w1)) continue;
      succ[w1]!.push(w2);
      why.set(`${w1}>${w2}`, r.index);
    }
  }
  const cycle = findCycle(succ);
  if (cycle === undefined) return CONSISTENT;
  const details: string[] = [];
  const ops = [...cycle];
  cycle.forEach((a, i) => {
    const b = cycle[(i + 1) % cycle.length]!;
    const r = why.get(`${a}>${b}`);
    if (r === undefined) {
      details.push(...coPathLines(rw, [a, b]));
    } else {
      ops.push(r);
      details.push(
        `${label(rw, r)} saw ${label(rw, a)} yet returned ${label(rw, b)}, so ${label(rw, b)} is ordered after it`,
      );
    }
  });
  const summary = "no single order of the writes explains every read (conflicting write orders form a cycle)";
  return found("CCv", "CyclicCF", summary, ops, rw, details);
}
