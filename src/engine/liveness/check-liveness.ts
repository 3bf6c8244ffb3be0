/**
 * Checks the liveness properties on the explored state graph, after a complete search. For
 * each property it sets up where a counterexample may run (see the table below), finds the SCCs
 * of that subgraph that admit a fair cycle (fair-scc.ts), and builds the shortest lasso into one
 * of them (lasso.ts), replayed into a trace with `loopsBackTo` set.
 *
 * | property        | prefix          | cycle stays in | cycle must visit |
 * |-----------------|-----------------|----------------|------------------|
 * | eventually p    | only ¬p states  | ¬p             | —                |
 * | □◇p             | anywhere        | ¬p             | —                |
 * | p ~> q          | anywhere to p∧¬q, then ¬q | ¬q   | —                |
 * | ◇□p             | anywhere        | anywhere       | a ¬p state       |
 */

import { SpecError } from "../../errors.js";
import { describeLiveness } from "../../spec/liveness.js";
import type { Model, NamedLiveness } from "../../spec/model.js";
import { INIT_ACTION, type Trace, type TraceStep } from "../../trace/trace.js";
import type { Explorer } from "../explorer.js";
import { NONDETERMINISM_HINT } from "../rebuild.js";
import type { Violation } from "../result.js";
import { stepAction, stepArgIndex } from "../step-code.js";
import { fairComponents } from "./fair-scc.js";
import { buildCycle, findPrefix, type LassoProblem } from "./lasso.js";
import type { StateGraph } from "./state-graph.js";

/** Bit of predicate p (and q, for leadsTo) of property j in the graph's per-state bits. */
export const pBit = (j: number) => 1 << (2 * j);
export const qBit = (j: number) => 1 << (2 * j + 1);

/** Evaluates the liveness predicates of a state into bits (two per property). */
export function livenessBits<S>(props: readonly NamedLiveness<S>[], state: S): number {
  let bits = 0;
  for (let j = 0; j < props.length; j++) {
    const prop = props[j]!;
    if (prop.p(state)) bits |= pBit(j);
    if (prop.q?.(state)) bits |= qBit(j);
  }
  return bits;
}

function problemFor(graph: StateGraph, j: number, kind: NamedLiveness<unknown>["kind"], inits: number[]) {
  const p = (n: number) => (graph.bitsOf(n) & pBit(j)) !== 0;
  const q = (n: number) => (graph.bitsOf(n) & qBit(j)) !== 0;
  switch (kind) {
    case "eventually":
      return {
        sources: inits.filter((n) => !p(n)),
        sourcesInside: true,
        start: () => false,
        allowed: (n: number) => !p(n),
      };
    case "alwaysEventually":
      return { sources: inits, sourcesInside: false, start: () => true, allowed: (n: number) => !p(n) };
    case "leadsTo":
      return {
        sources: inits,
        sourcesInside: false,
        start: (n: number) => p(n) && !q(n),
        allowed: (n: number) => !q(n),
      };
    case "eventuallyAlways":
      return {
        sources: inits,
        sourcesInside: false,
        start: () => true,
        allowed: () => true,
        accept: (n: number) => !p(n),
      };
  }
}

/** Replays a path of edges from initial state `source` into a trace, checking fingerprints. */
function replayPath<S>(
  explorer: Explorer<S>,
  graph: StateGraph,
  source: number,
  edges: readonly number[],
): Trace<S> {
  const { model, set, hasher } = explorer;
  const initIndex = set.step(source);
  let state = model.initialStates[initIndex] as S;
  const steps: TraceStep<S>[] = [
    { action: INIT_ACTION, arg: undefined, argIndex: initIndex, label: "initial state", state },
  ];
  for (const e of edges) {
    const code = graph.step(e);
    const a = stepAction(code);
    const i = stepArgIndex(code);
    const arg = model.args(a, state)[i];
    state = model.apply(a, state, arg);
    hasher.hash(state);
    const t = graph.target(e);
    if (hasher.hi !== set.hi(t) || hasher.lo !== set.lo(t))
      throw new SpecError(
        "SPC-S004",
        `spec "${model.name}": replaying a liveness counterexample reached a different state; ${NONDETERMINISM_HINT}`,
      );
    steps.push({ action: model.actionNames[a]!, arg, argIndex: i, label: model.describeStep(a, arg), state });
  }
  return { spec: model.name, params: model.params, bug: model.bug, steps };
}

function message(prop: NamedLiveness<unknown>, trace: Trace, stops: boolean): string {
  const k = trace.loopsBackTo ?? 0;
  const what = describeLiveness(prop.kind);
  if (stops)
    return `${what} property ${prop.name} is violated: the run stops at step ${k} and never satisfies it`;
  const n = trace.steps.length - 1;
  if (n === k)
    return `${what} property ${prop.name} is violated: after ${k} steps the system may stutter forever (no fairness forces a step)`;
  return `${what} property ${prop.name} is violated by a fair cycle: steps ${k + 1}..${n} repeat forever (back to step ${k})`;
}

/** Checks every liveness property of the model; returns one violation per violated property. */
export function checkLiveness<S>(
  explorer: Explorer<S>,
  graph: StateGraph,
  wholeKey: Int32Array,
): Violation[] {
  const model: Model<S> = explorer.model;
  const n = explorer.set.size;
  const inits: number[] = [];
  for (let i = 0; i < n; i++) if (explorer.set.parent(i) < 0) inits.push(i);
  const out: Violation[] = [];
  explorer.liveness.forEach((prop, j) => {
    const prob = problemFor(graph, j, prop.kind, inits);
    const inSub = new Int32Array(n);
    const nodes: number[] = [];
    for (let v = 0; v < n; v++)
      if (prob.allowed(v)) {
        inSub[v] = 1;
        nodes.push(v);
      }
    const comps = fairComponents(
      graph,
      nodes,
      inSub,
      1,
      model.fairness,
      wholeKey,
      "accept" in prob ? prob.accept : undefined,
    );
    if (comps.length === 0) return;
    const goodComp = new Int32Array(n).fill(-1);
    comps.forEach((c, ci) => {
      for (const v of c.nodes) goodComp[v] = ci;
    });
    const problem: LassoProblem = { ...prob, goodComp };
    const prefix = findPrefix(graph, n, problem);
    if (!prefix) return;
    const cycle = buildCycle(graph, n, comps[goodComp[prefix.entry]!]!, prefix.entry);
    const trace = {
      ...replayPath(explorer, graph, prefix.source, [...prefix.edges, ...cycle]),
      loopsBackTo: prefix.edges.length,
    };
    const stops = cycle.length === 0 && graph.isTerminal(prefix.entry);
    out.push({
      property: prop.name,
      kind: "liveness",
      message: message(prop as NamedLiveness<unknown>, trace, stops),
      trace,
    });
  });
  return out;
}
