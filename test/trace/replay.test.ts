import { beforeAll, describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check } from "../../src/engine/check.js";
import { compileSpec, defineSpec, type Trace } from "../../src/index.js";
import { decodeItf } from "../../src/trace/itf-decode.js";
import { encodeItf } from "../../src/trace/itf-encode.js";
import { replayTrace } from "../../src/trace/replay.js";
import { dag } from "../engine/zoo.js";

const target = { property: "consistent", kind: "invariant" as const };
let recorded: Trace;

beforeAll(async () => {
  const r = await check(twoPhaseCommit, { bug: "commitEarly" });
  const v = r.violations[0]!;
  // Through ITF and back, as `specter replay` sees it.
  recorded = decodeItf(encodeItf(v.trace!, { version: "0", ...target }), "c.itf.json").trace;
});

const buggy = () => compileSpec(twoPhaseCommit, { params: recorded.params, bug: "commitEarly" });

function withStep(t: Trace, i: number, change: Partial<Trace["steps"][number]>): Trace {
  return { ...t, steps: t.steps.map((s, k) => (k === i ? { ...s, ...change } : s)) };
}

describe("replayTrace", () => {
  it("reproduces a real counterexample after an ITF round trip", () => {
    const r = replayTrace(buggy(), recorded, target);
    expect(r.verdict).toBe("reproduced");
    expect(r.message).toBe("reproduced: invariant consistent is violated after 5 steps, as recorded");
    expect(r.trace.steps.map((s) => s.label)).toEqual(recorded.steps.map((s) => s.label));
    expect(r.trace.steps[4]?.arg).toBe(1); // arguments come back from the model
  });

  it("against the fixed spec, says where the trace stops fitting", () => {
    const fixed = compileSpec(twoPhaseCommit, { params: { ...recorded.params, bug: "none" } });
    const r = replayTrace(fixed, recorded, target);
    expect(r.verdict).toBe("diverged");
    expect(r.divergence).toMatchObject({ step: 3, reason: "notEnabled" });
    expect(r.message).toMatch(/^step 3 \(tmCommit\): tmCommit is not enabled/);
    expect(r.trace.steps).toHaveLength(3);
  });

  it("says when every step fits but the property now holds", () => {
    const r = replayTrace(buggy(), recorded, { property: "typeOK", kind: "invariant" });
    expect(r.verdict).toBe("holds");
    expect(r.message).toMatch(/invariant typeOK holds after 5 steps: the violation no longer occurs/);
  });

  it("reports a tampered state at its step, with the difference and the usual causes", () => {
    const state = recorded.steps[4]!.state as { rm: string[] };
    const tampered = withStep(recorded, 4, { state: { ...state, rm: ["prepared", "aborted", "aborted"] } });
    const r = replayTrace(buggy(), tampered, target);
    expect(r.divergence).toMatchObject({ step: 4, reason: "stateMismatch" });
    expect(r.message).toContain(
      'step 4 (rmChooseToAbort(1)): replaying gives a different state than the one recorded: rm[2] was recorded as "aborted" but is "working"',
    );
    expect(r.message).toMatch(/Math\.random, Date\.now, module-level mutable state/);
    expect(r.message).toMatch(/or the spec, its params or its argument domains changed/);
  });

  it("reports an unknown action and an argument index out of range", () => {
    const unknown = replayTrace(buggy(), withStep(recorded, 2, { action: "tmReceive" }), target);
    expect(unknown.divergence).toMatchObject({ step: 2, reason: "unknownAction" });
    expect(unknown.message).toMatch(/no action "tmReceive" \(its actions: tmRcvPrepared, tmCommit/);
    const out = replayTrace(buggy(), withStep(recorded, 1, { argIndex: 7 }), target);
    expect(out.divergence).toMatchObject({ step: 1, reason: "argIndexOutOfRange" });
    expect(out.message).toMatch(/argument #7, but its `over` now gives 3 arguments/);
  });

  it("without a property, only checks that every step replays", () => {
    const r = replayTrace(buggy(), recorded);
    expect(r.verdict).toBe("replayed");
    expect(r.message).toBe("all 5 steps replay as recorded (no property to check)");
  });

  it("reports a missing initial state and an unknown property", () => {
    const init = replayTrace(buggy(), withStep(recorded, 0, { argIndex: 2 }), target);
    expect(init.divergence).toMatchObject({ step: 0, reason: "initialStateOutOfRange" });
    const prop = replayTrace(buggy(), recorded, { property: "atomic", kind: "invariant" });
    expect(prop.divergence).toMatchObject({ reason: "unknownProperty" });
    expect(prop.message).toMatch(
      /no invariant "atomic" \(its properties: typeOK, consistent, everyoneDecides\)/,
    );
  });

  it("names nondeterminism when the spec does something else on replay", () => {
    let calls = 0; // module-level mutable state: the classic cause
    const flaky = defineSpec({
      name: "flaky",
      init: () => ({ n: 0 }),
      actions: { step: { do: (d) => void (d.n = ++calls) } },
      invariants: { small: (s) => s.n < 1 },
    });
    const model = compileSpec(flaky);
    const first = model.apply(0, model.initialStates[0]!, undefined);
    const trace: Trace = {
      spec: "flaky",
      params: {},
      steps: [
        { action: "<init>", arg: undefined, argIndex: 0, label: "initial state", state: { n: 0 } },
        { action: "step", arg: undefined, argIndex: 0, label: "step", state: first },
      ],
    };
    const again = replayTrace(model, trace, { property: "small", kind: "invariant" });
    expect(again.divergence).toMatchObject({ step: 1, reason: "stateMismatch" });
    expect(again.message).toMatch(/n was recorded as 1 but is 2; the spec is probably nondeterministic/);
  });

  it("re-checks deadlock and action invariants on the last step", async () => {
    const d = await check(dag);
    const deadlock = replayTrace(compileSpec(dag), d.violations[0]!.trace!, {
      property: "deadlock",
      kind: "deadlock",
    });
    expect(deadlock.verdict).toBe("reproduced");
    const monotone = defineSpec({
      name: "monotone",
      init: () => ({ n: 0 }),
      actions: {
        up: { when: (s) => s.n < 2, do: (d) => void d.n++ },
        reset: { when: (s) => s.n === 2, do: (d) => void (d.n = 0) },
      },
      actionInvariants: { neverDecreases: (b, a) => a.n >= b.n },
      deadlock: false,
    });
    const m = await check(monotone);
    const v = m.violations[0]!;
    const replayed = replayTrace(compileSpec(monotone), v.trace!, { property: v.property, kind: v.kind });
    expect(replayed.verdict).toBe("reproduced");
    expect(replayed.message).toBe(
      "reproduced: action invariant neverDecreases is violated by step 3 after 3 steps, as recorded",
    );
  });
});
