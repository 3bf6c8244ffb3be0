import { describe, expect, it } from "vitest";
import { historyFromOperations, multiRegisterModel } from "../../../src/consistency/index.js";

const txn = (micro: unknown[], status: "ok" | "unknown" = "ok") =>
  historyFromOperations([{ f: "txn", value: micro, result: micro, status }]).ops[0]!;

describe("multiRegisterModel", () => {
  const m = multiRegisterModel({ x: 0, y: 0 });
  it("applies transactions atomically", () => {
    const s = m.step(
      m.init(),
      txn([
        ["write", "x", 1],
        ["read", "x", 1],
        ["read", "y", 0],
      ]),
    );
    expect(s).toEqual({ ok: true, state: { x: 1, y: 0 } });
    expect(m.step(s.state, txn([["read", "x", 0]])).ok).toBe(false);
    expect(m.step(s.state, txn([["read", "x", null]])).ok).toBe(true);
  });
  it("rejects malformed transactions", () => {
    expect(() => m.step(m.init(), txn([["incr", "x", 1]]))).toThrow(/read k v/);
  });
});
