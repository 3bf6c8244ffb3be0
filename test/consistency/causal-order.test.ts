import { describe, expect, it } from "vitest";
import { causalOrder, coPath, coPathLines } from "../../src/consistency/causal-order.js";
import { hasBit } from "../../src/consistency/graph.js";
import { historyFromSessions, toRwHistory } from "../../src/consistency/index.js";

describe("causalOrder", () => {
  const rw = toRwHistory(
    historyFromSessions({
      p1: [
        { f: "write", key: "x", value: 1 },
        { f: "write", key: "y", value: 1 },
      ],
      p2: [
        { f: "read", key: "y", value: 1 },
        { f: "read", key: "x", value: null },
      ],
    }),
  );

  it("is the transitive closure of program order and reads-from", () => {
    const co = causalOrder(rw);
    expect(co.acyclic).toBe(true);
    if (!co.acyclic) return;
    expect(hasBit(co.past[3]!, 0)).toBe(true);
    expect(hasBit(co.past[0]!, 3)).toBe(false);
    const path = coPath(co.succ, 0, 3);
    expect(path).toEqual([0, 1, 2, 3]);
    expect(coPathLines(rw, path)).toEqual([
      "write(x, 1) by p1 is followed in its session by write(y, 1) by p1",
      "write(y, 1) by p1 is read by read(y) -> 1 by p2",
      "read(y) -> 1 by p2 is followed in its session by read(x) -> nil by p2",
    ]);
  });

  it("returns the cycle when a read comes from its own causal future", () => {
    const cyc = toRwHistory(
      historyFromSessions({
        p: [
          { f: "read", key: "x", value: 1 },
          { f: "write", key: "x", value: 1 },
        ],
      }),
    );
    const co = causalOrder(cyc);
    expect(co.acyclic ? [] : co.cycle).toEqual([0, 1]);
  });
});
