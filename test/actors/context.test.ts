import { describe, expect, it } from "vitest";
import { type ActorContext, defineActors, inFlight } from "../../src/actors/index.js";
import { check, compileSpec } from "../../src/index.js";

type Msg = { type: "Hello"; from: string } | { type: "Bye" };

/** One spec whose starting node does whatever `act` says. */
function starter(act: (ctx: ActorContext<Msg, "server" | "client">) => void, history = false) {
  return defineActors({
    name: "starter",
    messages: {} as Msg,
    history,
    nodes: {
      server: {
        count: 3,
        prefix: "n",
        init: () => ({ hellos: [] as string[] }),
        onMessage: { Hello: (s, m, ctx) => void s.hellos.push(`${m.from}>${ctx.from}`) },
      },
      client: {
        count: 1,
        init: () => ({}),
        onStart: (_s, ctx) => act(ctx),
        onTimer: { retry: () => {} },
      },
    },
  });
}

async function errorOf(spec: ReturnType<typeof starter>): Promise<string> {
  const r = await check(spec);
  return r.result === "error" ? (r.error?.message ?? "") : `no error: ${r.result}`;
}

describe("the handler context", () => {
  it("knows the node, its kind, its peers and every id", () => {
    let seen: unknown;
    compileSpec(
      starter((ctx) => {
        seen = { self: ctx.self, kind: ctx.kind, peers: ctx.peers, nodes: ctx.nodes };
      }),
    );
    expect(seen).toEqual({
      self: "c1",
      kind: "client",
      peers: [],
      nodes: { all: ["n1", "n2", "n3", "c1"], byKind: { server: ["n1", "n2", "n3"], client: ["c1"] } },
    });
  });

  it("broadcasts to a kind, to a list, or to everyone else that handles the type", () => {
    const sendsOf = (act: (ctx: ActorContext<Msg, "server" | "client">) => void) =>
      inFlight(compileSpec(starter(act)).initialStates[0]!).map((m) => m.to);
    expect(sendsOf((ctx) => ctx.broadcast({ type: "Hello", from: "c1" }))).toEqual(["n1", "n2", "n3"]);
    expect(sendsOf((ctx) => ctx.broadcast({ type: "Hello", from: "c1" }, "server"))).toEqual([
      "n1",
      "n2",
      "n3",
    ]);
    expect(sendsOf((ctx) => ctx.broadcast({ type: "Hello", from: "c1" }, ["n2", "c1"]))).toEqual(["n2"]);
  });

  it("tells message handlers who sent the message", async () => {
    const spec = starter((ctx) => ctx.send("n1", { type: "Hello", from: "me" }));
    const r = await check(spec);
    expect(r.distinctStates).toBe(2);
  });

  it.each([
    [
      "an unknown node",
      (ctx: ActorContext<Msg>) => ctx.send("n9", { type: "Hello", from: "c1" }),
      'send to unknown node "n9"',
    ],
    [
      "a kind without the handler",
      (ctx: ActorContext<Msg>) => ctx.send("n1", { type: "Bye" }),
      'kind "server" has no onMessage.Bye handler',
    ],
    [
      "a type nobody handles",
      (ctx: ActorContext<Msg>) => ctx.broadcast({ type: "Bye" }),
      "no kind has an onMessage handler",
    ],
    [
      "an unknown kind",
      (ctx: ActorContext<Msg>) => ctx.broadcast({ type: "Hello", from: "x" }, "servers"),
      'unknown kind "servers"',
    ],
    [
      "an undeclared timer",
      (ctx: ActorContext<Msg>) => ctx.setTimer("retyr"),
      "has no onTimer.retyr handler (its timers: retry)",
    ],
    [
      "a message without a type",
      (ctx: ActorContext<Msg>) => ctx.send("n1", {} as Msg),
      "needs a non-empty string `type`",
    ],
    [
      "a message holding a Set",
      (ctx: ActorContext<Msg>) => ctx.send("n1", { type: "Hello", from: new Set() as never }),
      "msg.from is a Set; use a (sorted) array",
    ],
    [
      "the history when it is off",
      (ctx: ActorContext<Msg>) => ctx.invoke({ f: "read" }),
      "the history is off",
    ],
  ])("fails clearly on %s", async (_what, act, message) => {
    const text = await errorOf(starter(act));
    expect(text).toContain("onStart at c1");
    expect(text).toContain(message);
  });

  it("snapshots what it sends: changing the draft afterwards does not change the message", () => {
    const spec = defineActors({
      name: "snapshot",
      messages: {} as { type: "Log"; entries: number[] },
      nodes: {
        a: {
          count: 1,
          init: () => ({ log: [1] }),
          onStart: (s, ctx) => {
            ctx.send("b1", { type: "Log", entries: s.log });
            s.log.push(2);
          },
        },
        b: { count: 1, init: () => ({}), onMessage: { Log: () => {} } },
      },
    });
    const init = compileSpec(spec, { params: { network: "ordered" } }).initialStates[0]!;
    expect(inFlight(init)[0]?.msg).toEqual({ type: "Log", entries: [1] });
    expect(init.nodes.a.a1?.log).toEqual([1, 2]);
  });
});
