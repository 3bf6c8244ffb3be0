import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkLinearizable,
  checkSequential,
  historyFromOperations,
  historyFromSessions,
  type Operation,
  registerModel,
  type SequentialModel,
} from "../../src/consistency/index.js";
import { bruteForce, realTime, timed } from "./helpers.js";

const reg = registerModel();

describe("checkLinearizable: unknown-outcome and failed operations", () => {
  it("an unknown write may take effect at any point after its invocation", () => {
    const h = timed(
      [0, "write", 1, undefined, 0, null],
      [1, "read", null, null, 1, 2],
      [1, "read", null, 1, 10, 11],
    );
    expect(checkLinearizable(h, reg).ok).toBe(true);
  });

  it("an unknown write may never take effect", () => {
    const h = timed(
      [0, "write", 1, undefined, 0, null],
      [1, "read", null, null, 5, 6],
      [1, "read", null, null, 20, 21],
    );
    expect(checkLinearizable(h, reg).ok).toBe(true);
  });

  it("an unknown write cannot take effect before it was invoked", () => {
    const h = timed([1, "read", null, 1, 0, 1], [0, "write", 1, undefined, 5, null]);
    expect(checkLinearizable(h, reg).ok).toBe(false);
  });

  it("an unknown write takes effect at most once", () => {
    const h = timed(
      [0, "write", 1, undefined, 0, null],
      [1, "write", 2, 2, 2, 3],
      [2, "read", null, 1, 4, 5],
      [2, "read", null, 2, 6, 7],
    );
    expect(checkLinearizable(h, reg).ok).toBe(false);
  });

  it("an unknown CAS whose compare never matches is fine: it may never happen", () => {
    const h = timed(
      [0, "cas", [7, 8], undefined, 0, null],
      [1, "write", 1, 1, 1, 2],
      [1, "read", null, 1, 3, 4],
    );
    expect(checkLinearizable(h, reg).ok).toBe(true);
  });

  it("a failed operation did not happen", () => {
    const h = historyFromOperations([
      { process: 0, f: "write", value: 1, status: "fail", invoke: 0, complete: 1 },
      { process: 1, f: "read", result: 1, invoke: 2, complete: 3 },
    ]);
    expect(checkLinearizable(h, reg).ok).toBe(false);
  });

  it("returns 'unknown' when the time or configuration budget runs out", () => {
    const writes = Array.from(
      { length: 24 },
      (_, i): [number, string, unknown, unknown, number, number | null] => [
        i,
        "write",
        i,
        undefined,
        i,
        null,
      ],
    );
    const h = timed(...writes, [99, "read", null, 99, 100, 101]);
    const budget = checkLinearizable(h, reg, { maxConfigurations: 1000 });
    expect(budget.verdict).toBe("unknown");
    if (budget.verdict === "unknown") expect(budget.reason).toMatch(/budget of 1000/);
    const time = checkLinearizable(h, reg, { timeoutMs: 1 });
    expect(time.verdict).toBe("unknown");
  });

  it("refuses histories without real time", () => {
    const h = historyFromSessions({ a: [{ f: "read", result: null }] });
    expect(() => checkLinearizable(h, reg)).toThrow(/no real-time order/);
  });

  it("explains with a minimal set and the longest order that works", () => {
    const h = timed(
      [0, "write", 1, 1, 0, 1],
      [1, "write", 2, 2, 2, 3],
      [2, "read", null, 1, 4, 5],
      [3, "read", null, 2, 0, 9],
    );
    const r = checkLinearizable(h, reg);
    expect(r.verdict).toBe("violation");
    if (r.verdict !== "violation") return;
    expect(r.explanation.ops.map((o) => [o.f, o.result])).toEqual([
      ["write", 1],
      ["write", 2],
      ["read", 1],
    ]);
    expect(r.explanation.minimal).toBe(true);
    expect(r.explanation.details[0]).toMatch(
      /^from the initial state nil, the longest order that works is: write\(1\), write\(2\)/,
    );
    expect(checkLinearizable(h, reg, { explain: false }).verdict).toBe("violation");
  });
});

