import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkCausal,
  checkSessionGuarantees,
  historyFromSessions,
  type OperationInput,
  sessionReport,
} from "../../src/consistency/index.js";

const w = (key: string, value: number): OperationInput => ({ f: "write", key, value });
const r = (key: string, value: unknown): OperationInput => ({ f: "read", key, value });

describe("checkSessionGuarantees on registers", () => {
  it("RYW: a session must read its own write (not the initial value)", () => {
    const h = historyFromSessions({ a: [w("x", 1), r("x", null)] });
    const res = checkSessionGuarantees(h, { guarantees: ["RYW"] });
    expect(res.ok ? "" : res.explanation.pattern).toBe("RYW");
    expect(checkSessionGuarantees(h, { guarantees: ["MR", "MW", "WFR"] }).ok).toBe(true);
  });

  it("MR: after seeing a write, a later read cannot return an older one", () => {
    const h = historyFromSessions({ a: [w("x", 1), w("x", 2)], b: [r("x", 2), r("x", 1)] });
    const mr = checkSessionGuarantees(h, { guarantees: ["MR"] });
    expect(mr.ok).toBe(true); // MR alone: w1 may be ordered after w2
    const both = checkSessionGuarantees(h, { guarantees: ["MR", "MW"] });
    expect(both.ok ? "" : both.explanation.pattern).toBe("MR+MW");
  });

  it("MW: whoever sees a write sees its session predecessors (grow-set)", () => {
    const add = (value: number): OperationInput => ({ f: "add", key: "x", value });
    const h = historyFromSessions({ a: [add(1), add(2)], b: [r("x", [2])] });
    const res = checkSessionGuarantees(h, { guarantees: ["MW"], datatype: "grow-set" });
    expect(res.ok ? "" : res.explanation.summary).toBe(
      "read(x) -> [2] by b does not show add(x, 1) by a (required by MW)",
    );
    expect(checkSessionGuarantees(h, { guarantees: ["RYW", "MR", "WFR"], datatype: "grow-set" }).ok).toBe(
      true,
    );
  });

  it("MW alone cannot be broken by one register session here: a later read may use another server", () => {
    const h = historyFromSessions({ a: [w("x", 1), w("x", 2)], c: [r("x", 2), r("x", 1)] });
    expect(checkSessionGuarantees(h, { guarantees: ["MW"] }).ok).toBe(true);
  });

  it("always rejects reads of unwritten values and of the session's own future", () => {
    const thin = checkSessionGuarantees(historyFromSessions({ a: [r("x", 3)] }), { guarantees: [] });
    expect(thin.ok ? "" : thin.explanation.pattern).toBe("ThinAirRead");
  });

  it("a history from one serial store satisfies all guarantees and causal consistency", () => {
    const step = fc.record({ session: fc.nat(2), write: fc.boolean(), key: fc.constantFrom("x", "y") });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const store: Record<string, number | null> = { x: null, y: null };
        const sessions: Record<string, OperationInput[]> = {};
        steps.forEach((s, i) => {
          const list = (sessions[`s${s.session}`] ??= []);
          if (s.write) {
            store[s.key] = i + 1;
            list.push(w(s.key, i + 1));
          } else {
            list.push(r(s.key, store[s.key]));
          }
        });
        const h = historyFromSessions(sessions);
        expect(sessionReport(h).all.ok).toBe(true);
        expect(checkCausal(h, "CCv").ok).toBe(true);
      }),
    );
  });
});
