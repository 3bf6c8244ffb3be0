import { describe, expect, it } from "vitest";
import sessionConsistency from "../../specs/session-consistency.js";
import { check, historyFromEvents, sessionReport, type Trace } from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

const GUARANTEES = ["readYourWrites", "monotonicReads", "monotonicWrites", "writesFollowReads"];

// Pinned counts: the checker's own, after reading the traces of every bug and witness (each
// follows the protocol as the header describes it) and cross-checking the default count with
// and without the per-session `view` (55,332 states without it, every verdict the same).
describe("session-consistency", () => {
  it("holds with 11,520 distinct states at its defaults (2 replicas, sessions wrw and rwr, wait)", async () => {
    const r = await check(sessionConsistency);
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(11_520);
    expect(r.checked.invariants).toEqual(GUARANTEES);
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["ownWriteElsewhere", true, 6],
      ["behindToken", true, 5],
      ["allDone", true, 18],
    ]);
    // The witness: c1 uploads to n1, n1's push reaches n2, and n2 answers c1's refresh with c1.1.
    expect(labels(r.witnesses[0]?.trace)).toEqual([
      "timer pick_n1 fires at c1",
      "deliver Write(op 1, photo c1.1, token [0, 0]) c1 -> n1",
      "deliver WriteOk(op 1, version [1, 0]) n1 -> c1",
      "deliver Sync(log [[c1.1], []]) n1 -> n2",
      "timer pick_n2 fires at c1",
      "deliver Read(op 2, token [1, 0]) c1 -> n2",
    ]);
  });

  it.each([
    [{ behind: "redirect" }, 13_062],
    [{ replicas: 3, sessions: "wr,rw" }, 10_292],
    [{ maxDrops: 1 }, 29_884],
  ])("holds under %o (%i states)", async (params, states) => {
    const r = await check(sessionConsistency, { params });
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(states);
  });

  it("holds on each bug preset's scripts when the bug is absent", async () => {
    for (const sessions of ["w,rr", "w,rw,r", "ww,r"]) {
      const r = await check(sessionConsistency, { params: { sessions } });
      // No session there refreshes after its own upload, so that witness cannot be reached.
      expect(
        r.violations.map((v) => [v.property, v.kind]),
        sessions,
      ).toEqual([["ownWriteElsewhere", "unreachedWitness"]]);
    }
  });

  it("catches noSessionToken: an uploaded photo is missing from the next refresh", async () => {
    const r = await check(sessionConsistency, { bug: "noSessionToken" });
    expect(r.violations.map((v) => v.property)).toEqual(["readYourWrites"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "timer pick_n1 fires at c1",
      "deliver Write(op 1, photo c1.1) c1 -> n1",
      "deliver WriteOk(op 1, version [1, 0]) n1 -> c1",
      "timer pick_n2 fires at c1",
      "deliver Read(op 2) c1 -> n2",
      "deliver ReadOk(op 2, photos [], version [0, 0]) n2 -> c1",
    ]);
  });

  it("catches forgetReads: a photo seen on one refresh is gone on the next", async () => {
    const r = await check(sessionConsistency, { bug: "forgetReads" });
    expect(r.violations.map((v) => v.property)).toEqual(["monotonicReads"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "timer pick_n1 fires at c1",
      "deliver Write(op 1, photo c1.1, token [0, 0]) c1 -> n1",
      "timer pick_n1 fires at c2",
      "deliver Read(op 1, token [0, 0]) c2 -> n1",
      "deliver ReadOk(op 1, photos [c1.1], version [1, 0]) n1 -> c2",
      "timer pick_n2 fires at c2",
      "deliver Read(op 2, token [0, 0]) c2 -> n2",
      "deliver ReadOk(op 2, photos [], version [0, 0]) n2 -> c2",
    ]);
  });

  it("catches forgetReadsThenUpload: c3 sees c2's photo without the one c2 had seen", async () => {
    const r = await check(sessionConsistency, { bug: "forgetReadsThenUpload" });
    expect(r.violations.map((v) => v.property)).toEqual(["writesFollowReads"]);
    expect(labels(r.violations[0]?.trace)).toHaveLength(10);
    expect(labels(r.violations[0]?.trace).slice(-4)).toEqual([
      "deliver Write(op 2, photo c2.1, token [0, 0]) c2 -> n2",
      "timer pick_n2 fires at c3",
      "deliver Read(op 1, token [0, 0]) c3 -> n2",
      "deliver ReadOk(op 1, photos [c2.1], version [0, 1]) n2 -> c3",
    ]);
  });

  it("catches writesAnywhere: a viewer sees c1's second photo without its first", async () => {
    const r = await check(sessionConsistency, { bug: "writesAnywhere" });
    expect(r.violations.map((v) => v.property)).toEqual(["monotonicWrites"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "timer pick_n1 fires at c1",
      "deliver Write(op 1, photo c1.1, token [0, 0]) c1 -> n1",
      "deliver WriteOk(op 1, version [1, 0]) n1 -> c1",
      "timer pick_n2 fires at c1",
      "deliver Write(op 2, photo c1.2, token [1, 0]) c1 -> n2",
      "timer pick_n2 fires at c2",
      "deliver Read(op 1, token [0, 0]) c2 -> n2",
      "deliver ReadOk(op 1, photos [c1.2], version [0, 1]) n2 -> c2",
    ]);
  });

  it("catches every bug preset with the property it names; the focused presets break nothing else", async () => {
    for (const [bug, preset] of Object.entries(sessionConsistency.definition.bugs ?? {})) {
      // noSessionToken runs on the default scripts, where it breaks all four (next test).
      const focused = bug !== "noSessionToken";
      const r = await check(sessionConsistency, { bug, continue: focused });
      const broken = r.violations.filter((v) => v.kind === "invariant").map((v) => v.property);
      expect(broken, bug).toEqual([preset.violates]);
    }
  });

  it("checks each guarantee on its own: without a token, each one alone fails", async () => {
    for (const g of GUARANTEES) {
      const r = await check(sessionConsistency, { bug: "noSessionToken", only: [g] });
      expect(
        r.violations.map((v) => v.property),
        g,
      ).toEqual([g]);
    }
  });

  it("records a history the checkers read as the invariant does", async () => {
    // The final state of the noSessionToken counterexample, checked directly: only RYW fails.
    const r = await check(sessionConsistency, { bug: "noSessionToken" });
    const last = r.violations[0]?.trace?.steps.at(-1)?.state as { history: never[] };
    const report = sessionReport(historyFromEvents(last.history), { datatype: "grow-set" });
    expect([report.each.RYW.ok, report.each.MR.ok, report.each.MW.ok, report.each.WFR.ok]).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect(report.all.ok ? "" : report.all.explanation.pattern).toBe("RYW");
  });

  it.each(Object.entries(sessionConsistency.definition.bugs ?? {}))(
    "random search (seed 1) finds %s",
    async (bug, preset) => {
      const r = await check(sessionConsistency, { bug, strategy: "random", seed: 1 });
      expect(r.random?.seed).toBe(1);
      expect(r.violations.map((v) => v.property)).toEqual([preset.violates]);
    },
  );
});
