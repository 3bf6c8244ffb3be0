import { describe, expect, it } from "vitest";
import cdnCache from "../../specs/cdn-cache.js";
import { check, defineSpec, each, leadsTo, type Trace } from "../../src/index.js";

/** The trace's step labels, after the initial state. */
function labels(trace: Trace | undefined): string[] {
  return trace ? trace.steps.slice(1).map((s) => s.label) : [];
}

// The pinned counts are what the checker computes for this model; they were accepted after
// reading the shortest counterexample below step by step and checking that the counts move the
// way the model says they should (a longer TTL means more ages a copy can have; versioned URLs
// make the stale-fill check irrelevant, so both settings give the same model).
describe("cdn-cache", () => {
  it("holds at its defaults (2 edges, ttl 2, 1 update, plain URL purged) and reaches its witnesses", async () => {
    const r = await check(cdnCache);
    expect(r.result).toBe("ok");
    expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([2_146, 9_586, 17]);
    expect(r.witnesses.map((w) => [w.name, w.reached, w.depth])).toEqual([
      ["fillRacedUpdate", true, 7],
      ["newVersionServed", true, 8],
      ["copyExpired", true, 6],
    ]);
  });

  it.each([
    [{ ttl: 1 }, 1_153],
    [{ ttl: 3 }, 3_445],
    [{ edges: 1 }, 56],
  ])("holds under %o (%i states)", async (params, states) => {
    const r = await check(cdnCache, { params });
    expect(r.result).toBe("ok");
    expect(r.distinctStates).toBe(states);
    expect(r.witnesses.every((w) => w.reached)).toBe(true);
  });

  it("versioned URLs sidestep purges: the late fill lands under the old URL, with or without the check", async () => {
    for (const staleFills of ["reject", "accept"]) {
      const r = await check(cdnCache, { params: { urls: "versioned", staleFills } });
      expect(r.result).toBe("ok");
      expect([r.distinctStates, r.generatedStates, r.depth]).toEqual([2_330, 9_050, 27]);
      expect(r.witnesses.every((w) => w.reached)).toBe(true);
    }
  });

  it("catches purgeRace: a fill answered before the purge is cached after it (8 steps)", async () => {
    const r = await check(cdnCache, { bug: "purgeRace" });
    expect(r.result).toBe("violation");
    expect(r.violations.map((v) => v.property)).toEqual(["noStaleAfterPurge"]);
    expect(labels(r.violations[0]?.trace)).toEqual([
      "deliver Get(url /logo) v1 -> e1",
      "deliver Fetch(url /logo) e1 -> o1",
      "timer publish fires at o1",
      "deliver Purge(version 2) o1 -> e1",
      "deliver PurgeOk(version 2) e1 -> o1",
      "deliver Fill(url /logo, version 1) o1 -> e1",
      "deliver Purge(version 2) o1 -> e2",
      "deliver PurgeOk(version 2) e2 -> o1",
    ]);
  });

  it("has exactly the bug preset tested above, naming the property it breaks", () => {
    const presets = Object.entries(cdnCache.definition.bugs ?? {}).map(([bug, p]) => [bug, p.violates]);
    expect(presets).toEqual([["purgeRace", "noStaleAfterPurge"]]);
  });

  it("random search finds purgeRace (seed 1, 2,000 walks)", async () => {
    const r = await check(cdnCache, { bug: "purgeRace", strategy: "random", seed: 1, runs: 2000 });
    expect(r.result).toBe("violation");
    expect(r.violations.map((v) => v.property)).toEqual(["noStaleAfterPurge"]);
  });

  // The TTL trade-off: with the bug, the stale copy is served until it expires, and it does
  // expire as long as the edge's clock keeps ticking (fairness of each timer). Without that
  // fairness the clock may stop, and the stale copy is served forever.
  it("with purgeRace, the TTL bounds the damage: the stale copy expires if the clock ticks", async () => {
    const fresh = cdnCache.definition.invariants!.noStaleAfterPurge!;
    const withExpiry = (weak: string[]) =>
      defineSpec({
        ...cdnCache.definition,
        properties: { staleCopyExpires: leadsTo((s, p) => !fresh(s, p), fresh) },
        fairness: { weak: [each("deliver"), ...weak.map((a) => each(a))] },
      });
    const ticking = await check(withExpiry(["timer"]), { bug: "purgeRace", only: ["staleCopyExpires"] });
    expect([ticking.result, ticking.distinctStates]).toEqual(["ok", 3_370]);
    const stopped = await check(withExpiry([]), { bug: "purgeRace", only: ["staleCopyExpires"] });
    expect(stopped.violations.map((v) => [v.property, v.kind])).toEqual([["staleCopyExpires", "liveness"]]);
  });
});
