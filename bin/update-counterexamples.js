#!/usr/bin/env node
// Regenerates counterexamples/<spec>/<bug>/ for every bundled bug preset (npm run counterexamples).
import { register } from "tsx/esm/api";

register();
const { updateCounterexamples } = await import("../src/cli/update-counterexamples.ts");
await updateCounterexamples(process.argv[2] ?? "counterexamples", (line) =>
  process.stdout.write(`${line}\n`),
);
