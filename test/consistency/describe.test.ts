import { describe, expect, it } from "vitest";
import {
  checkLinearizable,
  count,
  describeOp,
  formatExplanation,
  processName,
  registerModel,
  timeline,
} from "../../src/consistency/index.js";
import { timed } from "./helpers.js";

describe("describing operations and explanations", () => {
  const h = timed(
    [0, "write", 1, 1, 0, 3],
    [1, "read", null, 2, 4, 6],
    [2, "cas", [1, 2], undefined, 1, null],
  );

  it("describes operations", () => {
    expect(h.ops.map(describeOp)).toEqual(["write(1)", "cas([1 2]) [unknown outcome]", "read() -> 2"]);
    expect(processName(3)).toBe("p3");
    expect(processName("client-a")).toBe("client-a");
    expect(count(1)).toBe("this operation has");
  });

  it("draws a timeline with open bars for unknown outcomes", () => {
    expect(timeline(h.ops)).toEqual([
      "  p0  |-----|            write(1)",
      "  p2     |------------>  cas([1 2]) [unknown outcome]",
      "  p1           |--|      read() -> 2",
    ]);
  });

  it("prints a violation as summary, table, timeline and details", () => {
    const bad = timed([0, "write", 1, 1, 0, 1], [1, "read", null, 2, 2, 3]);
    const r = checkLinearizable(bad, registerModel());
    expect(r.verdict).toBe("violation");
    if (r.verdict !== "violation") return;
    expect(formatExplanation(r.explanation)).toBe(
      [
        "linearizability: not linearizable: this operation has no legal order consistent with real time",
        "",
        "  process  invoke  return  operation",
        "  p1       2       3       read() -> 2",
        "",
        "  p1  |--|      read() -> 2",
        "",
        "  from the initial state nil, no operation can take effect first",
        "",
      ].join("\n"),
    );
  });
});
