import { describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check } from "../../src/index.js";

describe("two-phase-commit", () => {
  // TLC's published distinct-state counts for TwoPhase.tla.
  it.each([
    [3, 288],
    [4, 1_568],
    [5, 8_832],
    [6, 50_816],
  ])("with %i resource managers has %i distinct states, and holds", async (rms, states) => {
    const r = await check(twoPhaseCommit, { params: { rms } });
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(states);
    expect(r.witnesses.every((w) => w.reached)).toBe(true);
  });

  it("pins the rest of the rms=3 statistics", async () => {
    const r = await check(twoPhaseCommit);
    expect([r.generatedStates, r.depth]).toEqual([1_146, 10]);
    expect(r.witnesses.map((w) => [w.name, w.depth])).toEqual([
      ["transactionCommits", 10],
      ["transactionAborts", 4],
    ]);
  });

  it.each([
    ["commitEarly", 5],
    ["abortAfterPrepare", 9],
  ])("catches bug %s with a shortest counterexample of %i steps", async (bug, length) => {
    const r = await check(twoPhaseCommit, { bug });
    expect(r.result).toBe("violation");
    expect(r.violations[0]?.property).toBe("consistent");
    expect(r.violations[0]?.trace?.steps.length).toBe(length + 1);
  });
});
