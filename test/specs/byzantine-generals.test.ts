import { describe, expect, it } from "vitest";
import byzantineGenerals from "../../specs/byzantine-generals.js";
import { type CheckResult, check, type Trace } from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

/** The invariants violated (not unreached witnesses). */
const invariantsViolated = (r: CheckResult): string[] =>
  r.violations.filter((v) => v.kind === "invariant").map((v) => v.property);

describe("byzantine-generals", () => {
  // Every traitor choice at the defaults (4 generals, OM(1), 1 traitor), counted by hand. The
  // walk is: init, C sends, L1, L2 and L3 relay, decide (depth 5), and only a traitor's step
  // branches, over every assignment of values to its loyal recipients.
  // - Traitor commander (1 initial state): 2^3 ways to order L1..L3, then 4 deterministic
  //   steps: 1 + 5 × 8 = 41 states.
  // - Traitor lieutenant Lk, for each order (2 × 3 initial states): one state per step until
  //   Lk relays, then 2^2 per step: L1 1+1+4·4 = 18, L2 1+1+1+4·3 = 15, L3 1+1+1+1+4·2 = 12.
  // 41 + 2 × (18 + 15 + 12) = 131: the whole space, every placement and every lie.
  it("holds at its defaults with every traitor placement and every lie (131 states)", async () => {
    const r = await check(byzantineGenerals);
    expect(r.result).toBe("ok");
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([131, 131, 5]);
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["traitorEquivocated", true, 1],
      ["agreedDespiteTraitorCommander", true, 5],
      ["obeyedDespiteLyingLieutenant", true, 5],
    ]);
  });

  it.each([
    [{ generals: 5 }, 349],
    [{ generals: 7, m: 2 }, 10_173],
  ])("holds with n >= 3m+1 under %o (%i states)", async (params, states) => {
    const r = await check(byzantineGenerals, { params });
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(states);
    expect(r.witnesses.every((w) => w.reached)).toBe(true);
  });

  it("catches threeGenerals: a lying lieutenant ties the vote against a loyal commander (4 steps)", async () => {
    const r = await check(byzantineGenerals, { bug: "threeGenerals", continue: true });
    // With the tie going to retreat, agreement holds at n = 3: both lieutenants count the same
    // two values. Only validity fails, with the traitor a lieutenant.
    expect(invariantsViolated(r)).toEqual(["validity"]);
    expect(r.violations[0]?.trace?.steps[0]?.state).toMatchObject({ traitors: [1], order: "attack" });
    expect(labels(r.violations[0]?.trace)).toEqual([
      "C orders L1 (traitor), L2: attack",
      "L1 (traitor) tells L2: C said retreat",
      "L2 tells L1 (traitor): C said attack",
      "the lieutenants decide",
    ]);
  });

  it("catches threeGeneralsTrustCommander: trusting the commander on a tie lets it split the lieutenants (4 steps)", async () => {
    const r = await check(byzantineGenerals, { bug: "threeGeneralsTrustCommander", continue: true });
    // The other half of the impossibility: validity now holds, agreement fails, with the
    // traitor the commander.
    expect(invariantsViolated(r)).toEqual(["agreement"]);
    expect(r.violations[0]?.trace?.steps[0]?.state).toMatchObject({ traitors: [0], order: null });
    expect(labels(r.violations[0]?.trace)).toEqual([
      "C (traitor) orders L1: attack; L2: retreat",
      "L1 tells L2: C said attack",
      "L2 tells L1: C said retreat",
      "the lieutenants decide",
    ]);
  });

  it("catches tooManyTraitors: two traitors are one more than OM(1) tolerates (5 steps)", async () => {
    const r = await check(byzantineGenerals, { bug: "tooManyTraitors", continue: true });
    expect(invariantsViolated(r)).toEqual(["agreement", "validity"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "C (traitor) orders L2: attack; L3: retreat",
      "L1 (traitor) tells L2: C said attack; L3: C said retreat",
      "L2 tells L1 (traitor), L3: C said attack",
      "L3 tells L1 (traitor), L2: C said retreat",
      "the lieutenants decide",
    ]);
  });

  it("has exactly the bug presets tested above, each naming the property it breaks", () => {
    const presets = Object.entries(byzantineGenerals.definition.bugs ?? {}).map(([bug, p]) => [
      bug,
      p.violates,
    ]);
    expect(presets).toEqual([
      ["threeGenerals", "validity"],
      ["threeGeneralsTrustCommander", "agreement"],
      ["tooManyTraitors", "agreement"],
    ]);
  });

  it.each(["threeGenerals", "threeGeneralsTrustCommander", "tooManyTraitors"])(
    "random search finds %s (seed 1, 2,000 walks)",
    async (bug) => {
      const r = await check(byzantineGenerals, { bug, strategy: "random", seed: 1, runs: 2000 });
      expect(r.result).toBe("violation");
      expect(r.violations.map((v) => v.property)).toEqual([
        byzantineGenerals.definition.bugs?.[bug]?.violates,
      ]);
    },
  );

  // Findings, not presets.
  it("needs the majority to be a function of the values: trusting the commander on ties fails at n = 5 too", async () => {
    const r = await check(byzantineGenerals, { params: { generals: 5, tieBreak: "commander" } });
    expect(invariantsViolated(r)).toEqual(["agreement"]);
    expect(r.violations[0]?.trace?.steps.length).toBe(6 + 1);
    expect(labels(r.violations[0]?.trace)[0]).toBe("C (traitor) orders L1, L2: attack; L3, L4: retreat");
  });

  it("OM(0) is no algorithm at all: a traitor commander splits the lieutenants in 2 steps", async () => {
    const r = await check(byzantineGenerals, { params: { m: 0 } });
    expect(invariantsViolated(r)).toEqual(["agreement"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "C (traitor) orders L1, L2: attack; L3: retreat",
      "the lieutenants decide",
    ]);
  });
});
