import { describe, expect, it } from "vitest";
import pingPong from "../../specs/ping-pong.js";
import { check, defineSpec, each, type Trace } from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

describe("ping-pong", () => {
  it("holds with 677 distinct states at its defaults (2 pings, 2 tries, 1 drop, 1 crash)", async () => {
    const r = await check(pingPong);
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(677);
    expect(r.witnesses.map((w) => [w.name, w.reached])).toEqual([
      ["allAcked", true],
      ["retried", true],
      ["lossMasked", true],
      ["crashSurvived", true],
    ]);
  });

  it.each([
    [{ network: "ordered" }, 428],
    [{ maxPartitions: 1 }, 2031],
    [{ maxDuplicates: 1 }, 2442],
    [{ maxCrashes: 2 }, 3778],
    [{ pings: 3 }, 3012],
  ])("holds under %o (%i states)", async (params, states) => {
    const r = await check(pingPong, { params });
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(states);
  });

  it("catches countEveryPong: a retried ping's second pong is counted", async () => {
    const r = await check(pingPong, { bug: "countEveryPong" });
    expect(r.result).toBe("violation");
    expect(r.violations.map((v) => v.property)).toContain("ackedBounded");
    expect(labels(r.violations[0]?.trace)).toEqual([
      "deliver Ping(seq 1) p1 -> q1",
      "timer retry fires at p1",
      "deliver Ping(seq 1) p1 -> q1",
      "deliver Pong(seq 1) q1 -> p1",
      "deliver Pong(seq 1) q1 -> p1",
    ]);
  });

  it("catches forgetAcked: after a crash, ping 1 completes a second time", async () => {
    const r = await check(pingPong, { bug: "forgetAcked" });
    expect(r.result).toBe("violation");
    expect(r.violations.map((v) => v.property)).toEqual(["okOnce"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "deliver Ping(seq 1) p1 -> q1",
      "deliver Pong(seq 1) q1 -> p1",
      "crash p1",
      "restart p1",
      "deliver Ping(seq 1) p1 -> q1",
      "deliver Pong(seq 1) q1 -> p1",
    ]);
  });

  it("catches byzantinePonger: a forged pong acks a ping the ponger never saw", async () => {
    const r = await check(pingPong, { bug: "byzantinePonger" });
    expect(r.result).toBe("violation");
    expect(r.violations.map((v) => v.property)).toEqual(["acksAreGenuine"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "byzantine send Pong(seq 1) q1 -> p1",
      "deliver Pong(seq 1) q1 -> p1",
    ]);
  });

  it("catches every bug preset with the property it names", async () => {
    for (const [bug, preset] of Object.entries(pingPong.definition.bugs ?? {})) {
      const r = await check(pingPong, { bug });
      expect(
        r.violations.map((v) => v.property),
        bug,
      ).toContain(preset.violates);
    }
  });

  it("answers every ping only under fairness of restarts, and only while tries outnumber losses", async () => {
    const unfair = defineSpec({
      ...pingPong.definition,
      fairness: { weak: [each("deliver"), "timer", "heal"] },
    });
    const stuck = await check(unfair);
    expect(stuck.violations.map((v) => v.property)).toEqual(["everyPingAnswered"]);
    expect(labels(stuck.violations[0]?.trace).at(-1)).toBe("crash p1");
    const twoLosses = await check(pingPong, { params: { maxDrops: 2 } });
    expect(twoLosses.violations.map((v) => v.property)).toEqual(["everyPingAnswered"]);
    const threeTries = await check(pingPong, { params: { maxDrops: 2, tries: 3 } });
    expect([threeTries.result, threeTries.distinctStates]).toEqual(["ok", 4419]);
  });
});
