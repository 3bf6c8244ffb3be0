import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CheckResult,
  checkCausal,
  checkSequential,
  historyFromSessions,
  type OperationInput,
  perKey,
  registerModel,
} from "../../src/consistency/index.js";

const pattern = (r: CheckResult) => (r.ok ? "ok" : r.explanation.pattern);
const w = (key: string, value: number): OperationInput => ({ f: "write", key, value });
const r = (key: string, value: unknown): OperationInput => ({ f: "read", key, value });

describe("checkCausal: register bad patterns", () => {
  it("ThinAirRead", () => {
    expect(pattern(checkCausal(historyFromSessions({ a: [r("x", 5)] })))).toBe("ThinAirRead");
  });

  it("CyclicCO", () => {
    const h = historyFromSessions({ a: [r("x", 1), w("y", 1)], b: [r("y", 1), w("x", 1)] });
    const res = checkCausal(h);
    expect(pattern(res)).toBe("CyclicCO");
    if (!res.ok) expect(res.explanation.ops).toHaveLength(4);
  });

  it("WriteCOInitRead", () => {
    const h = historyFromSessions({ a: [w("x", 1), w("y", 1)], b: [r("y", 1), r("x", null)] });
    const res = checkCausal(h);
    expect(pattern(res)).toBe("WriteCOInitRead");
    if (!res.ok) expect(res.explanation.details).toHaveLength(3);
  });

  it("WriteCORead", () => {
    const h = historyFromSessions({ a: [w("x", 1), w("x", 2)], b: [r("x", 2), r("x", 1)] });
    expect(pattern(checkCausal(h))).toBe("WriteCORead");
  });

  it("CyclicCF only breaks CCv; CyclicHB only breaks CM", () => {
    const a = historyFromSessions({ p1: [w("x", 1), r("x", 2)], p2: [w("x", 2), r("x", 1)] });
    expect([
      pattern(checkCausal(a, "CC")),
      pattern(checkCausal(a, "CM")),
      pattern(checkCausal(a, "CCv")),
    ]).toEqual(["ok", "ok", "CyclicCF"]);
  });

  it("takes the datatype from the history's hint and refuses CM/CCv on sets", () => {
    const h = historyFromSessions(
      { a: [{ f: "add", key: "x", value: 1 }, r("x", [])] },
      { hints: { datatype: "grow-set" } },
    );
    expect(pattern(checkCausal(h))).toBe("WriteCOMissingRead");
    expect(() => checkCausal(h, "CM")).toThrow(/registers only/);
  });

  it("orders list elements causally", () => {
    const h = historyFromSessions(
      {
        a: [
          { f: "append", key: "x", value: 1 },
          { f: "append", key: "x", value: 2 },
        ],
        b: [r("x", [2, 1])],
      },
      { hints: { datatype: "list-append" } },
    );
    expect(pattern(checkCausal(h))).toBe("CausalOrderInRead");
  });
});

describe("checkCausal: properties", () => {
  // Differentiated register sessions: each write has a unique value; reads pick any written value or nil.
  const sessions = fc
    .array(
      fc.array(fc.record({ write: fc.boolean(), key: fc.constantFrom("x", "y"), pick: fc.nat(20) }), {
        maxLength: 4,
      }),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((lists) => {
      let next = 1;
      const written: Record<string, number[]> = { x: [], y: [] };
      const shaped = lists.map((l) => l.map((o) => (o.write ? { ...o, value: next++ } : { ...o, value: 0 })));
      for (const l of shaped) for (const o of l) if (o.write) written[o.key]!.push(o.value);
      return Object.fromEntries(
        shaped.map((l, i) => [
          `p${i}`,
          l.map((o): OperationInput => {
            if (o.write) return w(o.key, o.value);
            const options = written[o.key]!;
            return r(
              o.key,
              o.pick % (options.length + 1) === 0 ? null : options[(o.pick % (options.length + 1)) - 1],
            );
          }),
        ]),
      );
    });

  it("SC implies CC, CM and CCv; CM and CCv each imply CC", () => {
    fc.assert(
      fc.property(sessions, (s) => {
        const h = historyFromSessions(s);
        const [cc, cm, ccv] = (["CC", "CM", "CCv"] as const).map((m) => checkCausal(h, m).ok);
        if (checkSequential(h, perKey(registerModel())).ok) expect([cc, cm, ccv]).toEqual([true, true, true]);
        if (cm || ccv) expect(cc).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
