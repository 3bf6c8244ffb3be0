import { describe, expect, it } from "vitest";
import { historyFromOperations, perKey, registerModel } from "../../../src/consistency/index.js";

describe("perKey", () => {
  const m = perKey(registerModel({ initial: 0 }));
  const ops = historyFromOperations([
    { f: "write", key: "x", value: 1 },
    { f: "write", key: "y", value: 0 },
    { f: "read", key: "x", result: 1 },
  ]).ops;

  it("keeps one inner state per key and leaves initial values out", () => {
    const s1 = m.step(m.init(), ops[0]!).state;
    expect([...s1]).toEqual([["x", 1]]);
    const s2 = m.step(s1, ops[1]!).state;
    expect(m.equal!(s1, s2)).toBe(true);
    expect(m.hash!(s1)).toBe(m.hash!(s2));
    expect(m.step(s2, ops[2]!).ok).toBe(true);
    expect(m.describeState!(s2)).toBe("{x=1}");
  });

  it("partitions by key for linearizability", () => {
    expect([...m.partition!(ops).keys()]).toEqual(["x", "y"]);
    expect(m.partitionModel!.name).toBe("register");
  });
});
