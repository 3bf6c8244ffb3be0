import { describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check } from "../../src/engine/check.js";
import { compileSpec, defineSpec, range } from "../../src/index.js";
import { exploreStateGraph, stateGraphToDot } from "../../src/render/dot-graph.js";

/** Two lights; with the bug, both may be on at once. 4 states, or 3 without the bug. */
const lights = defineSpec({
  name: "lights",
  params: { bug: false },
  init: () => ({ on: [false, false] }),
  actions: {
    switchOn: {
      over: () => range(2),
      when: (s, i, { bug }) => !s.on[i] && (bug || !s.on.includes(true)),
      do: (d, i: number) => {
        d.on[i] = true;
      },
    },
    switchOff: {
      over: () => range(2),
      when: (s, i) => s.on[i] === true,
      do: (d, i: number) => {
        d.on[i] = false;
      },
    },
    wait: { do: () => {} },
  },
  invariants: { atMostOne: (s) => s.on.filter(Boolean).length <= 1 },
  bugs: { both: { params: { bug: true }, violates: "atMostOne" } },
});

describe("graph view", () => {
  it("explores every reachable state and edge, leaving out stutters", () => {
    const g = exploreStateGraph(compileSpec(lights));
    expect(g.nodes.map((n) => n.state)).toEqual([
      { on: [false, false] },
      { on: [true, false] },
      { on: [false, true] },
    ]);
    expect(g.edges.map((e) => [e.from, e.to, e.labels])).toEqual([
      [0, 1, ["switchOn(0)"]],
      [0, 2, ["switchOn(1)"]],
      [1, 0, ["switchOff(0)"]],
      [2, 0, ["switchOff(1)"]],
    ]);
  });

  it("draws the graph with a counterexample's path highlighted", async () => {
    const r = await check(lights, { bug: "both" });
    const v = r.violations[0]!;
    const dot = stateGraphToDot(compileSpec(lights, { bug: "both" }), {
      trace: v.trace,
      property: v.property,
      kind: v.kind,
    });
    expect(dot).toMatchSnapshot();
    expect(dot).toContain("4 reachable states, 8 edges");
    // The two path nodes before the red one, and the two path edges.
    expect(dot.match(/ color="#1a73e8"/g)).toHaveLength(4);
    expect(dot).toMatch(/n3 \[label=<.*✘ atMostOne is false here.*>, fillcolor="#fce8e6", color="#c5221f"/);
  });

  it("finds TLC's 288 states of two-phase commit with 3 RMs", () => {
    expect(exploreStateGraph(compileSpec(twoPhaseCommit)).nodes).toHaveLength(288);
  });

  it("refuses graphs larger than the limit, saying what to do instead", () => {
    expect(() => exploreStateGraph(compileSpec(lights, { bug: "both" }), 3)).toThrow(
      expect.objectContaining({
        code: "SPC-U012",
        message: expect.stringMatching(
          /spec lights \(bug=true\) has more than 3 states.*--view states.*--max-nodes/,
        ),
      }),
    );
  });
});
