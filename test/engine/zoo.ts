/**
 * A zoo of tiny models shared by the engine tests (Stateright's test utilities): each has a
 * state space small enough to count by hand.
 */

import { defineSpec, range } from "../../src/index.js";

/** A counter 0..max; `inc` stutters at max so there is no deadlock. 1 + max states. */
export const counter = defineSpec({
  name: "counter",
  params: { max: 3 },
  init: () => ({ n: 0 }),
  actions: {
    inc: {
      do: (d, _a, { max }) => {
        if (d.n < max) d.n++;
      },
    },
  },
  invariants: { belowMax: (s, { max }) => s.n <= max },
  witnesses: { reachesMax: (s, { max }) => s.n === max },
});

/**
 * Die Hard's jugs: a 3- and a 5-gallon jug; the "invariant" big !== 4 is violated in 6 steps
 * (the shortest solution). 16 reachable states.
 */
export const dieHard = defineSpec({
  name: "die-hard",
  init: () => ({ small: 0, big: 0 }),
  actions: {
    fillSmall: { do: (d) => void (d.small = 3) },
    fillBig: { do: (d) => void (d.big = 5) },
    emptySmall: { do: (d) => void (d.small = 0) },
    emptyBig: { do: (d) => void (d.big = 0) },
    smallToBig: {
      do: (d) => {
        const pour = Math.min(d.small, 5 - d.big);
        d.small -= pour;
        d.big += pour;
      },
    },
    bigToSmall: {
      do: (d) => {
        const pour = Math.min(d.big, 3 - d.small);
        d.big -= pour;
        d.small += pour;
      },
    },
  },
  invariants: { notFour: (s) => s.big !== 4 },
});

/** A DAG from node 0 to sink 5 (deadlocks at 5): 0→1, 0→2, 1→3, 2→3, 3→4, 3→5, 4→5. */
const dagEdges: Record<number, number[]> = { 0: [1, 2], 1: [3], 2: [3], 3: [4, 5], 4: [5], 5: [] };
export const dag = defineSpec({
  name: "dag",
  init: () => ({ at: 0 }),
  actions: {
    go: {
      over: (s) => dagEdges[s.at] ?? [],
      do: (d, to: number) => {
        d.at = to;
      },
    },
  },
  witnesses: { atSink: (s) => s.at === 5 },
});

/** An action that throws once the counter reaches 2. */
export const throwing = defineSpec({
  name: "throwing",
  init: () => ({ n: 0 }),
  actions: {
    inc: {
      do: (d) => {
        if (d.n === 2) throw new Error("boom at two");
        d.n++;
      },
    },
  },
});

let flips = 0;
/** Nondeterministic on purpose: `step` goes to a different state each time it is called. */
export const nondeterministic = defineSpec({
  name: "nondeterministic",
  init: () => ({ n: 0 }),
  actions: {
    step: {
      when: (s) => s.n < 3,
      do: (d) => {
        flips++;
        d.n += flips;
      },
    },
  },
  deadlock: false,
  invariants: { small: (s) => s.n < 3 },
});

/**
 * A grid walk with arguments, for coverage and constraint tests: x, y in 0..n-1, and the
 * constraint x + y < 4 keeps 8 of the 9 cells for n = 3 (not 2,2).
 */
export const grid = defineSpec({
  name: "grid",
  params: { n: 3 },
  init: () => ({ x: 0, y: 0 }),
  actions: {
    right: { when: (s, _a, { n }) => s.x < n - 1, do: (d) => void d.x++ },
    up: { when: (s, _a, { n }) => s.y < n - 1, do: (d) => void d.y++ },
    jump: {
      over: (_s, { n }) => range(n),
      when: (s, x) => x !== s.x,
      do: (d, x: number) => {
        d.x = x;
      },
    },
  },
  deadlock: false,
  constraint: (s) => s.x + s.y < 4,
  witnesses: { farthest: (s) => s.x + s.y === 3 },
});
