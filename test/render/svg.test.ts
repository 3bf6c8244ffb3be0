import { describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check } from "../../src/engine/check.js";
import { traceToStatesDot } from "../../src/render/dot-states.js";
import { dotToSvg, svgForHtml } from "../../src/render/svg.js";
import { xmlProblem } from "./xml.js";

// Few tests on purpose: the first dotToSvg loads Graphviz's wasm.
describe("dotToSvg", () => {
  it("renders a counterexample's states view as well-formed SVG, with font fallbacks", async () => {
    const r = await check(twoPhaseCommit, { bug: "commitEarly" });
    const v = r.violations[0]!;
    const svg = await dotToSvg(traceToStatesDot(v.trace!, { property: v.property, kind: v.kind }));
    expect(svg.startsWith("<?xml")).toBe(true);
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain("consistent is false here");
    expect(svg).toContain("&quot;committed&quot;");
    expect(svg).toContain(
      'font-family="SFMono-Regular,Menlo,Consolas,DejaVu Sans Mono,Liberation Mono,Courier New,Courier,monospace"',
    );
    expect(svgForHtml(svg).startsWith("<svg")).toBe(true);
  });

  it("escapes data that looks like markup, and rejects DOT it cannot parse", async () => {
    const svg = await dotToSvg(
      'digraph { a [label=<x &lt;/svg&gt; &amp; &quot;y&quot;>]; a -> b [label="<&>"]; }',
    );
    expect(xmlProblem(svg)).toBeUndefined();
    await expect(dotToSvg("digraph { a -> ; }")).rejects.toThrow(
      /Graphviz could not lay out the DOT text: syntax error/,
    );
  });
});

describe("xmlProblem (the test helper)", () => {
  it("catches unbalanced tags and raw ampersands", () => {
    expect(xmlProblem("<a><b></a>")).toMatch(/unbalanced/);
    expect(xmlProblem("<a>x & y</a>")).toMatch(/stray &/);
    expect(xmlProblem('<a x="1"><b/></a>')).toBeUndefined();
  });
});
