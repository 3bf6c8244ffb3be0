import { describe, expect, it } from "vitest";
import { historyFromOperations, type Operation, registerModel } from "../../../src/consistency/index.js";

const op = (f: string, value: unknown, result: unknown, status: Operation["status"] = "ok"): Operation =>
  historyFromOperations([{ f, value, result, status }]).ops[0]!;

describe("registerModel", () => {
  const m = registerModel({ initial: 0 });

  it("reads, writes and compare-and-sets", () => {
    expect(m.init()).toBe(0);
    expect(m.step(0, op("write", 3, 3))).toEqual({ ok: true, state: 3 });
    expect(m.step(3, op("read", null, 3)).ok).toBe(true);
    expect(m.step(3, op("read", null, 4)).ok).toBe(false);
    expect(m.step(3, op("cas", [3, 5], [3, 5]))).toEqual({ ok: true, state: 5 });
    expect(m.step(3, op("cas", [2, 5], [2, 5])).ok).toBe(false);
    expect(m.step(1, op("put", 2, 2)).state).toBe(2);
  });

  it("accepts any result for an unknown-outcome read, but a CAS still needs its compare", () => {
    expect(m.step(7, op("read", null, undefined, "unknown")).ok).toBe(true);
    expect(m.step(7, op("cas", [1, 2], undefined, "unknown")).ok).toBe(false);
  });

  it("matches nil reads against any state only with the Knossos convention", () => {
    expect(m.step(1, op("read", null, null)).ok).toBe(false);
    expect(registerModel({ nilReadMatchesAny: true }).step(1, op("read", null, null)).ok).toBe(true);
    expect(registerModel().init()).toBeNull();
  });

  it("rejects unknown operation kinds and malformed CAS values", () => {
    expect(() => m.step(0, op("incr", 1, 1))).toThrow(/no operation 'incr'/);
    expect(() => m.step(0, op("cas", 1, 1))).toThrow(/must be a pair/);
  });
});
