/**
 * Type-level checks of `defineActors`' inference (they fail `tsc --noEmit`, not vitest, when
 * inference regresses): the message union narrows per handler, kind states are inferred from
 * `init`, `durable` and `broadcast` groups are checked, params include the layer's.
 */

import { describe, expectTypeOf, it } from "vitest";
import {
  type ActorState,
  defineActors,
  type Envelope,
  inFlight,
  type NodeId,
} from "../../src/actors/index.js";
import { compileSpec } from "../../src/index.js";

type Msg =
  | { type: "RequestVote"; term: number; candidate: NodeId }
  | { type: "AppendEntries"; term: number; entries: { term: number; cmd: string }[] };

interface Server {
  currentTerm: number;
  votedFor: NodeId | null;
  log: { term: number; cmd: string }[];
  role: "follower" | "candidate" | "leader";
}

const raftish = defineActors({
  name: "raftish",
  messages: {} as Msg,
  params: { servers: 3 },
  nodes: {
    server: {
      count: (p) => p.servers,
      prefix: "n",
      init: (): Server => ({ currentTerm: 0, votedFor: null, log: [], role: "follower" }),
      durable: ["currentTerm", "votedFor", "log"],
      onTimer: {
        election: (s, ctx) => {
          s.currentTerm++;
          s.role = "candidate";
          ctx.broadcast({ type: "RequestVote", term: s.currentTerm, candidate: ctx.self }, "server");
          expectTypeOf(ctx.params.servers).toEqualTypeOf<number>();
          expectTypeOf(ctx.params.network).toEqualTypeOf<"unordered" | "ordered">();
        },
      },
      onMessage: {
        RequestVote: (s, m) => {
          expectTypeOf(m).toEqualTypeOf<{ type: "RequestVote"; term: number; candidate: NodeId }>();
          if (m.term > s.currentTerm) s.votedFor = m.candidate;
        },
        AppendEntries: (s, m, ctx) => {
          expectTypeOf(m.entries).toEqualTypeOf<{ term: number; cmd: string }[]>();
          expectTypeOf(ctx.from).toEqualTypeOf<NodeId>();
          s.log.push(...m.entries);
        },
      },
      byzantine: ({ state }) => {
        expectTypeOf(state.nodes.server).toEqualTypeOf<Readonly<Record<NodeId, Server>>>();
        return [];
      },
    },
  },
  invariants: {
    electionSafety: (s) => Object.values(s.nodes.server).filter((n) => n.role === "leader").length <= 1,
  },
});

describe("defineActors' types", () => {
  it("infers the state, the messages and the params", () => {
    const s = compileSpec(raftish).initialStates[0]!;
    expectTypeOf(s).toEqualTypeOf<ActorState<{ server: Server }, Msg>>();
    expectTypeOf(inFlight(s)[0]!).toExtend<Envelope<Msg>>();
  });

  it("rejects what does not fit", () => {
    defineActors({
      name: "wrong",
      messages: {} as Msg,
      nodes: {
        server: {
          count: 1,
          init: (): Server => ({ currentTerm: 0, votedFor: null, log: [], role: "follower" }),
          // @ts-expect-error: not a field of the state
          durable: ["currentTerms"],
          onMessage: {
            RequestVote: (_s, _m, ctx) => {
              // @ts-expect-error: not a kind
              ctx.broadcast({ type: "RequestVote", term: 1, candidate: "n1" }, "servers");
              // @ts-expect-error: not a message of the union
              ctx.send("n1", { type: "Vote", term: 1 });
            },
          },
        },
      },
    });
  });
});
