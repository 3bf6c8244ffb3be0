/**
 * The two bad patterns that separate causal memory (CM, Ahamad et al.) from weak causal
 * consistency, after Bouajjani et al. (POPL 2017). For an operation o, hb_o is the smallest
 * transitive relation containing CO restricted to o's causal past (o included) and the edge
 * w2 → w1 whenever a read r of o's process, up to o, returned w1 while another write w2 to the
 * same key is hb_o-before r (the process saw w2, then read w1, so in its view w1 comes later).
 * CM fails when hb_o has a cycle (CyclicHB) or a write to x is hb_o-before an initial-value read
 * of x by o's process (WriteHBInitRead). We read "reads of o's process" as the paper's side
 * condition (r program-order-before-or-equal o), as c3py does; both readings agree on the POPL
 * examples. hb_o grows along program order, so checking each process's last operation suffices.
 */

import { type CausalOrder, coPathLines, label } from "./causal-order.js";
import { processName } from "./describe.js";
import { findCycle, hasBit, newBits, orInto, setBit, shortestPath } from "./graph.js";
import { type CheckResult, CONSISTENT, violation } from "./result.js";
import type { RwHistory } from "./rw-history.js";

/**
 * Checks the CM-specific patterns; assumes CC already holds (so CO is acyclic).
 *
 * @example
 * ```ts
 * checkCausalMemory(rw, causalOrder(rw)); // used by checkCausal(h, "CM")
 * ```
 */
export function checkCausalMemory(rw: RwHistory, co: CausalOrder & { acyclic: true }): CheckResult {
  for (const session of rw.sessions) {
    const last = session.at(-1);
    if (last === undefined) continue;
    const bad = checkProcess(rw, co, session, last);
    if (bad !== undefined) return bad;
  }
  return CONSISTENT;
}

function checkProcess(
  rw: RwHistory,
  co: CausalOrder & { acyclic: true },
  session: readonly number[],
  o: number,
) {
  const n = rw.ops.length;
  const inView = newBits(n);
  orInto(inView, co.past[o]!);
  setBit(inView, o);
  const pred = rw.ops.map((x) =>
    hasBit(inView, x.index) ? Uint32Array.from(co.past[x.index]!) : newBits(n),
  );
  const added = new Map<string, number>();
  const reads = session.filter((i) => rw.ops[i]!.kind === "read");
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of reads) {
      const w1 = rw.ops[r]!.reads[0];
      if (w1 === undefined) continue;
      for (const w2 of rw.writesByKey.get(rw.ops[r]!.key) ?? []) {
        if (w2 === w1 || !hasBit(pred[r]!, w2) || hasBit(pred[w1]!, w2)) continue;
        addEdge(pred, inView, n, w2, w1);
        added.set(`${w2}>${w1}`, r);
        changed = true;
      }
    }
  }
  const succ = viewEdges(co, inView, added);
  for (let v = 0; v < n; v++) {
    if (!hasBit(inView, v) || !hasBit(pred[v]!, v)) continue;
    const cycle = findCycle(succ) ?? [v];
    const summary = `${procOf(rw, o)} cannot order its view: its happens-before relation has a cycle`;
    return report(rw, "CyclicHB", summary, [...cycle, cycle[0]!], added);
  }
  for (const r of reads) {
    const read = rw.ops[r]!;
    if (read.reads.length > 0) continue;
    for (const w of rw.writesByKey.get(read.key) ?? []) {
      if (!hasBit(inView, w) || !hasBit(pred[r]!, w)) continue;
      const path = shortestPath(succ, w, r) ?? [w, r];
      const summary = `${label(rw, r)} returned the initial value, but in ${procOf(rw, o)}'s view ${label(rw, w)} happens before it`;
      return report(rw, "WriteHBInitRead", summary, path, added);
    }
  }
  return undefined;
}

/** Adds a → b to the transitive relation `pred` (pred[v] = nodes before v). */
function addEdge(pred: Uint32Array[], inView: Uint32Array, n: number, a: number, b: number): void {
  const before = Uint32Array.from(pred[a]!);
  setBit(before, a);
  for (let v = 0; v < n; v++) {
    if (hasBit(inView, v) && (v === b || hasBit(pred[v]!, b))) orInto(pred[v]!, before);
  }
}

function viewEdges(co: CausalOrder, inView: Uint32Array, added: Map<string, number>): number[][] {
  const succ = co.succ.map((out, u) => (hasBit(inView, u) ? out.filter((v) => hasBit(inView, v)) : []));
  for (const key of added.keys()) {
    const [a, b] = key.split(">").map(Number) as [number, number];
    succ[a]!.push(b);
  }
  return succ;
}

function report(rw: RwHistory, pattern: string, summary: string, path: number[], added: Map<string, number>) {
  const ops = [...path];
  const details: string[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const a = path[i]!;
    const b = path[i + 1]!;
    const r = added.get(`${a}>${b}`);
    if (r === undefined) {
      details.push(...coPathLines(rw, [a, b]));
    } else {
      ops.push(r);
      details.push(
        `${label(rw, r)} saw ${label(rw, a)} yet returned ${label(rw, b)}, so in this view ${label(rw, b)} comes later`,
      );
    }
  }
  const uniq = [...new Set(ops)].map((i) => rw.ops[i]!.op);
  return violation({ check: "causal consistency (CM)", pattern, summary, ops: uniq, details });
}

function procOf(rw: RwHistory, i: number): string {
  return processName(rw.ops[i]!.op.process);
}
