import { describe, expect, it } from "vitest";
import { ACTOR_ACTIONS, defineActors } from "../../src/actors/index.js";
import { check, compileSpec, isSpec } from "../../src/index.js";
import { oneLink, voters } from "./tiny-specs.js";

const noop = { count: 1, init: () => ({}) };

describe("defineActors", () => {
  it("compiles to an ordinary spec with the layer's actions and params", () => {
    expect(isSpec(oneLink)).toBe(true);
    expect(oneLink.actionNames).toEqual([...ACTOR_ACTIONS]);
    expect(oneLink.params.map((p) => `${p.name}=${String(p.default)}`)).toEqual([
      "network=unordered",
      "lossy=false",
      "duplicating=false",
      "maxDrops=0",
      "maxDuplicates=0",
      "maxCrashes=0",
      "maxPartitions=0",
      "byzantine=0",
      "paranoid=false",
    ]);
  });

  it("takes the defaults of the layer's params from the spec's network and faults", () => {
    const spec = defineActors({
      name: "defaults",
      params: { n: 2 },
      network: { order: "ordered", lossy: true },
      faults: { maxCrashes: 1, maxPartitions: 2 },
      nodes: { a: noop },
    });
    const params = compileSpec(spec).params;
    expect(params).toMatchObject({ n: 2, network: "ordered", lossy: true, maxCrashes: 1, maxPartitions: 2 });
  });

  it("keeps only the framework fields a run can use in the state", () => {
    expect(Object.keys(compileSpec(oneLink).initialStates[0]!)).toEqual(["nodes", "net"]);
    const all = compileSpec(oneLink, { params: { maxCrashes: 1, maxPartitions: 1, maxDrops: 1 } })
      .initialStates[0]!;
    expect(Object.keys(all)).toEqual(["nodes", "net", "crashed", "partition", "faults"]);
    expect(all.faults).toEqual({ drops: 0, crashes: 0, partitions: 0 });
  });

  it("does not treat quiescence as deadlock unless asked", async () => {
    expect((await check(oneLink)).result).toBe("ok");
    const strict = defineActors({ name: "strict", deadlock: true, nodes: { a: noop } });
    expect((await check(strict)).violations[0]?.property).toBe("deadlock");
  });

  it.each([
    ["no kinds", { name: "x", nodes: {} }, "at least one node kind"],
    ["a kind without init", { name: "x", nodes: { a: { count: 1 } } }, "needs an `init` function"],
    ["a kind without count", { name: "x", nodes: { a: { init: () => ({}) } } }, "needs a `count`"],
    ["clashing prefixes", { name: "x", nodes: { alpha: noop, apple: noop } }, 'both use id prefix "a"'],
    [
      "a bad prefix",
      { name: "x", nodes: { a: { ...noop, prefix: "n1" } } },
      "must be letters or underscores",
    ],
    [
      "a reserved param",
      { name: "x", params: { network: 1 }, nodes: { a: noop } },
      'param "network" is reserved',
    ],
    [
      "a handler that is not a function",
      { name: "x", nodes: { a: { ...noop, onMessage: { M: 1 } } } },
      "onMessage.M must be a function",
    ],
  ])("rejects %s", (_what, def, message) => {
    expect(() => defineActors(def as never)).toThrow(message);
  });

  it("checks init results and counts when compiling", async () => {
    const arrayState = defineActors({ name: "x", nodes: { a: { count: 1, init: () => [] as never } } });
    expect((await check(arrayState)).error?.message).toContain("must return a plain object");
    const badCount = defineActors({ name: "x", nodes: { a: { count: () => -1, init: () => ({}) } } });
    expect((await check(badCount)).error?.message).toContain("has count -1");
    const badDurable = defineActors({
      name: "x",
      nodes: { a: { count: 1, init: () => ({ t: 0 }), durable: ["term" as "t"] } },
    });
    expect((await check(badDurable)).error?.message).toContain(
      'durable field "term" of kind "a" is not in its state (t)',
    );
  });
});

describe("step labels", () => {
  const model = compileSpec(voters, { params: { replicas: 3 } });
  const label = (action: string, arg: unknown) => model.describeStep(model.actionNames.indexOf(action), arg);
  const vote = { from: "r1", to: "r3", msg: { type: "Vote", v: 0 } };

  it("say what happened, with the message", () => {
    expect(label("deliver", vote)).toBe("deliver Vote(v 0) r1 -> r3");
    expect(label("drop", vote)).toBe("drop Vote(v 0) r1 -> r3");
    expect(label("duplicate", vote)).toBe("duplicate Vote(v 0) r1 -> r3");
    expect(label("byzantine", vote)).toBe("byzantine send Vote(v 0) r1 -> r3");
    expect(label("timer", { node: "r2", timer: "election" })).toBe("timer election fires at r2");
    expect(label("crash", "r1")).toBe("crash r1");
    expect(label("restart", "r1")).toBe("restart r1");
    expect(label("partition", ["r3"])).toBe("partition {r1, r2} | {r3}");
    expect(label("heal", ["r2", "r3"])).toBe("heal {r1} | {r2, r3}");
  });
});
