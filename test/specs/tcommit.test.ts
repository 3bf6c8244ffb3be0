import { describe, expect, it } from "vitest";
import tcommit from "../../specs/tcommit.js";
import { check } from "../../src/index.js";

describe("tcommit", () => {
  it("has TLC's 34 distinct states with 3 resource managers, and holds", async () => {
    const r = await check(tcommit);
    expect(r.result).toBe("ok");
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([34, 94, 6]);
    expect(r.witnesses.map((w) => [w.name, w.reached])).toEqual([
      ["allCommit", true],
      ["allAbort", true],
    ]);
  });

  // Cross-checked with an independent brute-force enumeration of TCommit's reachable states.
  it.each([
    [4, 96],
    [5, 274],
  ])("with %i resource managers has %i distinct states", async (rms, states) => {
    const r = await check(tcommit, { params: { rms } });
    expect(r.distinctStates).toBe(states);
  });

  it("catches bug commitAlone in 3 steps", async () => {
    const r = await check(tcommit, { bug: "commitAlone" });
    expect(r.violations[0]?.property).toBe("consistent");
    expect(r.violations[0]?.trace?.steps.map((s) => s.label)).toEqual([
      "initial state",
      "prepare(0)",
      "decideAbort(1)",
      "decideCommit(0)",
    ]);
  });
});
