/**
 * The `specter` command line: the one module that imports commander. Builds the program, maps
 * commander's own errors (unknown flag, missing argument, bad number) to exit status 2, and
 * dispatches to one function per command.
 */

import { readFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { runHistoryCommand } from "../consistency/history-command.js";
import { checkCommand } from "./check-command.js";
import { ciCommand } from "./ci-command.js";
import { initCommand } from "./init-command.js";
import { ExitCode, type Io, processIo } from "./io.js";
import { listCommand } from "./list-command.js";
import { renderCommand } from "./render-command.js";
import { replayCommand } from "./replay-command.js";
import { watchCommand } from "./watch-command.js";

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

function positiveInt(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0)
      throw new InvalidArgumentError(`${flag} expects a positive integer, got "${v}"`);
    return n;
  };
}

function positiveNumber(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${flag} expects a positive number, got "${v}"`);
    return n;
  };
}

function integer(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31)
      throw new InvalidArgumentError(`${flag} expects a 32-bit integer, got "${v}"`);
    return n;
  };
}

function nonNegativeNumber(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n) || n < 0)
      throw new InvalidArgumentError(`${flag} expects a number of seconds >= 0, got "${v}"`);
    return n;
  };
}

const collect = (v: string, acc: string[]) => [...acc, v];

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("specter")
    .description("Model checker for distributed-protocol specs written in TypeScript.")
    .version(VERSION)
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride()
    .showHelpAfterError("(run specter help for the commands and flags)");

  program
    .command("check")
    .description("explore a spec's reachable states and check its properties")
    .argument("<spec>", "a bundled spec's name (see specter list) or a path to a .ts/.js spec file")
    .option("-p, --param <name=value>", "set a param (repeatable)", collect, [])
    .option("--bug <name>", "apply one of the spec's bug presets")
    .addOption(
      new Option(
        "--strategy <strategy>",
        "bfs: complete, shortest counterexamples; dfs: complete, less memory; random: random walks, shrunk",
      )
        .choices(["bfs", "dfs", "random"])
        .default("bfs"),
    )
    .option(
      "--max-states <n>",
      "stop after n distinct states (result: incomplete)",
      positiveInt("--max-states"),
    )
    .option(
      "--max-depth <n>",
      "do not expand states n steps or more from an initial state",
      positiveInt("--max-depth"),
    )
    .option("--time-limit <seconds>", "stop after this many seconds", positiveNumber("--time-limit"))
    .option(
      "--workers <n>",
      "bfs: expand each level on n worker threads (default 1; same results, see docs/strategies.md)",
      positiveInt("--workers"),
    )
    .option(
      "--checkpoint <dir>",
      "bfs: save the search to dir between levels and when it stops, to continue it with --resume",
    )
    .option(
      "--checkpoint-every <seconds>",
      "with --checkpoint: save at most this often (default 300; 0: after every level)",
      nonNegativeNumber("--checkpoint-every"),
    )
    .option("--resume <dir>", "bfs: continue the search saved in dir (same spec, params and options)")
    .option("--continue", "keep going after a violation: one counterexample per property")
    .option("--runs <n>", "random: number of walks (default 10000)", positiveInt("--runs"))
    .option("--depth <n>", "random: steps per walk at most (default 100)", positiveInt("--depth"))
    .option("--seed <n>", "random: the seed (printed with every random run)", integer("--seed"))
    .option("--path <path>", "random: replay one reported walk exactly (with --seed)")
    .option("--swarm", "random: swarm testing, each walk disables a random subset of actions")
    .addOption(
      new Option(
        "--scheduler <scheduler>",
        "random: how walks choose steps; uniform: every enabled step alike; weighted: random action priorities per walk, and steps enabled longer are likelier; mixed (default): half the walks each way",
      ).choices(["mixed", "weighted", "uniform"]),
    )
    .option("--only <property...>", "check only these invariants")
    .option("--no-deadlock", "do not report states with no enabled action")
    .option(
      "--symmetry",
      "reduce states by the spec's symmetry in random search too (bfs and dfs do by default)",
    )
    .option("--no-symmetry", "do not reduce states by the spec's symmetry")
    .option(
      "--freeze-states",
      "keep every state frozen (slower): a spec that mutates a state outside an action's do fails wherever it does, not only in the first 10,000 steps",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--require-complete", "exit 3 when a bound stopped the search before it was complete")
    .option("--out <dir>", "where counterexamples are written", "counterexamples")
    .option("--no-svg", "do not render SVG counterexamples (ITF and DOT only)")
    .option("--html", "also write a self-contained HTML report per counterexample")
    .option("--progress", "print a progress line to stderr every 5 s even when it is not a terminal")
    .option("--watch", "re-run whenever the spec file (or a file beside it) changes")
    .option("--verbose", "show stack traces of errors")
    .action(async (specArg: string, opts: Record<string, unknown>, cmd: Command) => {
      const deadlockSource = cmd.getOptionValueSource("deadlock");
      const flags = { ...opts, deadlock: deadlockSource === "cli" ? false : undefined } as never;
      if (opts.watch) setExit(await watchCommand(specArg, process.argv.slice(2), io));
      else setExit(await checkCommand(specArg, flags, io));
    });

  program
    .command("list")
    .description("list the bundled specs with their params, properties, witnesses and bugs")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--verbose", "show stack traces of errors")
    .action(async (opts: { format: "text" | "json"; verbose?: boolean }) => {
      setExit(await listCommand(opts, io));
    });

  program
    .command("replay")
    .description("re-run a saved counterexample (ITF file) against the current spec")
    .argument(
      "<trace>",
      "an ITF trace file, e.g. counterexamples/two-phase-commit/commitEarly/consistent.itf.json",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("--verbose", "show both states in full when a step does not replay, and stack traces")
    .action(async (file: string, opts: { format: "text" | "json"; verbose?: boolean }) => {
      setExit(await replayCommand(file, opts, io));
    });

  program
    .command("render")
    .description("draw a saved trace as SVG, DOT or a self-contained HTML page")
    .argument("<trace>", "an ITF trace file")
    .addOption(
      new Option(
        "--view <view>",
        "states: the trace with diffs; sequence: messages between nodes (actor specs); graph: the whole state graph (small specs)",
      )
        .choices(["states", "sequence", "graph"])
        .default("states"),
    )
    .addOption(
      new Option("--format <format>", "output format").choices(["svg", "dot", "html"]).default("svg"),
    )
    .option("-o, --output <file>", "write to this file instead of stdout")
    .option("--max-nodes <n>", "largest state graph --view graph draws", positiveInt("--max-nodes"), 500)
    .option("--verbose", "show stack traces of errors")
    .action(async (file: string, opts: Record<string, unknown>) => {
      setExit(await renderCommand(file, opts as never, io));
    });

  program
    .command("history")
    .description(
      "check a recorded operation history (Jepsen etcd log, Jepsen EDN, or JSON) for a consistency model",
    )
    .argument("<file>", "the history file")
    .addOption(
      new Option("--model <model>", "the sequential object").choices(["register", "kv"]).default("register"),
    )
    .addOption(
      new Option("--check <model>", "the consistency model")
        .choices(["linearizable", "sequential", "causal", "session"])
        .default("linearizable"),
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(
      async (
        file: string,
        opts: {
          model: "register" | "kv";
          check: "linearizable" | "sequential" | "causal" | "session";
          format: "text" | "json";
        },
      ) => {
        setExit(await runHistoryCommand({ file, ...opts }, io));
      },
    );

  program
    .command("ci")
    .description("run the checks of specter.config.ts and fail if any misses its expectation (CI gating)")
    .argument("[config]", "the config file (default: specter.config.ts/.mjs/.js/.json here)")
    .option("--shard <i/n>", "run only the i-th of n slices of the checks")
    .addOption(
      new Option("--format <format>", "report format").choices(["text", "json", "junit"]).default("text"),
    )
    .option("--junit <file>", "also write a JUnit XML report to this file")
    .option("--out <dir>", "where counterexamples are written", "counterexamples")
    .option("--no-svg", "do not render SVG counterexamples")
    .option("--verbose", "show stack traces of errors")
    .action(async (config: string | undefined, opts: Record<string, unknown>) => {
      setExit(await ciCommand(config, opts as never, io));
    });

  program
    .command("init")
    .description("scaffold specs/<name>.ts (a commented spec that passes at once) and its test file")
    .argument("<name>", "the spec's name, lower-case words joined by dashes")
    .option("--dir <dir>", "project directory (default: the working directory)")
    .option("--actors", "a message-passing (actor) spec instead of a state machine")
    .option("--verbose", "show stack traces of errors")
    .action(async (name: string, opts: { dir?: string; actors?: boolean; verbose?: boolean }) => {
      setExit(await initCommand(name, opts, io));
    });

  return program;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit status. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exit: number = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0 through exitOverride too
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.error;
    }
    throw e;
  }
  return exit;
}
