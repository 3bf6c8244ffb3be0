import { describe, expect, it } from "vitest";
import { defineActors } from "../../src/actors/index.js";
import { check, compileSpec, SpecError } from "../../src/index.js";

type Ping = { type: "Ping"; n: number };
let calls = 0;

/** r1 records a module-level counter: a different value on every call. */
const nondeterministic = defineActors({
  name: "nondeterministic",
  messages: {} as Ping,
  nodes: {
    sender: { count: 1, init: () => ({}), onStart: (_s, ctx) => ctx.send("r1", { type: "Ping", n: 1 }) },
    receiver: {
      count: 1,
      init: () => ({ last: 0 }),
      onMessage: {
        Ping: (s) => {
          s.last = ++calls;
        },
      },
    },
  },
});

/** r1 changes the message it received instead of its own state. */
const mutatesMessage = defineActors({
  name: "mutates-message",
  messages: {} as Ping,
  nodes: {
    sender: { count: 1, init: () => ({}), onStart: (_s, ctx) => ctx.send("r1", { type: "Ping", n: 1 }) },
    receiver: {
      count: 1,
      init: () => ({}),
      onMessage: {
        Ping: (_s, m) => {
          (m as { n: number }).n = 2;
        },
      },
    },
  },
});

/** s1 changes a message after sending it. */
const mutatesAfterSend = defineActors({
  name: "mutates-after-send",
  messages: {} as Ping,
  nodes: {
    sender: {
      count: 1,
      init: () => ({}),
      onStart: (_s, ctx) => {
        const m = { type: "Ping" as const, n: 1 };
        ctx.send("r1", m);
        m.n = 2;
        ctx.send("r1", m);
      },
    },
    receiver: { count: 1, init: () => ({}), onMessage: { Ping: () => {} } },
  },
});

/** The code of a SpecError, whether the model passes it through or wraps it (SPC-S002). */
function codeOf(e: unknown): string | undefined {
  if (!(e instanceof SpecError)) return undefined;
  return e.cause instanceof SpecError ? e.cause.code : e.code;
}

describe("paranoid", () => {
  it("is off by default: a nondeterministic handler goes unnoticed here", async () => {
    const r = await check(nondeterministic);
    expect(r.result).toBe("ok");
  });

  it("runs each handler twice and names the one that differs", async () => {
    const r = await check(nondeterministic, { params: { paranoid: true } });
    expect(r.result).toBe("error");
    expect(r.error?.message).toContain("onMessage.Ping at r1 is nondeterministic");
    expect(r.error?.message).toContain("Math.random");
  });

  it("fails with SPC-S010 at the step that runs the handler", () => {
    const model = compileSpec(nondeterministic, { params: { paranoid: true } });
    const init = model.initialStates[0]!;
    const deliver = model.actionNames.indexOf("deliver");
    const step = () => model.apply(deliver, init, model.args(deliver, init)[0]);
    expect(step).toThrow(SpecError);
    try {
      step();
    } catch (e) {
      expect(codeOf(e)).toBe("SPC-S010");
    }
  });

  it("catches a handler that mutates a received message (frozen in every mode): SPC-S011", () => {
    const model = compileSpec(mutatesMessage);
    const init = model.initialStates[0]!;
    const deliver = model.actionNames.indexOf("deliver");
    try {
      model.apply(deliver, init, model.args(deliver, init)[0]);
      expect.unreachable();
    } catch (e) {
      expect(codeOf(e)).toBe("SPC-S011");
      expect(String((e as Error).message)).toContain("onMessage.Ping at r1 mutated a frozen value");
    }
  });

  it("freezes sent messages, so changing one after sending fails loudly", async () => {
    expect((await check(mutatesAfterSend)).result).toBe("ok"); // the text was taken at send time
    const r = await check(mutatesAfterSend, { params: { paranoid: true } });
    expect(r.result).toBe("error");
    expect(r.error?.message).toContain("onStart at s1 mutated a frozen value");
  });

  it("gives the same counts as a normal run on a deterministic spec", async () => {
    const spec = (await import("../../specs/ping-pong.js")).default;
    const [a, b] = await Promise.all([check(spec), check(spec, { params: { paranoid: true } })]);
    expect(b.distinctStates).toBe(a.distinctStates);
    expect(b.result).toBe("ok");
  });
});
