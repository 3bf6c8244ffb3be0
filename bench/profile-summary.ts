/**
 * Where the time goes: self time of a CPU profile grouped by part of the system, for
 * docs/performance.md. Make the profile with
 *   node --cpu-prof --cpu-prof-dir=prof bin/run-ts.js bench/measure.ts two-phase-commit rms=7
 * then run: node bin/run-ts.js bench/profile-summary.ts prof/<file>.cpuprofile [--top N]
 */

import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
}

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: profile-summary.ts FILE.cpuprofile [--top N]\n");
  process.exit(2);
}
const topAt = process.argv.indexOf("--top");
const top = topAt >= 0 ? Number(process.argv[topAt + 1]) : 15;
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** The part of the system a frame belongs to. */
function part(n: ProfileNode): string {
  const { url, functionName } = n.callFrame;
  if (functionName === "(garbage collector)") return "garbage collector";
  if (functionName === "(idle)" || functionName === "(program)") return "idle / program";
  if (url.includes("/immer/")) return "immer (produce, drafts, finalise)";
  if (url.includes("/src/state/")) return "fingerprint and visited set";
  if (url.includes("/src/engine/")) return "engine loop";
  if (url.includes("/src/spec/")) return "model wrappers and producer";
  if (url.includes("/specs/")) return "spec code (over / when / do)";
  if (url.includes("/src/actors/")) return "actor layer";
  if (url.includes("/node_modules/") || url.startsWith("node:") || url === "")
    return "Node, loader, built-ins";
  return "other";
}

const parts = new Map<string, number>();
const frames = new Map<string, number>();
for (const id of profile.samples) {
  const n = byId.get(id);
  if (!n) continue;
  parts.set(part(n), (parts.get(part(n)) ?? 0) + 1);
  const where = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").slice(-2).join("/")}`;
  frames.set(where, (frames.get(where) ?? 0) + 1);
}
const total = profile.samples.length;
const pct = (c: number) => `${((100 * c) / total).toFixed(1)}%`;
console.log(`${total} samples\n\n| where | share of samples |\n|---|---:|`);
for (const [k, c] of [...parts].sort((a, b) => b[1] - a[1])) console.log(`| ${k} | ${pct(c)} |`);
console.log(`\n| function (top ${top}) | self |\n|---|---:|`);
for (const [k, c] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`| ${k} | ${pct(c)} |`);
