import { describe, expect, it } from "vitest";
import pingPong from "../../specs/ping-pong.js";
import { messageFlow } from "../../src/actors/index.js";
import { check, compileSpec, type Spec, type Trace, type TraceStep } from "../../src/index.js";
import { sameMessage } from "./tiny-specs.js";

/** Runs named steps (with their first argument unless one is given) and returns the trace. */
function traceOf<S>(spec: Spec<S>, params: object, steps: [string, unknown?][]): Trace<S> {
  const model = compileSpec(spec, { params: params as never });
  let state: S = model.initialStates[0]!;
  const out: TraceStep<S>[] = [
    { action: "<init>", arg: undefined, argIndex: 0, label: "initial state", state },
  ];
  for (const [action, given] of steps) {
    const a = model.actionNames.indexOf(action);
    const arg = given ?? model.args(a, state)[0];
    state = model.apply(a, state, arg);
    out.push({ action, arg, argIndex: 0, label: model.describeStep(a, arg), state });
  }
  return { spec: model.name, params: model.params, steps: out };
}

const brief = (m: {
  id: number;
  from: string;
  to: string;
  sentAt: number;
  deliveredAt: number[];
  droppedAt?: number;
}) =>
  `#${m.id} ${m.from}->${m.to} sent@${m.sentAt} delivered@[${m.deliveredAt.join(",")}]${m.droppedAt === undefined ? "" : ` dropped@${m.droppedAt}`}`;

describe("messageFlow", () => {
  it("matches each delivery to the send that caused it", async () => {
    const r = await check(pingPong, { bug: "forgetAcked" });
    const flow = messageFlow(r.violations[0]!.trace!);
    expect(flow.messages.map(brief)).toEqual([
      "#0 p1->q1 sent@0 delivered@[1]", // Ping 1, from onStart
      "#1 q1->p1 sent@1 delivered@[2]", // Pong 1
      "#2 p1->q1 sent@2 delivered@[]", // Ping 2, never delivered
      "#3 p1->q1 sent@4 delivered@[5]", // Ping 1 again, after the restart
      "#4 q1->p1 sent@5 delivered@[6]",
      "#5 p1->q1 sent@6 delivered@[]",
    ]);
    expect(flow.events).toEqual([
      { step: 3, kind: "crash", node: "p1" },
      { step: 4, kind: "restart", node: "p1" },
    ]);
  });

  it("tells drops, duplicates and forged messages apart", async () => {
    const t = traceOf(sameMessage, { copies: 2, maxDrops: 1, maxDuplicates: 1 }, [
      ["duplicate"],
      ["drop"],
      ["deliver"],
    ]);
    const flow = messageFlow(t);
    expect(flow.messages.map(brief)).toEqual([
      "#0 s1->r1 sent@0 delivered@[] dropped@2",
      "#1 s1->r1 sent@0 delivered@[3]",
      "#2 s1->r1 sent@1 delivered@[]",
    ]);
    expect(flow.messages[2]?.duplicateOf).toBe(0);
    const byz = await check(pingPong, { bug: "byzantinePonger" });
    expect(
      messageFlow(byz.violations[0]!.trace!)
        .messages.filter((m) => m.forged)
        .map(brief),
    ).toEqual(["#0 q1->p1 sent@1 delivered@[2]"]);
  });

  it("follows FIFO queues position by position", () => {
    const t = traceOf(sameMessage, { copies: 2, network: "ordered", maxDrops: 1 }, [
      ["drop", { from: "s1", to: "r1", msg: { type: "M", v: 1 }, at: 1 }],
      ["deliver"],
    ]);
    expect(messageFlow(t).messages.map(brief)).toEqual([
      "#0 s1->r1 sent@0 delivered@[2]",
      "#1 s1->r1 sent@0 delivered@[] dropped@1",
    ]);
  });
});
