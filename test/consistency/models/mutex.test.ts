import { describe, expect, it } from "vitest";
import { historyFromOperations, mutexModel } from "../../../src/consistency/index.js";

const op = (f: string) => historyFromOperations([{ f }]).ops[0]!;

describe("mutexModel", () => {
  it("acquires only when free and releases only when held", () => {
    const m = mutexModel();
    expect(m.step(false, op("acquire"))).toEqual({ ok: true, state: true });
    expect(m.step(true, op("acquire")).ok).toBe(false);
    expect(m.step(true, op("release"))).toEqual({ ok: true, state: false });
    expect(m.step(false, op("release")).ok).toBe(false);
    expect(() => m.step(false, op("lock"))).toThrow(/acquire or release/);
  });
});
