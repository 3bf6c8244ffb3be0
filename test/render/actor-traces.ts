/**
 * Traces of actor specs for the sequence-view tests, written as scripts: each step is named by
 * its label (`drop Ping(seq 1) p1 -> q1`), and the model finds the action and argument that
 * give it. This reaches steps a shortest counterexample never takes (a drop, a partition and
 * its heal, a crash in the middle of a run) while every state stays a real one. A label may
 * skip its middle with "…": `deliver Note… n1 -> n3`.
 */

import type { Spec } from "../../src/spec/define-spec.js";
import { compileSpec } from "../../src/spec/model.js";
import type { ParamValue } from "../../src/spec/types.js";
import { INIT_ACTION, type Trace, type TraceStep } from "../../src/trace/trace.js";

function matches(label: string, pattern: string): boolean {
  const [head = "", tail] = pattern.split("…");
  return tail === undefined ? label === pattern : label.startsWith(head) && label.endsWith(tail);
}

/** Runs `script` (step labels, in order) from the first initial state of the compiled spec. */
export function scriptedTrace(
  spec: Spec,
  params: Readonly<Record<string, ParamValue>>,
  script: readonly string[],
): Trace {
  const model = compileSpec(spec, { params });
  let state = model.initialStates[0]!;
  const steps: TraceStep[] = [
    { action: INIT_ACTION, arg: undefined, argIndex: 0, label: "initial state", state },
  ];
  for (const label of script) {
    const offered: string[] = [];
    let next: TraceStep | undefined;
    model.actionNames.forEach((action, a) => {
      model.args(a, state).forEach((arg, argIndex) => {
        if (next || !model.enabled(a, state, arg)) return;
        const l = model.describeStep(a, arg);
        if (matches(l, label)) next = { action, arg, argIndex, label: l, state: model.apply(a, state, arg) };
        else offered.push(l);
      });
    });
    if (!next) throw new Error(`step "${label}" is not enabled; enabled: ${offered.join("; ")}`);
    steps.push(next);
    state = next.state;
  }
  return { spec: model.name, params: model.params, bug: model.bug, steps };
}