/** A serial register run, then stretched into overlapping intervals around each linearization point. */
const serialHistory = fc
  .array(
    fc.record({
      f: fc.constantFrom("read", "write", "cas"),
      a: fc.nat(3),
      b: fc.nat(3),
      before: fc.nat(25),
      after: fc.nat(25),
      unknown: fc.boolean(),
    }),
    { maxLength: 9 },
  )
  .map((steps) => {
    let state: unknown = null;
    return steps.map((s, i): Parameters<typeof historyFromOperations>[0][number] => {
      const t = 30 * (i + 1);
      const times = { process: i, invoke: t - s.before, complete: t + s.after };
      if (s.f === "write") {
        state = s.a;
        return { ...times, f: "write", value: s.a, ...(s.unknown ? { status: "unknown" as const } : {}) };
      }
      if (s.f === "read") return { ...times, f: "read", result: state };
      const ok = state === s.a;
      if (ok) state = s.b;
      return { ...times, f: "cas", value: [s.a, s.b], status: ok ? "ok" : "fail" };
    });
  });

describe("checkLinearizable: properties", () => {
  it("a history made by running a register serially is linearizable", () => {
    fc.assert(
      fc.property(serialHistory, (ops) => {
        expect(checkLinearizable(historyFromOperations(ops), reg).ok).toBe(true);
      }),
    );
  });

  it("adding a read of a never-written value makes it not linearizable", () => {
    fc.assert(
      fc.property(serialHistory, fc.nat(300), (ops, t) => {
        const h = historyFromOperations([
          ...ops,
          { process: 99, f: "read", result: 42, invoke: t, complete: t + 1 },
        ]);
        expect(checkLinearizable(h, reg).ok).toBe(false);
      }),
    );
  });

  const randomOp = fc.record({
    process: fc.nat(3),
    f: fc.constantFrom("read", "write", "cas"),
    a: fc.nat(2),
    b: fc.nat(2),
    invoke: fc.nat(20),
    length: fc.nat(8),
    status: fc.constantFrom("ok", "ok", "ok", "unknown", "fail"),
  });
  const randomHistory = fc.array(randomOp, { maxLength: 6 }).map((xs) =>
    historyFromOperations(
      xs.map((x) => ({
        process: x.process,
        f: x.f,
        value: x.f === "cas" ? [x.a, x.b] : x.f === "write" ? x.a : null,
        result: x.f === "read" ? (x.b === 2 ? null : x.a) : x.f === "cas" ? [x.a, x.b] : x.a,
        status: x.status as Operation["status"],
        invoke: x.invoke,
        complete: x.invoke + x.length,
      })),
    ),
  );

  it("agrees with a brute-force search, and explanations fail on their own", () => {
    fc.assert(
      fc.property(randomHistory, (h) => {
        const r = checkLinearizable(h, reg);
        expect(r.ok).toBe(bruteForce(h.ops, reg as SequentialModel<unknown>, realTime));
        if (r.verdict === "violation") {
          expect(bruteForce(r.explanation.ops, reg as SequentialModel<unknown>, realTime)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("linearizable implies sequentially consistent for sequential processes", () => {
    fc.assert(
      fc.property(randomHistory, (h) => {
        // Each process waits for an ok operation before invoking the next; after an unknown
        // outcome it may go on (the operation may still take effect later, in both models).
        const live = h.ops.filter((o) => o.status !== "fail");
        const sequential = live.every((a) =>
          live.every(
            (b) =>
              a === b ||
              a.process !== b.process ||
              a.status !== "ok" ||
              b.invoke < a.invoke ||
              a.complete < b.invoke,
          ),
        );
        fc.pre(sequential);
        if (checkLinearizable(h, reg).ok) expect(checkSequential(h, reg).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
