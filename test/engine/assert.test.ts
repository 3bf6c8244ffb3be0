import { describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { assertHolds, assertViolates, SpecAssertionError } from "../../src/index.js";
import { counter, dieHard } from "./zoo.js";

describe("assertHolds / assertViolates", () => {
  it("pass quietly and return the result", async () => {
    expect((await assertHolds(twoPhaseCommit)).distinctStates).toBe(288);
    const r = await assertViolates(twoPhaseCommit, "consistent", { bug: "commitEarly" });
    expect(r.violations[0]?.trace?.steps).toHaveLength(6);
  });

  it("throw with the counterexample text", async () => {
    const err = await assertHolds(dieHard).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpecAssertionError);
    expect((err as Error).message).toContain("expected die-hard to hold, but:");
    expect((err as Error).message).toContain("✘ invariant notFour is violated after 6 steps");
    expect((err as Error).message).toContain("big: 5 → 4");
    await expect(assertViolates(twoPhaseCommit, "consistent")).rejects.toThrow(
      /expected two-phase-commit to violate consistent, but:\n.*✔ OK/s,
    );
  });

  it("treat an incomplete search as a failure unless allowed", async () => {
    await expect(assertHolds(counter, { params: { max: 50 }, maxStates: 5 })).rejects.toThrow(/INCOMPLETE/);
    await expect(
      assertHolds(counter, { params: { max: 50 }, maxStates: 5, allowIncomplete: true }),
    ).resolves.toBeTruthy();
  });
});
