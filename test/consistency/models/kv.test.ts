import { describe, expect, it } from "vitest";
import { historyFromOperations, kvModel } from "../../../src/consistency/index.js";

const op = (f: string, value: unknown, result: unknown = value) =>
  historyFromOperations([{ f, key: "k", value, result }]).ops[0]!;

describe("kvModel", () => {
  const m = kvModel();
  const s = (text: string) => m.step(m.init(), op("put", text)).state;

  it("gets, puts and appends on one key's string", () => {
    expect(String(m.init())).toBe("");
    expect(String(m.step(s("ab"), op("append", "c")).state)).toBe("abc");
    expect(String(m.step(s("ab"), op("put", "z")).state)).toBe("z");
    expect(m.step(s("ab"), op("get", null, "ab")).ok).toBe(true);
    expect(m.step(s("ab"), op("get", null, "a")).ok).toBe(false);
    const unknownGet = historyFromOperations([{ f: "get", key: "k", status: "unknown" }]).ops[0]!;
    expect(m.step(s("ab"), unknownGet).ok).toBe(true);
    expect(() => m.step(s(""), op("cas", 1))).toThrow(/kv model has no operation 'cas'/);
  });

  it("gives equal contents the same state, whatever the path", () => {
    const viaAppend = m.step(s("a"), op("append", "bc")).state;
    expect(viaAppend).toBe(s("abc"));
    expect(m.describeState!(viaAppend)).toBe('"abc"');
    expect(kvModel("x").init().toString()).toBe("x");
  });
});
