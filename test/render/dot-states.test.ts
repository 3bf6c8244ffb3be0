import { describe, expect, it } from "vitest";
import type { Trace } from "../../src/index.js";
import { escapeHtml, foldText } from "../../src/render/dot-label.js";
import { traceToStatesDot } from "../../src/render/dot-states.js";
import { dotId } from "../../src/render/dot-syntax.js";

const init = { action: "<init>", arg: undefined, argIndex: 0, label: "initial state" };

/** A tiny lock protocol in which two clients end up holding the lock. */
const trace: Trace = {
  spec: "lock",
  params: { clients: 2 },
  bug: "noCheck",
  steps: [
    { ...init, state: { holder: null, waiting: new Set<number>(), log: [] } },
    {
      action: "request",
      arg: 0,
      argIndex: 0,
      label: "request(0)",
      state: { holder: null, waiting: new Set([0]), log: [] },
    },
    {
      action: "grant",
      arg: 0,
      argIndex: 0,
      label: "grant(0)",
      state: { holder: 0, waiting: new Set<number>(), log: ["0 in"] },
    },
    {
      action: "grant",
      arg: 1,
      argIndex: 1,
      label: "grant(1)",
      state: { holder: 1, waiting: new Set<number>(), log: ["0 in", "1 in"] },
    },
  ],
};

describe("states view (DOT)", () => {
  it("draws the chain of diffs with the failing state highlighted", () => {
    expect(traceToStatesDot(trace, { property: "mutex", kind: "invariant" })).toMatchSnapshot();
  });

  it("marks a failing step for an action invariant and a lasso's back edge", () => {
    const dot = traceToStatesDot({ ...trace, loopsBackTo: 1 }, { property: "fifo", kind: "actionInvariant" });
    expect(dot).toContain("✘ step 3 violates fifo");
    expect(dot).toMatch(/s2 -> s3 \[label=< grant\(1\) >, color="#c5221f"/);
    expect(dot).toMatch(/s3 -> s1 \[label=< loops back to state 1 >, style=dashed, constraint=false\]/);
  });

  it("draws a plain trace without any highlight", () => {
    const dot = traceToStatesDot(trace);
    expect(dot).not.toContain("#c5221f");
    expect(dot).toContain("trace, 3 steps");
  });

  it("escapes <, &, quotes and newlines from states, labels and names", () => {
    const nasty = 'a<b & "c"\nd>';
    const t: Trace = {
      spec: 'we"ird',
      params: {},
      steps: [
        { ...init, state: { [nasty]: nasty } },
        { action: "say", arg: nasty, argIndex: 0, label: `say(${nasty})`, state: { [nasty]: `${nasty}!` } },
      ],
    };
    const dot = traceToStatesDot(t, { property: "p<q>", kind: "invariant" });
    // Only markup we emitted remains inside labels: every data character is escaped.
    expect(dot).not.toContain(nasty);
    expect(dot).toContain("say(a&lt;b &amp; &quot;c&quot;\\nd&gt;)");
    expect(dot).toContain("✘ p&lt;q&gt; is false here");
    expect(dot).toMatch(/^digraph "we\\"ird: p<q>" \{/);
    for (const line of dot.split("\n").map((l) => l.replace(" -> ", " ")))
      expect(line.match(/</g)?.length ?? 0).toBe(line.match(/>/g)?.length ?? 0);
  });

  it("folds long values at about 60 characters, between members", () => {
    const members = Array.from({ length: 30 }, (_, i) => `msg-${i}`);
    const t: Trace = { spec: "s", params: {}, steps: [{ ...init, state: { msgs: new Set(members) } }] };
    const dot = traceToStatesDot(t);
    const cell = /msgs <\/FONT><\/TD><TD ALIGN="LEFT" BALIGN="LEFT">(.*?)<\/TD>/.exec(dot)![1]!;
    const lines = cell.split('<BR ALIGN="LEFT"/>').map((l) => l.replace(/&quot;/g, '"'));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const l of lines) expect(l.trimEnd().length).toBeLessThanOrEqual(60);
    expect(lines.slice(0, -1).every((l) => l.endsWith(", "))).toBe(true);
  });
});

describe("DOT helpers", () => {
  it("quotes IDs only when needed", () => {
    expect(dotId("s1")).toBe("s1");
    expect(dotId("-1.5")).toBe("-1.5");
    expect(dotId("node")).toBe('"node"');
    expect(dotId('a "b"\\c\nd')).toBe('"a \\"b\\"\\\\c\\nd"');
  });

  it("escapes HTML-like label text and folds text", () => {
    expect(escapeHtml(`<&>"\n`)).toBe("&lt;&amp;&gt;&quot;\\n");
    expect(foldText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    expect(foldText('["a", "b", "c"]', 10)).toEqual(['["a", "b", ', '"c"]']);
  });
});
