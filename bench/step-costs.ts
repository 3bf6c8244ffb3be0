/**
 * What one transition costs, part by part, on two-phase-commit states: the `when` guards, the
 * step through immer (guarded: development build with autoFreeze; fast: production build
 * without; ADR 0007), the fingerprint, and for reference a hand-written copy of the same
 * changes. Prints Markdown tables for docs/performance.md and the ADR.
 *
 * Usage: node bin/run-ts.js bench/step-costs.ts [--rms N] [--states N]
 */

import { loadSpec } from "../src/cli/load-spec.js";
import { type Draft, GUARDED_STEPS, StateProducer } from "../src/spec/draft.js";
import { compileSpec } from "../src/spec/model.js";
import { fingerprintLo } from "../src/state/fingerprint.js";

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const rms = flag("--rms", 8);
const want = flag("--states", 60_000);

type RM = "working" | "prepared" | "committed" | "aborted";
interface State {
  rm: RM[];
  tm: string;
  tmPrepared: Set<number>;
  msgs: Set<string>;
}

/** Median of `runs` timings of `body` (ns per op). */
function nsPerOp(ops: number, body: () => void, runs = 5): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    body();
    times.push(((performance.now() - t) * 1e6) / ops);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(runs / 2)]!);
}

function fastProducer(): StateProducer {
  const p = new StateProducer();
  const s = { n: 0 };
  for (let i = 0; i < GUARDED_STEPS; i++)
    p.apply(s, (d: Draft<{ n: number }>) => void d.n++, undefined, undefined);
  return p;
}

// Part 1: a BFS prefix of two-phase-commit, then each part of a transition over its steps.
const { spec } = await loadSpec("two-phase-commit");
const model = compileSpec(spec, { params: { rms }, freezeStates: true });
const seen = new Set<number>();
const states: State[] = [];
let level = [...model.initialStates] as State[];
while (states.length < want && level.length > 0) {
  const next: State[] = [];
  for (const s of level) {
    states.push(s);
    for (let a = 0; a < model.actionNames.length; a++)
      for (const arg of model.args(a, s)) {
        if (!model.enabled(a, s, arg)) continue;
        const n = model.apply(a, s, arg) as State;
        const h = fingerprintLo(n);
        if (!seen.has(h)) {
          seen.add(h);
          next.push(n);
        }
      }
  }
  level = next;
}
const steps: [State, number, unknown][] = [];
for (const s of states)
  for (let a = 0; a < model.actionNames.length; a++)
    for (const arg of model.args(a, s)) if (model.enabled(a, s, arg)) steps.push([s, a, arg]);
type Recipe = (d: Draft<State>, arg: unknown, params: unknown) => unknown;
const recipes = spec.actionNames.map(
  (n) => (spec.definition.actions as Record<string, { do: Recipe }>)[n]!.do,
);
const guarded = new StateProducer(true);
const fast = fastProducer();
// The fast producer works on unfrozen states, as it does in a search past the guarded steps.
const unfrozen = new Map<State, State>();
const thaw = (s: State): State => {
  let t = unfrozen.get(s);
  if (!t) {
    t = { rm: [...s.rm], tm: s.tm, tmPrepared: new Set(s.tmPrepared), msgs: new Set(s.msgs) };
    unfrozen.set(s, t);
  }
  return t;
};
const fastSteps = steps.map(([s, a, arg]) => [thaw(s), a, arg] as const);
const successors = steps.map(([s, a, arg]) => model.apply(a, s, arg));
const n = steps.length;
const guards = nsPerOp(n, () => {
  for (const s of states)
    for (let a = 0; a < model.actionNames.length; a++)
      for (const arg of model.args(a, s)) model.enabled(a, s, arg);
});
const applyGuarded = nsPerOp(n, () => {
  for (const [s, a, arg] of steps) guarded.apply(s, recipes[a]!, arg, model.params);
});
const applyFast = nsPerOp(n, () => {
  for (const [s, a, arg] of fastSteps) fast.apply(s, recipes[a]!, arg, model.params);
});
const hash = nsPerOp(n, () => {
  for (const s of successors) fingerprintLo(s);
});
console.log(`two-phase-commit rms=${rms}: ${states.length} states, ${n} enabled steps\n`);
console.log("| part of a transition | ns per enabled step (median of 5) |");
console.log("|---|---:|");
console.log(`| \`when\` guards (all actions and arguments of the state) | ${guards} |`);
console.log(`| step, guarded (immer development build, autoFreeze) | ${applyGuarded} |`);
console.log(`| step, fast (immer production build, no freeze) | ${applyFast} |`);
console.log(`| fingerprint of the successor | ${hash} |`);

// Part 2: single recipes on one state, against a hand-written copy of the same change.
const makeState = (): State => ({
  rm: ["working", "prepared", "working", "working", "prepared", "working", "working", "working"],
  tm: "init",
  tmPrepared: new Set([1]),
  msgs: new Set(["prepared:1", "prepared:4"]),
});
const base = makeState();
// A guarded step deep-freezes its whole result, shared parts included: give it its own state.
const frozen = guarded.apply(makeState(), (d: Draft<State>) => void (d.tm = "init!"), undefined, undefined);
const cases: [string, (d: Draft<State>) => void, (s: State) => State][] = [
  ["no change", () => {}, (s) => s],
  ["`d.tm = ...`", (d) => void (d.tm = "committed"), (s) => ({ ...s, tm: "committed" })],
  [
    "`d.rm[2] = ...`",
    (d) => void (d.rm[2] = "aborted"),
    (s) => {
      const rm = s.rm.slice();
      rm[2] = "aborted";
      return { ...s, rm };
    },
  ],
  [
    "`d.msgs.add(...)`",
    (d) => void d.msgs.add("commit"),
    (s) => {
      const msgs = new Set(s.msgs);
      msgs.add("commit");
      return { ...s, msgs };
    },
  ],
  [
    "`d.rm[2] = ...; d.msgs.add(...)`",
    (d) => {
      d.rm[2] = "prepared";
      d.msgs.add("prepared:2");
    },
    (s) => {
      const rm = s.rm.slice();
      rm[2] = "prepared";
      const msgs = new Set(s.msgs);
      msgs.add("prepared:2");
      return { ...s, rm, msgs };
    },
  ],
];
const OPS = 200_000;
console.log("\n| recipe | guarded (frozen state) | fast (unfrozen state) | hand-written copy |");
console.log("|---|---:|---:|---:|");
for (const [name, recipe, hand] of cases) {
  const g = nsPerOp(OPS, () => {
    for (let i = 0; i < OPS; i++) guarded.apply(frozen, recipe, undefined, undefined);
  });
  const f = nsPerOp(OPS, () => {
    for (let i = 0; i < OPS; i++) fast.apply(base, recipe, undefined, undefined);
  });
  const h = nsPerOp(OPS, () => {
    for (let i = 0; i < OPS; i++) hand(base);
  });
  console.log(`| ${name} | ${g} | ${f} | ${h} |`);
}
