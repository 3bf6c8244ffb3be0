import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkLinearizable,
  checkSequential,
  historyFromOperations,
  historyFromSessions,
  perKey,
  registerModel,
  type SequentialModel,
} from "../../src/consistency/index.js";
import { bruteForce, programOrder } from "./helpers.js";

const regs = perKey(registerModel({ initial: 0 }));

describe("checkSequential", () => {
  it("is not local: the store-buffer history fails although each key passes alone", () => {
    const h = historyFromSessions({
      p1: [
        { f: "write", key: "x", value: 1 },
        { f: "read", key: "y", value: 0 },
      ],
      p2: [
        { f: "write", key: "y", value: 1 },
        { f: "read", key: "x", value: 0 },
      ],
    });
    const r = checkSequential(h, regs);
    expect(r.verdict).toBe("violation");
    if (r.verdict === "violation") expect(r.explanation.ops).toHaveLength(4);
    for (const key of ["x", "y"]) {
      expect(checkSequential({ ...h, ops: h.ops.filter((o) => o.key === key) }, regs).ok).toBe(true);
    }
  });

  it("ignores real time (a read before the write it returns is SC, not linearizable)", () => {
    const h = historyFromOperations([
      { process: 0, f: "read", key: "x", result: 1, invoke: 0, complete: 1 },
      { process: 1, f: "write", key: "x", value: 1, invoke: 5, complete: 6 },
    ]);
    expect(checkSequential(h, regs).ok).toBe(true);
    expect(checkLinearizable(h, regs).ok).toBe(false);
  });

  it("may skip or place unknown operations", () => {
    const h = historyFromSessions({
      a: [{ f: "write", key: "x", value: 5, status: "unknown" }],
      b: [
        { f: "read", key: "x", value: 0 },
        { f: "read", key: "x", value: 5 },
      ],
    });
    expect(checkSequential(h, regs).ok).toBe(true);
  });

  it("lets an unknown operation take effect after its process's later operations, as linearizability does", () => {
    const h = historyFromSessions({
      a: [
        { f: "write", key: "x", value: 5, status: "unknown" },
        { f: "read", key: "x", value: 0 },
        { f: "read", key: "x", value: 5 },
      ],
    });
    expect(checkSequential(h, regs).ok).toBe(true);
    const before = historyFromSessions({
      a: [
        { f: "read", key: "x", value: 5 },
        { f: "write", key: "x", value: 5, status: "unknown" },
      ],
    });
    expect(checkSequential(before, regs).ok).toBe(false);
  });

  it("returns 'unknown' past its budget", () => {
    const sessions = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `p${i}`,
        [{ f: "write", key: "x", value: i, status: "unknown" as const }],
      ]),
    );
    const h = historyFromSessions({ ...sessions, r: [{ f: "read", key: "x", value: 99 }] });
    expect(checkSequential(h, regs, { maxConfigurations: 100 }).verdict).toBe("unknown");
  });

  it("agrees with brute force on random session histories", () => {
    const op = fc.record({
      f: fc.constantFrom("read", "write"),
      key: fc.constantFrom("x", "y"),
      value: fc.nat(2),
      status: fc.constantFrom("ok", "ok", "unknown"),
    });
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 3 }), { maxLength: 3 }), (lists) => {
        const h = historyFromSessions(
          Object.fromEntries(
            lists.map((l, i) => [
              `p${i}`,
              l.map((o) => ({ ...o, status: o.f === "read" ? "ok" : (o.status as "ok" | "unknown") })),
            ]),
          ),
        );
        expect(checkSequential(h, regs).ok).toBe(
          bruteForce(h.ops, regs as SequentialModel<unknown>, programOrder),
        );
      }),
      { numRuns: 300 },
    );
  });
});
