import { describe, expect, it } from "vitest";
import { type ActorHistoryEvent, defineActors, historyOf } from "../../src/actors/index.js";
import { historyFromEvents } from "../../src/consistency/history.js";
import { compileSpec } from "../../src/index.js";

type Msg = { type: "Write"; value: number } | { type: "WriteOk" };

/** c1 writes 7 to a register at n1; n1 stores it and acknowledges. */
const register = defineActors({
  name: "register",
  messages: {} as Msg,
  history: true,
  nodes: {
    server: {
      count: 1,
      prefix: "n",
      init: () => ({ value: 0 }),
      onMessage: {
        Write: (s, m, ctx) => {
          s.value = m.value;
          ctx.send(ctx.from, { type: "WriteOk" });
        },
      },
    },
    client: {
      count: 1,
      init: () => ({ pending: false }),
      onStart: (s, ctx) => {
        s.pending = true;
        ctx.invoke({ f: "write", key: "x", value: 7 });
        ctx.send("n1", { type: "Write", value: 7 });
      },
      onMessage: {
        WriteOk: (s, _m, ctx) => {
          s.pending = false;
          ctx.complete("ok"); // f, key and value default to nothing but f is filled in
        },
      },
    },
  },
});

/** Applies steps given as action names (first argument) or [action, argument]. */
function run(steps: (string | [string, unknown])[], params = {}) {
  const model = compileSpec(register, { params });
  let s = model.initialStates[0]!;
  for (const step of steps) {
    const [name, arg] = typeof step === "string" ? [step, undefined] : step;
    const a = model.actionNames.indexOf(name);
    s = model.apply(a, s, arg ?? model.args(a, s)[0]);
  }
  return s;
}

describe("the history of client operations", () => {
  it("records invocations and completions, with the operation filled in from the open invoke", () => {
    const s = run(["deliver", "deliver"]);
    expect(historyOf(s)).toEqual([
      { type: "invoke", process: "c1", f: "write", key: "x", value: 7 },
      { type: "ok", process: "c1", f: "write" },
    ]);
  });

  it("completes a crashed client's open operation as info, so it may invoke again", () => {
    const s = run(
      [
        ["crash", "c1"],
        ["restart", "c1"],
      ],
      { maxCrashes: 1 },
    );
    const events: readonly ActorHistoryEvent[] = historyOf(s);
    expect(events.map((e) => e.type)).toEqual(["invoke", "info", "invoke"]);
    const h = historyFromEvents(events);
    expect(h.ops.map((o) => o.status)).toEqual(["unknown", "unknown"]);
  });

  it("is empty, and absent from the state, when the spec does not record one", () => {
    const spec = defineActors({ name: "quiet", nodes: { a: { count: 1, init: () => ({}) } } });
    const init = compileSpec(spec).initialStates[0]!;
    expect(init.history).toBeUndefined();
    expect(historyOf(init)).toEqual([]);
  });
});
