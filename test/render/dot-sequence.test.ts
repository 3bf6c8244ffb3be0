import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import pingPong from "../../specs/ping-pong.js";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check } from "../../src/engine/check.js";
import type { Violation } from "../../src/engine/result.js";
import { defineActors, type Trace } from "../../src/index.js";
import { traceToSequenceDot } from "../../src/render/dot-sequence.js";
import { isActorTrace, sequenceChart } from "../../src/render/sequence-chart.js";
import { lineHitsRect, placeLabel, textSize } from "../../src/render/sequence-layout.js";
import { arrowText, sequenceNote } from "../../src/render/sequence-text.js";
import { dotToSvg } from "../../src/render/svg.js";
import { scriptedTrace } from "./actor-traces.js";
import { xmlProblem } from "./xml.js";

type Msg = { type: "Note"; text: string } | { type: "Ack"; of: string };

/** Three nodes: n1 broadcasts a note full of markup; each receiver acks it, and acks itself. */
const gossip = defineActors({
  name: "gossip",
  messages: {} as Msg,
  nodes: {
    node: {
      count: 3,
      init: () => ({ got: [] as string[] }),
      onStart(_s, ctx) {
        if (ctx.self === "n1")
          ctx.broadcast({ type: "Note", text: 'say <b>"hi"</b> & a long tail of words to fold' });
      },
      onMessage: {
        Note(s, m, ctx) {
          s.got.push(m.text);
          ctx.send(ctx.from, { type: "Ack", of: ctx.self });
          ctx.send(ctx.self, { type: "Ack", of: "me" });
        },
        Ack(s, m) {
          s.got.push(m.of);
        },
      },
    },
  },
});

const gossipTrace = () =>
  scriptedTrace(gossip, {}, [
    "deliver Note… n1 -> n3",
    "deliver Note… n1 -> n2",
    "deliver Ack(of me) n3 -> n3",
    "deliver Ack(of n3) n3 -> n1",
  ]);

/** Ping-pong through every fault: a drop, a retry, a partition and its heal, a duplicate, a crash. */
const faultyTrace = () =>
  scriptedTrace(pingPong, { maxDrops: 1, maxCrashes: 1, maxPartitions: 1, maxDuplicates: 1 }, [
    "drop Ping(seq 1) p1 -> q1",
    "timer retry fires at p1",
    "partition {p1} | {q1}",
    "heal {p1} | {q1}",
    "deliver Ping(seq 1) p1 -> q1",
    "duplicate Pong(seq 1) q1 -> p1",
    "crash q1",
    "restart q1",
    "deliver Pong(seq 1) q1 -> p1",
    "deliver Pong(seq 1) q1 -> p1",
  ]);

const found = async (opts: Parameters<typeof check>[1]): Promise<Violation & { trace: Trace }> => {
  const v = (await check(pingPong, opts)).violations[0];
  if (!v?.trace) throw new Error("expected a counterexample");
  return v as Violation & { trace: Trace };
};

let forgetAcked: Violation & { trace: Trace };

beforeAll(async () => {
  forgetAcked = await found({ bug: "forgetAcked" });
});

/** The arrows as `from@row -> to@row payload (fate)`: a compact projection of the chart. */
function arrows(trace: Trace): string[] {
  const chart = sequenceChart(trace);
  const id = (c: number) => chart.lifelines[c]!.id;
  return chart.arrows.map(
    (a) =>
      `${id(a.from)}@${a.sentRow} -> ${id(a.to)}@${a.row} ${a.text} (${[a.fate, a.copy, a.forged ? "forged" : ""].filter(Boolean).join(" ")})`,
  );
}

