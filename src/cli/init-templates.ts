/**
 * The files `specter init` writes: a commented spec that passes `specter check` as it is, and a
 * vitest file that asserts it holds and that its bug preset is caught. Kept as plain template
 * strings so what users get is exactly what is here.
 */

/** The spec template for `specter init <name>`. */
export function specTemplate(name: string): string {
  return `/**
 * ${name}: say here what protocol this models, what is abstracted away, and the bounds.
 *
 * Run it:   npx specter check specs/${name}.ts
 * Its bug:  npx specter check specs/${name}.ts --bug overfill
 *
 * This template is a bounded producer/consumer queue. Replace the state, actions and
 * properties with your protocol's; keep params small so the search stays exhaustive.
 */

import { defineSpec } from "specter";

/** The whole state: plain data only (objects, arrays, strings, numbers, booleans, null, Map, Set). */
interface State {
  /** Items waiting, oldest first. */
  queue: number[];
  /** How many items have been produced and consumed so far. */
  produced: number;
  consumed: number;
}

export default defineSpec({
  name: "${name}",
  summary: "A bounded queue between a producer and a consumer (replace with your protocol).",
  // Params: overridable from the CLI, e.g. -p capacity=3. Keep defaults small.
  params: {
    capacity: { default: 2, min: 1, doc: "queue capacity" },
    items: { default: 3, min: 0, doc: "items the producer makes in all" },
    bug: { default: "none", values: ["none", "overfill"], doc: "inject a known bug" },
  },
  init: (): State => ({ queue: [], produced: 0, consumed: 0 }),
  // Actions: \`when\` says if it is enabled, \`do\` mutates an immer draft of the state.
  // Use \`over: (state, params) => [...]\` to give an action arguments (e.g. which node acts).
  actions: {
    produce: {
      when: (s, _arg, { capacity, items, bug }) =>
        s.produced < items && (bug === "overfill" || s.queue.length < capacity),
      do: (d) => {
        d.queue.push(d.produced);
        d.produced++;
      },
    },
    consume: {
      when: (s) => s.queue.length > 0,
      do: (d) => {
        d.queue.shift();
        d.consumed++;
      },
    },
  },
  // Invariants: must hold in every reachable state.
  invariants: {
    bounded: (s, { capacity }) => s.queue.length <= capacity,
    conservation: (s) => s.produced - s.consumed === s.queue.length,
    inOrder: (s) => s.queue.every((item, i) => item === s.consumed + i),
  },
  // Witnesses: must hold in some reachable state, or the check fails as vacuous.
  witnesses: {
    queueFull: (s, { capacity }) => s.queue.length === capacity,
    allConsumed: (s, { items }) => s.consumed === items,
  },
  // When everything is consumed nothing more can happen: that is the end, not a deadlock.
  deadlock: false,
  // Bug presets: param settings that must violate a property (your regression gate).
  bugs: {
    overfill: { params: { bug: "overfill" }, violates: "bounded", doc: "the producer ignores the capacity" },
  },
});
`;
}

/** The test template for `specter init <name>`. */
export function testTemplate(name: string, specImport: string): string {
  return `import { describe, expect, it } from "vitest";
import { assertHolds, assertViolates } from "specter";
import spec from "${specImport}";

describe("${name}", () => {
  it("holds at the default params", async () => {
    const result = await assertHolds(spec);
    // Pin the state count: a change in it means the model changed.
    expect(result.distinctStates).toBeGreaterThan(0);
  });

  it("catches the overfill bug", async () => {
    await assertViolates(spec, "bounded", { bug: "overfill" });
  });
});
`;
}
