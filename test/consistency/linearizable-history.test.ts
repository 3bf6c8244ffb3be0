import { describe, expect, it } from "vitest";
import { type HistoryEvent, linearizableHistory, registerModel } from "../../src/index.js";

const ev = (process: string, type: HistoryEvent["type"], f: string, value: unknown): HistoryEvent => ({
  process,
  type,
  f,
  value,
});

describe("linearizableHistory", () => {
  const linearizable = linearizableHistory(registerModel({ initial: 0 }));

  it("accepts a read of the completed write and rejects a stale one", () => {
    const write = [ev("w", "invoke", "write", 1), ev("w", "ok", "write", 1)];
    expect(linearizable([...write, ev("r", "invoke", "read", null), ev("r", "ok", "read", 1)])).toBe(true);
    expect(linearizable([...write, ev("r", "invoke", "read", null), ev("r", "ok", "read", 0)])).toBe(false);
  });

  it("remembers the verdict per history array (states are frozen, so an array never changes)", () => {
    const h: HistoryEvent[] = [ev("r", "invoke", "read", null), ev("r", "ok", "read", 7)];
    expect(linearizable(h)).toBe(false);
    h[1] = ev("r", "ok", "read", 0); // now linearizable, but this array was already judged
    expect(linearizable(h)).toBe(false);
    expect(linearizable([...h])).toBe(true);
  });
});
