import { beforeAll, describe, expect, it } from "vitest";
import twoPhaseCommit from "../../specs/two-phase-commit.js";
import { check } from "../../src/engine/check.js";
import type { CheckResult } from "../../src/engine/result.js";
import { escapeText, htmlReportOfResult, renderHtmlReport } from "../../src/render/html.js";
import { xmlProblem } from "./xml.js";

const FAKE_SVG =
  '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"><text>graph &amp; co</text></svg>';
let result: CheckResult;

beforeAll(async () => {
  result = await check(twoPhaseCommit, { bug: "commitEarly" });
});

describe("HTML report", () => {
  it("is one self-contained, well-formed page: summary, steps with diffs, inline SVG", () => {
    const html = renderHtmlReport(
      htmlReportOfResult(result, {
        svgs: { consistent: FAKE_SVG },
        replay: { consistent: "npx specter replay x.itf.json" },
      }),
    );
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(xmlProblem(html, ["meta"])).toBeUndefined();
    // No external requests: no scripts, stylesheets, images or fonts fetched from anywhere.
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=/i);
    expect(html).toContain("✘ violation: consistent");
    expect(html).toContain("<td>two-phase-commit</td>");
    expect(html).toContain(
      'rm[0]: <span class="old">&quot;prepared&quot;</span> → <span class="new">&quot;committed&quot;</span>',
    );
    expect(html).toContain('<span class="note">✘ consistent is false here</span>');
    expect(html).toContain('<div class="graph"><svg xmlns="http://www.w3.org/2000/svg">');
    expect(html).not.toContain("<?xml");
    expect(html).toContain("<code>npx specter replay x.itf.json</code>");
  });

  it("escapes everything that comes from the spec", () => {
    expect(escapeText(`<b x='1'>&"`)).toBe("&lt;b x=&#39;1&#39;&gt;&amp;&quot;");
    const weird = { ...result, spec: "<script>alert(1)</script>" };
    const html = renderHtmlReport(htmlReportOfResult(weird));
    expect(html).not.toContain("<script>");
    expect(xmlProblem(html, ["meta"])).toBeUndefined();
  });

  it("shows the sequence chart and the states view, each under a caption, when there are both", () => {
    const both = renderHtmlReport(
      htmlReportOfResult(result, {
        svgs: { consistent: FAKE_SVG },
        sequenceSvgs: { consistent: FAKE_SVG.replace("graph", "chart") },
      }),
    );
    expect(xmlProblem(both, ["meta"])).toBeUndefined();
    const chart = both.indexOf("<h3>Messages between nodes</h3>");
    const states = both.indexOf("<h3>States, step by step</h3>");
    expect(chart).toBeGreaterThan(0);
    expect(states).toBeGreaterThan(chart);
    expect(both).toContain("<text>chart &amp; co</text>");
    const one = renderHtmlReport(htmlReportOfResult(result, { svgs: { consistent: FAKE_SVG } }));
    expect(one).not.toContain("<h3>");
  });

  it("keeps only one property's section with `only`", () => {
    const report = htmlReportOfResult(result, { only: "typeOK" });
    expect(report.counterexamples).toHaveLength(0);
    expect(report.tone).toBe("bad");
  });
});
