import { describe, expect, it } from "vitest";
import { defineModel, historyFromOperations, registerModel } from "../../../src/consistency/index.js";
import { CompiledModel, ILLEGAL_STEP } from "../../../src/consistency/search/compiled-model.js";

describe("CompiledModel", () => {
  const ops = historyFromOperations([
    { f: "write", value: 1 },
    { f: "read", result: 1 },
    { f: "read", result: 2 },
  ]).ops;

  it("interns states and caches transitions", () => {
    let steps = 0;
    const base = registerModel();
    const counting = defineModel("r", base.init, (s, op) => {
      steps++;
      return base.step(s, op);
    });
    const cm = new CompiledModel(counting, ops);
    const s1 = cm.next(cm.initId, 0);
    expect(cm.states[s1]).toBe(1);
    expect(cm.next(s1, 1)).toBe(s1);
    expect(cm.next(s1, 2)).toBe(ILLEGAL_STEP);
    for (let i = 0; i < 5; i++) cm.next(s1, 1);
    expect(steps).toBeLessThanOrEqual(5); // second visits hit the cache
    expect(cm.intern(1)).toBe(s1);
  });

  it("interns object states structurally, or with the model's equal/hash", () => {
    const cm = new CompiledModel(
      defineModel(
        "o",
        () => ({ a: [1] }),
        (s) => ({ ok: true, state: s }),
      ),
      ops,
    );
    expect(cm.intern({ a: [1] })).toBe(cm.initId);
    const mod = new CompiledModel(
      defineModel(
        "mod",
        () => 0,
        (s) => ({ ok: true, state: s }),
        { equal: (a, b) => a % 3 === b % 3, hash: (s) => s % 3 },
      ),
      ops,
    );
    expect(mod.intern(3)).toBe(mod.initId);
    expect(mod.intern(4)).not.toBe(mod.initId);
  });
});
