import { describe, expect, it } from "vitest";
import { check, compileSpec, defineSpec, eventually, type Fairness } from "../../src/index.js";
import { decodeItf } from "../../src/trace/itf-decode.js";
import { encodeItf } from "../../src/trace/itf-encode.js";
import { replayTrace } from "../../src/trace/replay.js";

/** The state of the loop spec. */
interface N {
  n: number;
}

const loop = (fairness: Fairness) =>
  defineSpec({
    name: "loop",
    init: () => ({ n: 0 }),
    actions: {
      up: { when: (s) => s.n === 0, do: (d) => void (d.n = 1) },
      down: { when: (s) => s.n === 1, do: (d) => void (d.n = 0) },
      finish: { when: (s) => s.n === 1, do: (d) => void (d.n = 2) },
    },
    deadlock: false,
    properties: { reachesTwo: eventually((s: N) => s.n === 2) },
    fairness,
  });

describe("replaying liveness lassos", () => {
  it("round-trips through ITF with its loop and reproduces; a stronger fairness makes it hold", async () => {
    const r = await check(loop({ weak: ["up", "down", "finish"] }));
    const v = r.violations[0]!;
    const text = encodeItf(v.trace!, { version: "test", property: v.property, kind: v.kind });
    expect(JSON.parse(text).loop).toBe(0);
    const decoded = decodeItf(text, "lasso.itf.json");
    expect(decoded.trace.loopsBackTo).toBe(0);
    const weak = replayTrace(
      compileSpec(loop({ weak: ["up", "down", "finish"] })),
      decoded.trace,
      decoded.specter,
    );
    expect(weak.verdict).toBe("reproduced");
    const strong = replayTrace(
      compileSpec(loop({ weak: ["up", "down"], strong: ["finish"] })),
      decoded.trace,
      decoded.specter,
    );
    expect(strong.verdict).toBe("holds");
  });

  it("a lasso that does not close does not reproduce", async () => {
    const r = await check(loop({ weak: ["up", "down", "finish"] }));
    const trace = { ...r.violations[0]!.trace!, steps: r.violations[0]!.trace!.steps.slice(0, 2) };
    const out = replayTrace(compileSpec(loop({ weak: ["up"] })), trace, {
      property: "reachesTwo",
      kind: "liveness",
    });
    expect(out.verdict).toBe("holds");
  });

  it("compares states through the spec's view: a step that changes only what the view hides is a stutter", async () => {
    // `tick` is weakly fair and always enabled, but it only bumps `noise`, which the view drops:
    // the search sees a stutter, so "stuck at n = 0 forever" violates reachesOne.
    const noisy = defineSpec({
      name: "noisy",
      init: () => ({ n: 0, noise: 0 }),
      actions: { tick: { do: (d) => void (d.noise = 1 - d.noise) } },
      deadlock: false,
      view: (s) => s.n,
      properties: { reachesOne: eventually((s: { n: number }) => s.n === 1) },
      fairness: { weak: ["tick"] },
    });
    const r = await check(noisy);
    const v = r.violations[0]!;
    expect(v.property).toBe("reachesOne");
    const replay = replayTrace(compileSpec(noisy), v.trace!, { property: v.property, kind: v.kind });
    expect(replay.verdict).toBe("reproduced");
  });
});
