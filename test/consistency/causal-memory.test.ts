import { describe, expect, it } from "vitest";
import { checkCausal, historyFromSessions } from "../../src/consistency/index.js";

describe("causal memory (CM) patterns", () => {
  it("WriteHBInitRead: POPL'17 history (b), explained through the read that orders the writes", () => {
    const h = historyFromSessions({
      p1: [
        { f: "write", key: "z", value: 1 },
        { f: "write", key: "x", value: 1 },
        { f: "write", key: "y", value: 1 },
      ],
      p2: [
        { f: "write", key: "x", value: 2 },
        { f: "read", key: "z", value: null },
        { f: "read", key: "y", value: 1 },
        { f: "read", key: "x", value: 2 },
      ],
    });
    const r = checkCausal(h, "CM");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.explanation.pattern).toBe("WriteHBInitRead");
    expect(
      r.explanation.details.some((d) => d.includes("saw write(x, 1) by p1 yet returned write(x, 2) by p2")),
    ).toBe(true);
    expect(checkCausal(h, "CCv").ok).toBe(true);
  });

  it("CyclicHB: one process reads two writes in both orders", () => {
    const h = historyFromSessions({
      p1: [{ f: "write", key: "x", value: 1 }],
      p2: [
        { f: "write", key: "x", value: 2 },
        { f: "read", key: "x", value: 1 },
        { f: "read", key: "x", value: 2 },
      ],
    });
    const r = checkCausal(h, "CM");
    expect(r.ok ? "" : r.explanation.pattern).toBe("CyclicHB");
  });
});
