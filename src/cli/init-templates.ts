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

/** The actor spec template for `specter init <name> --actors`. */
export function actorSpecTemplate(name: string): string {
  return `/**
 * ${name}: say here what protocol this models, what is abstracted away, and the bounds.
 *
 * Run it:   npx specter check specs/${name}.ts
 * Its bug:  npx specter check specs/${name}.ts --bug noRetry
 *
 * This template is a client that writes values to a server over a network that may lose one
 * message (one drop by default: -p maxDrops=2 allows more). The client retries on a timer, and
 * the server acknowledges each write. Replace the nodes, messages and properties with your
 * protocol's; docs/guide/actors.md explains every part.
 */

import { type ActorContext, type ActorState, defineActors, each, eventually } from "specter";

/** Every message: a union of plain objects with a string \`type\`. */
type Msg = { type: "Write"; value: number } | { type: "Ack"; value: number };

interface Client {
  /** The value being written (0: none yet). */
  writing: number;
  /** Sends of the current write so far (bounded by the \`tries\` param, so the state space is finite). */
  tries: number;
  /** Values acknowledged so far (durable: kept across a crash). */
  acked: number;
}

interface Server {
  /** The last value written. */
  value: number;
}

/** The global state, named for the liveness helpers (which cannot infer it). */
type State = ActorState<{ client: Client; server: Server }, Msg>;

export default defineActors({
  name: "${name}",
  summary: "A client writes values to a server over a lossy network, with retries (replace with your protocol).",
  messages: {} as Msg,
  params: {
    writes: { default: 2, min: 1, doc: "values the client writes, one after another" },
    tries: { default: 2, min: 1, doc: "sends per write: the first and its retries" },
    bug: { default: "none", values: ["none", "noRetry"], doc: "inject a known bug" },
  },
  network: { order: "unordered" },
  faults: { maxDrops: 1 },
  nodes: {
    client: {
      count: 1,
      init: (): Client => ({ writing: 0, tries: 0, acked: 0 }),
      durable: ["acked"],
      onStart(s, ctx) {
        if (s.acked < ctx.params.writes) startWrite(s, ctx);
      },
      onTimer: {
        retry(s, ctx) {
          s.tries++;
          ctx.send("s1", { type: "Write", value: s.writing });
          if (s.tries < ctx.params.tries) ctx.setTimer("retry");
        },
      },
      onMessage: {
        Ack(s, m, ctx) {
          if (m.value !== s.writing) return; // a late ack of an earlier write
          s.acked = m.value;
          ctx.cancelTimer("retry");
          if (s.acked < ctx.params.writes) startWrite(s, ctx);
        },
      },
    },
    server: {
      count: 1,
      init: (): Server => ({ value: 0 }),
      onMessage: {
        Write(s, m, ctx) {
          s.value = Math.max(s.value, m.value);
          ctx.send(ctx.from, { type: "Ack", value: m.value });
        },
      },
    },
  },
  invariants: {
    /** The client never counts a write the server has not stored. */
    ackedIsStored: (s) => Object.values(s.nodes.client).every((c) => c.acked <= (s.nodes.server.s1?.value ?? 0)),
  },
  properties: {
    /** Every write is eventually acknowledged, despite the lost message. */
    allAcked: eventually((s: State, { writes }: { writes: number }) => s.nodes.client.c1?.acked === writes),
  },
  // Each message in flight is eventually delivered or dropped, and an armed timer eventually fires.
  fairness: { weak: [each("deliver"), "timer"] },
  witnesses: {
    done: (s, { writes }) => s.nodes.client.c1?.acked === writes,
  },
  bugs: {
    noRetry: {
      params: { bug: "noRetry" },
      violates: "allAcked",
      doc: "Without the retry timer, one lost message stops the client forever.",
    },
  },
});

/** Starts the next write: send it, and arm the retry timer (unless the bug removes it). */
function startWrite(
  s: Client,
  ctx: ActorContext<Msg, string, { readonly tries: number; readonly bug: string }>,
): void {
  s.writing = s.acked + 1;
  s.tries = 1;
  ctx.send("s1", { type: "Write", value: s.writing });
  if (ctx.params.bug !== "noRetry" && ctx.params.tries > 1) ctx.setTimer("retry");
}
`;
}

/** The test template for an actor spec. */
export function actorTestTemplate(name: string, specImport: string): string {
  return testTemplate(name, specImport)
    .replace('it("catches the overfill bug"', 'it("catches the noRetry bug"')
    .replace(
      'assertViolates(spec, "bounded", { bug: "overfill" })',
      'assertViolates(spec, "allAcked", { bug: "noRetry" })',
    );
}
