/**
 * Session guarantees (Terry et al., PDIS 1994): read-your-writes (RYW), monotonic reads (MR),
 * monotonic writes (MW) and writes-follow-reads (WFR), each selectable, on differentiated
 * register, grow-set or list-append histories. The check (polynomial) computes each read's
 * least forced visibility (session-visibility.ts) and fails when
 *
 * 1. a read misses a write to its key that it must see (sets and lists), or returned the initial
 *    value although such a write is in view (registers); or
 * 2. the write orders forced per key form a cycle: a register read that returned w1 while w2 is
 *    in view orders w2 before w1, a list read orders its elements, and MW/WFR order a write after
 *    the writes that must accompany it.
 *
 * Two anomalies fail under any selection, because no server could produce them: a read of a
 * value nobody wrote, and a read of a write its own session issues later. Violations say which
 * guarantees forced the offending visibility, since some anomalies need two together (the
 * writes-follow-reads example of jepsen-causal-consistency needs WFR and MR).
 */

import { datatypeHint } from "./causal.js";
import { label } from "./causal-order.js";
import { findCycle } from "./graph.js";
import type { History } from "./history.js";
import { type CheckResult, CONSISTENT, violation } from "./result.js";
import { type RwDatatype, type RwHistory, toRwHistory } from "./rw-history.js";
import { derivation, leastVisibility, type SessionGuarantee, type Visibility } from "./session-visibility.js";
import { formatValue } from "./values.js";

/** All four guarantees, in Terry et al.'s order. */
export const SESSION_GUARANTEES: readonly SessionGuarantee[] = ["RYW", "MR", "WFR", "MW"];

/** Options of `checkSessionGuarantees`. */
export interface SessionOptions {
  /** Which guarantees to require; default all four. */
  readonly guarantees?: readonly SessionGuarantee[] | undefined;
  /** How reads are interpreted; default "register" (or the history's `datatype` hint). */
  readonly datatype?: RwDatatype | undefined;
}

/**
 * Checks the selected session guarantees.
 *
 * @example
 * ```ts
 * const r = checkSessionGuarantees(h, { guarantees: ["MR", "WFR"], datatype: "grow-set" });
 * if (!r.ok) r.explanation.pattern; // e.g. "MR+WFR"
 * ```
 */
export function checkSessionGuarantees(history: History, options: SessionOptions = {}): CheckResult {
  const rw = toRwHistory(history, options.datatype ?? datatypeHint(history));
  const on = new Set(options.guarantees ?? SESSION_GUARANTEES);
  return impossibleRead(rw) ?? missingOrInitRead(rw, on) ?? writeOrderCycle(rw, on) ?? CONSISTENT;
}

/** Per-guarantee verdicts plus the verdict for all four together. */
export interface SessionReport {
  readonly each: Readonly<Record<SessionGuarantee, CheckResult>>;
  readonly all: CheckResult;
}

/**
 * Checks each guarantee alone and all four together, to show which combination fails.
 *
 * @example
 * ```ts
 * const rep = sessionReport(h, { datatype: "grow-set" });
 * rep.each.MR.ok; // true, while rep.all.ok is false: the anomaly needs two guarantees
 * ```
 */
export function sessionReport(
  history: History,
  options: Omit<SessionOptions, "guarantees"> = {},
): SessionReport {
  const each = {} as Record<SessionGuarantee, CheckResult>;
  for (const g of SESSION_GUARANTEES)
    each[g] = checkSessionGuarantees(history, { ...options, guarantees: [g] });
  return { each, all: checkSessionGuarantees(history, options) };
}

function fail(rw: RwHistory, pattern: string, summary: string, ops: number[], details: string[]) {
  const list = [...new Set(ops)].map((i) => rw.ops[i]!.op);
  return violation({ check: "session guarantees", pattern, summary, ops: list, details });
}

function impossibleRead(rw: RwHistory): CheckResult | undefined {
  const thin = rw.thinAir[0];
  if (thin !== undefined) {
    return fail(
      rw,
      "ThinAirRead",
      `${label(rw, thin.read)} returned ${formatValue(thin.value)}, which nobody wrote`,
      [thin.read],
      [],
    );
  }
  for (const r of rw.ops) {
    for (const w of r.reads) {
      const o = rw.ops[w]!;
      if (o.session !== r.session || o.pos < r.pos) continue;
      const summary = `${label(rw, r.index)} returned ${label(rw, w)}, which its own session issues later`;
      return fail(rw, "ReadFromOwnFuture", summary, [r.index, w], []);
    }
  }
  return undefined;
}

