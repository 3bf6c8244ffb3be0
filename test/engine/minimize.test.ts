import { describe, expect, it } from "vitest";
import { Explorer } from "../../src/engine/explorer.js";
import { minimizeTrace } from "../../src/engine/minimize.js";
import { resolveCheckOptions } from "../../src/engine/options.js";
import { defineSpec } from "../../src/index.js";
import { compileSpec } from "../../src/spec/model.js";
import { INIT_ACTION, type TraceStep } from "../../src/trace/trace.js";

interface Machine {
  up: boolean;
  n: number;
  noise: number;
}

/** A counter that must stay below 2; it only counts while up; crashes and restarts in between. */
const machine = defineSpec<Machine>({
  name: "machine",
  init: () => ({ up: true, n: 0, noise: 0 }),
  actions: {
    inc: { when: (s) => s.up, do: (d) => void (d.n += 1) },
    crash: { when: (s) => s.up, do: (d) => void (d.up = false) },
    restart: { when: (s) => !s.up, do: (d) => void (d.up = true) },
    noise: { do: (d) => void (d.noise += 1) },
  },
  invariants: { belowTwo: (s) => s.n < 2 },
});

/** Replays actions from the initial state into trace steps (no arguments in this spec). */
function traceOf(explorer: Explorer<Machine>, actions: readonly string[]) {
  const model = explorer.model;
  let state = model.initialStates[0] as Machine;
  const steps: TraceStep<Machine>[] = [
    { action: INIT_ACTION, arg: undefined, argIndex: 0, label: "initial state", state },
  ];
  for (const action of actions) {
    const a = model.actionNames.indexOf(action);
    state = model.apply(a, state, undefined);
    steps.push({ action, arg: undefined, argIndex: 0, label: action, state });
  }
  return { spec: "machine", params: {}, bug: undefined, steps };
}

describe("minimizeTrace", () => {
  const explorer = new Explorer(compileSpec(machine, {}), resolveCheckOptions({ strategy: "random" }));
  const actionsOf = (actions: string[]) =>
    minimizeTrace(explorer, traceOf(explorer, actions), "belowTwo", "invariant").steps.map((s) => s.action);

  it("deletes single steps while the same property stays violated", () => {
    expect(actionsOf(["noise", "inc", "noise", "noise", "inc"])).toEqual([INIT_ACTION, "inc", "inc"]);
  });

  it("deletes a crash and its restart together when neither can go alone", () => {
    // Without the crash the restart is not enabled; without the restart the second inc is not.
    expect(actionsOf(["inc", "crash", "noise", "restart", "inc"])).toEqual([INIT_ACTION, "inc", "inc"]);
  });

  it("cuts the steps after the violation", () => {
    expect(actionsOf(["inc", "inc", "noise", "crash"])).toEqual([INIT_ACTION, "inc", "inc"]);
  });
});
