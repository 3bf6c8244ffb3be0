import { describe, expect, it } from "vitest";
import { checkLinearizable, defineModel, historyFromOperations } from "../../../src/consistency/index.js";

describe("defineModel (user-supplied models)", () => {
  it("builds a model from init and step that the checkers accept", () => {
    const counter = defineModel(
      "counter",
      () => 0,
      (n, op) =>
        op.f === "inc"
          ? { ok: true, state: n + 1 }
          : { ok: op.result === undefined || op.result === n, state: n },
    );
    const h = historyFromOperations([
      { process: 0, f: "inc", invoke: 0, complete: 10 },
      { process: 1, f: "get", result: 1, invoke: 2, complete: 3 },
    ]);
    expect(checkLinearizable(h, counter).ok).toBe(true);
    const late = historyFromOperations([
      { process: 0, f: "inc", invoke: 0, complete: 1 },
      { process: 1, f: "get", result: 0, invoke: 2, complete: 3 },
    ]);
    expect(checkLinearizable(late, counter).ok).toBe(false);
  });
});