function missingOrInitRead(rw: RwHistory, on: ReadonlySet<SessionGuarantee>): CheckResult | undefined {
  for (const r of rw.ops) {
    if (r.kind !== "read") continue;
    const vis = leastVisibility(rw, r.index, on);
    const seen = new Set(r.reads);
    const register = rw.datatype === "register";
    if (register && r.reads.length > 0) continue;
    const w = vis.writes.find((x) => rw.ops[x]!.key === r.key && !seen.has(x));
    if (w === undefined) continue;
    const chain = derivation(vis, w);
    const rules = rulesOf(chain.map((c) => c.step.rule));
    const what = register ? "returned the initial value although it must see" : "does not show";
    const summary = `${label(rw, r.index)} ${what} ${label(rw, w)} (required by ${rules.join(" + ")})`;
    return fail(rw, rules.join("+"), summary, [r.index, ...chainOps(chain)], chainLines(rw, chain));
  }
  return undefined;
}

interface OrderEdge {
  readonly rules: readonly string[];
  readonly ops: readonly number[];
  readonly line: string;
}

function writeOrderCycle(rw: RwHistory, on: ReadonlySet<SessionGuarantee>): CheckResult | undefined {
  const succ: number[][] = rw.ops.map(() => []);
  const edges = new Map<string, OrderEdge>();
  const addEdge = (a: number, b: number, e: OrderEdge) => {
    if (a === b || edges.has(`${a}>${b}`)) return;
    succ[a]!.push(b);
    edges.set(`${a}>${b}`, e);
  };
  for (const r of rw.ops) {
    if (r.kind !== "read" || r.reads.length === 0) continue;
    if (rw.datatype === "list-append") {
      for (let i = 0; i + 1 < r.reads.length; i++) {
        const [a, b] = [r.reads[i]!, r.reads[i + 1]!];
        addEdge(a, b, {
          rules: [],
          ops: [r.index],
          line: `${label(rw, r.index)} lists ${label(rw, a)} before ${label(rw, b)}`,
        });
      }
    }
    if (rw.datatype !== "register") continue;
    const w1 = r.reads[0]!;
    const vis = leastVisibility(rw, r.index, on);
    for (const w2 of vis.writes) {
      if (w2 === w1 || rw.ops[w2]!.key !== r.key) continue;
      const chain = derivation(vis, w2);
      const line = `${label(rw, r.index)} must see ${label(rw, w2)} yet returned ${label(rw, w1)}, so ${label(rw, w2)} is ordered first`;
      addEdge(w2, w1, { rules: chain.map((c) => c.step.rule), ops: [r.index, ...chainOps(chain)], line });
    }
  }
  addCompanionEdges(rw, on, addEdge);
  const cycle = findCycle(succ);
  if (cycle === undefined) return undefined;
  const used = cycle.map((a, i) => edges.get(`${a}>${cycle[(i + 1) % cycle.length]!}`)!);
  const rules = rulesOf(used.flatMap((e) => e.rules));
  const summary = `the write orders these operations force on key ${JSON.stringify(rw.ops[cycle[0]!]!.key)} form a cycle (required by ${rules.join(" + ") || "the reads alone"})`;
  return fail(
    rw,
    rules.join("+") || "WriteOrderCycle",
    summary,
    [...cycle, ...used.flatMap((e) => e.ops)],
    used.map((e) => e.line),
  );
}

/** MW and WFR: a write comes after the same-key writes that must accompany it. */
function addCompanionEdges(
  rw: RwHistory,
  on: ReadonlySet<SessionGuarantee>,
  addEdge: (a: number, b: number, e: OrderEdge) => void,
): void {
  if (!on.has("MW") && !on.has("WFR")) return;
  for (const w of rw.ops) {
    if (w.kind !== "write") continue;
    const deps: Visibility = leastVisibility(rw, w.index, on);
    for (const d of deps.writes) {
      if (rw.ops[d]!.key !== w.key) continue;
      const chain = derivation(deps, d);
      const rules = chain.map((c) => c.step.rule);
      const line = `${label(rw, w.index)} must be ordered after ${label(rw, d)} (${rulesOf(rules).join(" + ")})`;
      addEdge(d, w.index, { rules, ops: chainOps(chain), line });
    }
  }
}

function rulesOf(rules: readonly string[]): string[] {
  return SESSION_GUARANTEES.filter((g) => rules.includes(g));
}

function chainOps(chain: ReturnType<typeof derivation>): number[] {
  return chain.flatMap((c) => (c.step.via >= 0 ? [c.write, c.step.via] : [c.write]));
}

function chainLines(rw: RwHistory, chain: ReturnType<typeof derivation>): string[] {
  return chain.map(({ write, step }) => {
    const from = label(rw, step.from);
    const w = label(rw, write);
    switch (step.rule) {
      case "returned":
        return `${from} returned ${w}`;
      case "RYW":
        return `${from} follows ${w} in its session (RYW)`;
      case "MR":
        return `${from} follows ${label(rw, step.via)} in its session, which returned ${w} (MR)`;
      case "MW":
        return `${from} follows ${w} in its session, so wherever it is, ${w} is too (MW)`;
      default:
        return `${from} follows ${label(rw, step.via)} in its session, which returned ${w}, so wherever it is, ${w} is too (WFR)`;
    }
  });
}
