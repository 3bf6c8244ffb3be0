import { describe, expect, it } from "vitest";
import { armed, defineActors } from "../../src/actors/index.js";
import { countStates, modelOf, restarter } from "./tiny-specs.js";

/** n1 arms "a" twice and "b" once at start; "a" re-arms "b"; "b" cancels "a" and counts. */
const timers = defineActors({
  name: "timers",
  nodes: {
    node: {
      count: 1,
      init: () => ({ fired: 0 }),
      onStart: (_s, ctx) => {
        ctx.setTimer("a");
        ctx.setTimer("a");
        ctx.setTimer("b");
      },
      onTimer: {
        a: (_s, ctx) => ctx.setTimer("b"),
        b: (s, ctx) => {
          s.fired++;
          ctx.cancelTimer("a");
        },
      },
    },
  },
});

describe("timers", () => {
  it("are armed or not: arming twice is one timer, and only armed timers are actions", () => {
    const { model, a } = modelOf(timers);
    const init = model.initialStates[0]!;
    expect(armed(init)).toEqual([
      { node: "n1", timer: "a" },
      { node: "n1", timer: "b" },
    ]);
    expect(model.args(a("timer"), init)).toHaveLength(2);
    const afterB = model.apply(a("timer"), init, { node: "n1", timer: "b" });
    expect(armed(afterB)).toEqual([]);
    expect(model.args(a("timer"), afterB)).toEqual([]);
  });

  // {a, b armed, fired 0} -> a fires: {b, 0} (b re-armed: already armed) -> b fires: {-, 1};
  // or b fires first: {-, 1} (b cancels a). So 3 states.
  it("fire at any moment, in any order: 3 states", async () => {
    expect(await countStates(timers)).toBe(3);
  });

  it("of a crashed node cannot fire", () => {
    const { model, a } = modelOf(restarter, { maxCrashes: 1 });
    const down = model.apply(a("crash"), model.initialStates[0]!, "n1");
    expect(model.args(a("timer"), down)).toEqual([]);
  });
});
