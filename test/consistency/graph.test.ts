import { describe, expect, it } from "vitest";
import {
  cyclicComponents,
  findCycle,
  hasBit,
  newBits,
  orInto,
  setBit,
  shortestPath,
  topoOrder,
} from "../../src/consistency/graph.js";

describe("graph utilities", () => {
  it("bitsets", () => {
    const a = newBits(70);
    const b = newBits(70);
    setBit(b, 69);
    expect(orInto(a, b)).toBe(true);
    expect(orInto(a, b)).toBe(false);
    expect([hasBit(a, 69), hasBit(a, 68)]).toEqual([true, false]);
  });

  it("orders, finds cycles, paths and cyclic components", () => {
    expect(topoOrder([[1], [2], []])).toEqual([0, 1, 2]);
    expect(topoOrder([[1], [0]])).toBeUndefined();
    expect(findCycle([[1], [2], [1]])).toEqual([1, 2]);
    expect(findCycle([[1], []])).toBeUndefined();
    expect(shortestPath([[1, 2], [3], [3], []], 0, 3)).toEqual([0, 1, 3]);
    expect(shortestPath([[1], []], 1, 0)).toBeUndefined();
    const comps = cyclicComponents([[1], [0], [2], []]).map((c) => c.sort());
    expect(comps.sort((a, b) => a.length - b.length)).toEqual([[2], [0, 1]]);
  });
});