describe("sequence view (DOT)", () => {
  it("draws a small hand-built trace: three lifelines, a message to oneself, one still in flight", () => {
    expect(traceToSequenceDot(gossipTrace())).toMatchSnapshot();
  });

  it("draws ping-pong's forgetAcked counterexample", () => {
    expect(arrows(forgetAcked.trace)).toEqual([
      "p1@0 -> q1@1 Ping(seq 1) (delivered)",
      "q1@1 -> p1@2 Pong(seq 1) (delivered)",
      "p1@2 -> q1@7 Ping(seq 2) (inFlight)",
      "p1@4 -> q1@5 Ping(seq 1) (delivered)",
      "q1@5 -> p1@6 Pong(seq 1) (delivered)",
      "p1@6 -> q1@7 Ping(seq 2) (inFlight)",
    ]);
    const dot = traceToSequenceDot(forgetAcked.trace, {
      property: forgetAcked.property,
      kind: forgetAcked.kind,
    });
    expect(dot).toMatchSnapshot();
    expect(dot).toContain("✘ invariant okOnce is false after step 6");
  });

  it("marks drops, timers, partitions and heals, duplicates, crashes and restarts", () => {
    const trace = faultyTrace();
    expect(arrows(trace)).toEqual([
      "p1@0 -> q1@1 Ping(seq 1) (dropped)",
      "p1@2 -> q1@5 Ping(seq 1) (delivered)",
      "q1@5 -> p1@9 Pong(seq 1) (delivered)",
      "q1@5 -> p1@10 Pong(seq 1) (delivered duplicate)",
      "p1@9 -> q1@11 Ping(seq 2) (inFlight)",
    ]);
    const dot = traceToSequenceDot(trace);
    expect(dot).toContain("(dropped)");
    expect(dot).toMatch(/ {2}x0 \[shape=plaintext.*✘/); // the cross a dropped message ends in
    expect(dot).toMatch(/n0_0 -> x0 \[color="#c5221f", penwidth=1.3, style=dashed, arrowhead=none\]/);
    for (const mark of ["timer retry", "cut off", "healed", "crash", "restart"])
      expect(dot).toContain(`<B>${mark}</B>`);
    expect(dot).toContain("<B>3</B> partition {p1} | {q1}");
    // The duplicate forks off the arrow it copies, at the height of step 6.
    expect(dot).toMatch(/ {2}k3 \[shape=point.*pos="[\d.]+,-264!"\]/);
    expect(dot).toMatch(/k3 -> n0_10 \[.*style=dashed/);
    expect(dot).toContain("(duplicate)");
    // q1's lifeline is dotted while cut off (3 to 4) and dashed red while down (7 to 8).
    expect(dot).toMatch(/n1_3 -> n1_4 \[arrowhead=none, penwidth=2.5, style=dotted/);
    expect(dot).toMatch(/n1_7 -> n1_8 \[arrowhead=none, penwidth=1.2, style=dashed, color="#c5221f"\]/);
    expect(dot).not.toContain("violation");
  });

  it("draws each delivery on a duplicating network, without an in-flight arrow for ever", () => {
    const trace = scriptedTrace(pingPong, { duplicating: true }, [
      "deliver Ping(seq 1) p1 -> q1",
      "deliver Ping(seq 1) p1 -> q1",
    ]);
    expect(arrows(trace)).toEqual([
      "p1@0 -> q1@1 Ping(seq 1) (delivered)",
      "p1@0 -> q1@2 Ping(seq 1) (delivered again)",
      "q1@1 -> p1@3 Pong(seq 1) (inFlight)",
    ]);
    expect(traceToSequenceDot(trace)).toContain("(delivered again)");
  });

  it("shows a duplicate found with -p maxDuplicates=1", async () => {
    const v = await found({ bug: "countEveryPong", params: { maxDuplicates: 1 } });
    expect(arrows(v.trace)).toContain("q1@1 -> p1@4 Pong(seq 1) (delivered duplicate)");
    expect(traceToSequenceDot(v.trace, { property: v.property, kind: v.kind })).toContain(
      "<B>2</B> duplicate",
    );
  });

  it("marks a Byzantine node and its forged sends", async () => {
    const v = await found({ bug: "byzantinePonger" });
    expect(arrows(v.trace)).toEqual(["q1@1 -> p1@2 Pong(seq 1) (delivered forged)"]);
    const dot = traceToSequenceDot(v.trace, { property: v.property, kind: v.kind });
    expect(dot).toContain("ponger, byzantine");
    expect(dot).toContain("<B>forged send</B>");
    expect(dot).toContain("(forged)");
    expect(dot).toMatch(/n1_1 -> n0_2 \[color="#9334e6"/);
  });

  it("marks where a lasso loops back, and the failing step of an action invariant", () => {
    const lasso = traceToSequenceDot(
      { ...forgetAcked.trace, loopsBackTo: 3 },
      { property: "everyPingAnswered", kind: "liveness" },
    );
    expect(lasso).toContain("loop starts here");
    expect(lasso).toMatch(/loop1 -> loop0 \[style=dashed/);
    expect(lasso).toContain(
      "✘ liveness property everyPingAnswered is violated: after step 6 the run loops back to step 3, for ever",
    );
    const step = traceToSequenceDot(forgetAcked.trace, { property: "p", kind: "actionInvariant" });
    expect(step).toMatch(/n1_5 -> n0_6 \[color="#c5221f", penwidth=2.2\]/);
    expect(step).toContain("✘ step 6 violates action invariant p");
  });

  it("escapes payloads, names and properties, and folds long payloads", () => {
    const dot = traceToSequenceDot(gossipTrace(), { property: 'p<"q">&', kind: "invariant" });
    expect(dot).not.toContain("<b>");
    expect(dot).toContain("say &lt;b&gt;\\&quot;hi\\&quot;&lt;/b&gt; &amp; a");
    expect(dot).toContain("✘ invariant p&lt;&quot;q&quot;&gt;&amp; is false after step 4");
    expect(dot).toMatch(/^digraph "gossip: p<\\"q\\">& \(sequence\)" \{/);
    const label = /label=<(Note\(text[^>]*?)>, pos/.exec(dot.replace(/<BR\/>/g, "|"))![1]!;
    expect(label.split("|").length).toBe(2);
    for (const line of dot.split("\n").map((l) => l.replace(/ -> /g, " ")))
      expect(line.match(/</g)?.length ?? 0).toBe(line.match(/>/g)?.length ?? 0);
  });

  it("refuses a trace that is not an actor spec's, or whose steps lack their arguments", async () => {
    const tpc = (await check(twoPhaseCommit, { bug: "commitEarly" })).violations[0]!.trace!;
    expect(isActorTrace(tpc)).toBe(false);
    expect(isActorTrace(forgetAcked.trace)).toBe(true);
    expect(() => traceToSequenceDot(tpc)).toThrow(
      expect.objectContaining({
        code: "SPC-U011",
        message: expect.stringMatching(
          /^the sequence view cannot draw this trace of two-phase-commit: .*actor specs/,
        ),
      }),
    );
    const bare = {
      ...forgetAcked.trace,
      steps: forgetAcked.trace.steps.map((s) => ({ ...s, arg: undefined })),
    };
    expect(() => traceToSequenceDot(bare)).toThrow(
      /step 1 \(deliver Ping\(seq 1\) p1 -> q1\) has no argument/,
    );
  });

  it("renders well-formed SVG with every node where the DOT pins it", async () => {
    const svg = await dotToSvg(
      traceToSequenceDot(forgetAcked.trace, { property: forgetAcked.property, kind: forgetAcked.kind }),
    );
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain("okOnce is false after step 6");
    expect(svg).toContain("Ping(seq 2)");
    // Pinned: a lifeline's dots share x, and rows are 44 points apart (Graphviz only shifts them).
    const at = (id: string): [number, number] => {
      const m = new RegExp(`<title>${id}</title>\\s*<ellipse[^>]* cx="([\\d.]+)" cy="(-?[\\d.]+)"`).exec(svg);
      return [Number(m?.[1]), Number(m?.[2])];
    };
    const [[x0, y0], [x6, y6], [x1]] = [at("n0_0"), at("n0_6"), at("n1_5")];
    expect([x6, y6 - y0]).toEqual([x0, 6 * 44]);
    expect(x1 - x0).toBe(200);
    expect(xmlProblem(await dotToSvg(traceToSequenceDot(faultyTrace())))).toBeUndefined();
    expect(
      xmlProblem(await dotToSvg(traceToSequenceDot(gossipTrace(), { property: "<&>" }))),
    ).toBeUndefined();
  });

  it("is what docs/counterexamples.md shows", async () => {
    const svg = await dotToSvg(
      traceToSequenceDot(forgetAcked.trace, { property: forgetAcked.property, kind: forgetAcked.kind }),
    );
    const doc = readFileSync(
      new URL("../../docs/img/ping-pong-forgetAcked-sequence.svg", import.meta.url),
      "utf8",
    );
    expect(
      svg === doc,
      "docs/img/ping-pong-forgetAcked-sequence.svg is out of date: run `npx specter check ping-pong --bug forgetAcked --out /tmp/cx` and copy /tmp/cx/ping-pong/forgetAcked/okOnce.sequence.svg over it",
    ).toBe(true);
  });
});

describe("sequence view helpers", () => {
  it("words the note for each kind of property", () => {
    expect(sequenceNote("invariant", "okOnce", 6)).toBe("✘ invariant okOnce is false after step 6");
    expect(sequenceNote("deadlock", undefined, 2)).toBe("✘ deadlock after step 2: no action is enabled");
    expect(sequenceNote("liveness", "done", 5)).toBe("✘ liveness property done is violated");
  });

  it("tags arrows with what happened to them", () => {
    const a = { from: 0, sentRow: 0, to: 1, row: 3, text: "Ping(seq 1)", forged: true } as const;
    expect(arrowText({ ...a, fate: "dropped", copy: "duplicate" }, 32)).toEqual({
      payload: ["Ping(seq 1)"],
      tag: "forged, duplicate, dropped",
    });
    expect(arrowText({ ...a, forged: false, fate: "delivered" }, 5).tag).toBeUndefined();
  });

  it("places a label on its arrow, clear of lifelines and other labels", () => {
    expect(textSize(["Ping(seq 1)", "x"], 10)).toEqual({ w: 66, h: 24 });
    expect(lineHitsRect({ x1: 0, y1: 0, x2: 100, y2: 100 }, { x: 50, y: 0, w: 10, h: 10 })).toBe(false);
    expect(lineHitsRect({ x1: 0, y1: 0, x2: 100, y2: 0 }, { x: 50, y: 0, w: 10, h: 10 })).toBe(true);
    const scene = { cols: [0, 200], left: 0, right: 300, placed: [], avoid: [] };
    const line = { x1: 0, y1: 0, x2: 200, y2: -88 };
    const first = placeLabel(line, { w: 60, h: 12 }, scene);
    expect([first.x, first.y]).toEqual([100, -44]);
    const second = placeLabel(line, { w: 60, h: 12 }, scene);
    expect(Math.abs(second.y - first.y)).toBeGreaterThanOrEqual(16);
    expect(second.x - second.w / 2).toBeGreaterThan(0);
  });
});
