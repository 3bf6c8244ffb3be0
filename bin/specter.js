#!/usr/bin/env node
// The `specter` command. Specs are TypeScript files loaded at run time, so the CLI registers
// tsx's loader first and then runs the TypeScript entry point: no build step, for our own
// sources or a user's `./my-protocol.ts`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv);
