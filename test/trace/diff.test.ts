import { describe, expect, it } from "vitest";
import { diffStates } from "../../src/index.js";

describe("diffStates", () => {
  it("lists changed fields, array elements, Set and Map members", () => {
    const before = {
      rm: ["working", "working"],
      msgs: new Set(["a"]),
      nodes: new Map([["n1", { term: 1 }]]),
      x: 1,
    };
    const after = {
      rm: ["prepared", "working"],
      msgs: new Set(["a", "b"]),
      nodes: new Map([["n1", { term: 2 }]]),
      x: 1,
    };
    expect(diffStates(before, after)).toEqual([
      { path: "rm[0]", kind: "changed", before: "working", after: "prepared" },
      { path: "msgs", kind: "added", after: "b" },
      { path: 'nodes.get("n1").term', kind: "changed", before: 1, after: 2 },
    ]);
  });

  it("reports added and removed keys and array tails", () => {
    expect(diffStates({ a: 1, l: [1, 2] }, { b: 2, l: [1] })).toEqual([
      { path: "b", kind: "added", after: 2 },
      { path: "l[1]", kind: "removed", before: 2 },
      { path: "a", kind: "removed", before: 1 },
    ]);
  });

  it("returns nothing for equal states and whole-value changes for leaves", () => {
    expect(diffStates({ a: [1] }, { a: [1] })).toEqual([]);
    expect(diffStates(1, 2)).toEqual([{ path: "", kind: "changed", before: 1, after: 2 }]);
  });
});
