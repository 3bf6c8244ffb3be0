/**
 * JUnit XML for CI systems (GitHub, GitLab, Jenkins all read it): one test suite per spec, one
 * test case per checked property of a "holds" check (so a report shows which property broke),
 * and one per "violates" check (the bug is still caught). A failure's body is the text report
 * with the counterexample.
 */

import type { CheckResult } from "../engine/result.js";
import { renderResultText } from "../render/text-result.js";
import type { CheckOutcome } from "./run-checks.js";

function esc(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest are escaped.
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

interface Case {
  readonly name: string;
  readonly failure?: { readonly message: string; readonly body: string };
}

function propertiesOf(r: CheckResult): string[] {
  const c = r.checked;
  return [
    ...c.invariants,
    ...c.actionInvariants,
    ...(c.properties ?? []),
    ...(c.deadlock ? ["deadlock"] : []),
  ];
}

function casesOf(o: CheckOutcome): Case[] {
  const body = () => renderResultText(o.result, { coverage: false }).join("\n");
  const r = o.result;
  if (o.check.expect !== "holds") {
    const name = `${o.check.name}: violates ${o.check.expect.violates}`;
    return [o.passed ? { name } : { name, failure: { message: o.reason, body: body() } }];
  }
  if (o.passed && r.result === "incomplete") return [{ name: o.check.name }];
  if (r.result === "error" || r.result === "incomplete" || (!o.passed && r.violations.length === 0))
    return [{ name: o.check.name, failure: { message: o.reason, body: body() } }];
  const cases: Case[] = propertiesOf(r).map((p) => {
    const v = r.violations.find((x) => x.property === p);
    return v
      ? { name: `${o.check.name}: ${p}`, failure: { message: v.message, body: body() } }
      : { name: `${o.check.name}: ${p}` };
  });
  for (const v of r.violations.filter((x) => x.kind === "unreachedWitness"))
    cases.push({ name: `${o.check.name}: ${v.property}`, failure: { message: v.message, body: body() } });
  if (!o.passed && cases.every((c) => !c.failure))
    cases.push({ name: o.check.name, failure: { message: o.reason, body: body() } });
  return cases;
}

/** Renders outcomes as a JUnit XML document. */
export function renderJunit(outcomes: readonly CheckOutcome[]): string {
  const bySpec = new Map<string, CheckOutcome[]>();
  for (const o of outcomes) bySpec.set(o.result.spec, [...(bySpec.get(o.result.spec) ?? []), o]);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let time = 0;
  for (const [spec, os] of bySpec) {
    const cases = os.flatMap((o) =>
      casesOf(o).map((c) => ({ c, seconds: o.result.durationMs / 1000 / casesOf(o).length })),
    );
    const f = cases.filter((x) => x.c.failure).length;
    const t = os.reduce((s, o) => s + o.result.durationMs / 1000, 0);
    tests += cases.length;
    failures += f;
    time += t;
    const body = cases.map(({ c, seconds }) => {
      const open = `    <testcase classname="${esc(spec)}" name="${esc(c.name)}" time="${seconds.toFixed(3)}"`;
      if (!c.failure) return `${open}/>`;
      return `${open}>\n      <failure message="${esc(c.failure.message)}" type="specter">${esc(c.failure.body)}</failure>\n    </testcase>`;
    });
    suites.push(
      `  <testsuite name="${esc(spec)}" tests="${cases.length}" failures="${f}" errors="0" time="${t.toFixed(3)}">\n${body.join("\n")}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="specter" tests="${tests}" failures="${failures}" errors="0" time="${time.toFixed(3)}">\n${suites.join("\n")}\n</testsuites>\n`;
}
