#!/usr/bin/env node
// Runs a TypeScript file (bench scripts) with tsx's loader registered: `node bin/run-ts.js FILE [args]`.
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register();
const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node bin/run-ts.js FILE.ts [args...]\n");
  process.exit(2);
}
process.argv.splice(1, 1);
await import(pathToFileURL(file).href);
