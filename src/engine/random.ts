/**
 * Random search on fast-check (the one module that imports it): a walk is a generated list of
 * choice numbers (see walk.ts) plus its setup: for a weighted walk, a schedule of action
 * priorities and aging (walk-schedule.ts) — with the default scheduler "mixed", half the walks
 * are weighted and half uniform — and with swarm testing a mask of disabled actions. fast-check
 * runs `runs` walks from a seed; when one violates a property it shrinks the walk to a
 * shorter, simpler one that still violates the *same* property, and reports the seed and the
 * path that reproduce the shrunk walk exactly (`--seed S --path P`).
 *
 * No completeness: a run that finds nothing is "incomplete", never "ok".
 */

import fc from "fast-check";
import type { Trace, TraceStep } from "../trace/trace.js";
import type { Explorer } from "./explorer.js";
import { minimizeTrace } from "./minimize.js";
import type { ResolvedCheckOptions } from "./options.js";
import type { StopReason, ViolationKind } from "./result.js";
import { Walker, type WalkSetup } from "./walk.js";
import { SCHEDULE_SCALE, type WalkSchedule } from "./walk-schedule.js";

/** What random search found, beyond the explorer's counters. */
export interface RandomOutcome {
  readonly stoppedBy: StopReason;
  readonly seed: number;
  readonly walks: number;
  readonly steps: number;
  readonly violation?: {
    readonly property: string;
    readonly kind: ViolationKind;
    readonly trace: Trace;
    /** fast-check's path to the shrunk walk (give it back with `--path`). */
    readonly path: string;
    /** Length of the walk as first found, before shrinking. */
    readonly foundLength: number;
    /** Length after fast-check's shrinking, before step deletion (minimize.ts). */
    readonly shrunkLength: number;
  };
  /** For each witness, a walk that reaches it (undefined when none did). */
  readonly witnessTraces: readonly (Trace | undefined)[];
}

class Interrupted extends Error {}

const YIELD_EVERY_MS = 50;

/**
 * Shrinking gives up after this many shrink candidates in a row that did not shorten the
 * violating walk. A rare violation makes almost every candidate pass, and fast-check would try
 * them all (tens of thousands of walks for a 50-step walk); past this patience the remaining
 * candidates pass without a walk, so the last failing walk is the shrunk one, and step deletion
 * (minimize.ts) finishes the job. Counts, not times, so that the result does not depend on the
 * machine.
 */
const SHRINK_PATIENCE = 3_000;
/** And it tries at most this many walks in all. */
const SHRINK_BUDGET = 10_000;

/** Draws a seed when none is given (printed with every result, so any run can be repeated). */
export function drawSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
}

/** Runs random walks until `runs`, the time limit, a violation or an interrupt. */
export async function runRandom<S>(
  explorer: Explorer<S>,
  options: ResolvedCheckOptions,
): Promise<RandomOutcome> {
  const walker = new Walker(explorer);
  const nActions = explorer.model.actionNames.length;
  const seed = options.seed ?? drawSeed();
  const choices = fc.array(fc.noBias(fc.nat()), {
    minLength: 1,
    maxLength: options.walkDepth + 1,
    size: "max",
  });
  const mask: fc.Arbitrary<boolean[] | undefined> = options.swarm
    ? fc.array(fc.boolean(), { minLength: nActions, maxLength: nActions })
    : fc.constant(undefined);
  const scale = fc.noBias(fc.integer({ min: 0, max: SCHEDULE_SCALE }));
  const weighted: fc.Arbitrary<WalkSchedule> = fc.record({
    priority: fc.array(scale, { minLength: nActions, maxLength: nActions }),
    spread: scale,
    aging: scale,
  });
  const schedule: fc.Arbitrary<WalkSchedule | undefined> =
    options.scheduler === "uniform"
      ? fc.constant(undefined)
      : options.scheduler === "weighted"
        ? weighted
        : fc.option(weighted, { nil: undefined, freq: 2 }); // "mixed": half the walks each way
  const setup: fc.Arbitrary<WalkSetup> = fc.record({ disabled: mask, schedule });
  let walks = 0;
  let steps = 0;
  let target: string | undefined;
  let firstLength = -1;
  let shrinkWalks = 0;
  /** The shortest violating walk so far, and the shrink candidates run since it was found. */
  let shortest = Number.POSITIVE_INFINITY;
  let sinceShorter = 0;
  let interrupted = false;
  let lastYield = performance.now();
  const property = fc.asyncProperty(choices, setup, async (cs: number[], walkSetup: WalkSetup) => {
    if (options.signal?.aborted) {
      interrupted = true;
      throw new Interrupted();
    }
    if (target !== undefined && (shrinkWalks++ >= SHRINK_BUDGET || sinceShorter >= SHRINK_PATIENCE))
      return true;
    const out = walker.run(cs, walkSetup);
    walks++;
    steps += out.steps;
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((r) => setImmediate(r));
      lastYield = performance.now();
    }
    // While shrinking, only a violation of the property first found counts as a failure.
    if (target === undefined) {
      if (!out.violation) return true;
      target = out.violation.property;
      firstLength = shortest = out.steps;
      return false;
    }
    const fails = out.violation?.property === target;
    if (fails && out.steps < shortest) {
      shortest = out.steps;
      sinceShorter = 0;
    } else sinceShorter++;
    return !fails;
  });
  const details = (await fc.check(property, {
    seed,
    numRuns: options.runs,
    // A replay reproduces the reported walk itself, without shrinking it further.
    ...(options.path !== undefined ? { path: options.path, endOnFailure: true } : {}),
    ...(Number.isFinite(options.timeLimitMs)
      ? { plugins: [fc.interruptAfterTimeLimit(options.timeLimitMs)] }
      : {}),
  })) as fc.RunDetails<[number[], WalkSetup]>;
  walker.counting = false;
  const witnessTraces = walker.witnessWalks.map((w) => (w ? traceOf(walker, w.choices, w.setup) : undefined));
  const base = { seed, walks, steps, witnessTraces };
  if (interrupted) return { ...base, stoppedBy: "interrupted" };
  if (details.failed && details.counterexample) {
    const [cs, walkSetup] = details.counterexample;
    const recorded: TraceStep<S>[] = [];
    const out = walker.run(cs, walkSetup, recorded);
    if (out.violation)
      return {
        ...base,
        stoppedBy: "firstViolation",
        violation: {
          ...out.violation,
          trace: minimizeTrace(
            explorer,
            toTrace(walker, recorded),
            out.violation.property,
            out.violation.kind,
          ),
          shrunkLength: recorded.length - 1,
          path: details.counterexamplePath ?? "",
          foundLength: firstLength < 0 ? out.steps : firstLength,
        },
      };
  }
  return { ...base, stoppedBy: details.interrupted ? "timeLimit" : "runs" };
}

function traceOf<S>(walker: Walker<S>, choices: readonly number[], setup: WalkSetup): Trace<S> {
  const recorded: TraceStep<S>[] = [];
  walker.run(choices, setup, recorded);
  return toTrace(walker, recorded);
}

function toTrace<S>(walker: Walker<S>, steps: TraceStep<S>[]): Trace<S> {
  const m = walker.explorer.model;
  return { spec: m.name, params: m.params, bug: m.bug, steps };
}
