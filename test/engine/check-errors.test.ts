import { describe, expect, it } from "vitest";
import { check, defineSpec } from "../../src/index.js";
import { counter, nondeterministic, throwing } from "./zoo.js";

describe("spec faults are results, with the place and the path", () => {
  it("reports an action that throws, with the trace that reaches it", async () => {
    const r = await check(throwing);
    expect(r.result).toBe("error");
    expect(r.error?.code).toBe("SPC-S002");
    expect(r.error?.message).toMatch(/do of inc threw Error: boom at two/);
    expect(r.error?.trace?.steps.map((s) => s.state)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
  });

  it("reports nondeterminism found while rebuilding a counterexample", async () => {
    const r = await check(nondeterministic);
    expect(r.result).toBe("error");
    expect(r.error?.code).toBe("SPC-S004");
    expect(r.error?.message).toMatch(/nondeterministic.*Math\.random.*Date\.now/);
  });

  it("rejects non-plain state with the path to the offending value", async () => {
    const spec = defineSpec({
      name: "bad-state",
      init: () => ({ nodes: [{ at: new Date(0) }] }),
      actions: { noop: { do: () => {} } },
    });
    const r = await check(spec);
    expect(r.error?.code).toBe("SPC-S003");
    expect(r.error?.message).toMatch(/state\.nodes\[0\]\.at is an instance of class Date/);
  });

  it("rejects Set elements that are objects, naming the fix", async () => {
    const spec = defineSpec({
      name: "object-set",
      init: () => ({ msgs: new Set<{ to: number }>() }),
      actions: {
        send: {
          when: (s) => s.msgs.size === 0,
          do: (d) => {
            d.msgs.add({ to: 1 });
          },
        },
      },
      deadlock: false,
    });
    const r = await check(spec);
    expect(r.error?.code).toBe("SPC-S003");
    expect(r.error?.message).toMatch(
      /state\.msgs\{…\} is a Set element that is an object.*string or number key/,
    );
  });

  it("rejects NaN in state", async () => {
    const spec = defineSpec({
      name: "nan",
      init: () => ({ x: Number.NaN }),
      actions: { noop: { do: () => {} } },
    });
    const r = await check(spec);
    expect(r.error?.message).toMatch(/state\.x is the number NaN/);
  });

  it("reports an invariant that throws", async () => {
    const spec = defineSpec({
      name: "inv-throws",
      init: () => ({ n: 0 }),
      actions: { inc: { when: (s) => s.n < 2, do: (d) => void d.n++ } },
      invariants: {
        fragile: (s) => {
          if (s.n === 1) throw new TypeError("cannot read");
          return true;
        },
      },
      deadlock: false,
    });
    const r = await check(spec);
    expect(r.error?.code).toBe("SPC-S002");
    expect(r.error?.message).toMatch(/invariant "fragile" threw TypeError: cannot read/);
    expect(r.error?.trace?.steps).toHaveLength(2);
  });
});

describe("usage errors are results too", () => {
  it("rejects an unknown param, listing the valid ones", async () => {
    const r = await check(counter, { params: { mx: 3 } });
    expect(r.error?.code).toBe("SPC-U004");
    expect(r.error?.message).toMatch(/unknown param "mx".*Valid params: max: number = 3/);
  });

  it("rejects an ill-typed param value", async () => {
    const r = await check(counter, { params: { max: "lots" } });
    expect(r.error?.code).toBe("SPC-U005");
    expect(r.error?.message).toMatch(/max=lots.*expected a number/);
  });

  it("rejects an unknown bug preset", async () => {
    const r = await check(counter, { bug: "nope" });
    expect(r.error?.code).toBe("SPC-U007");
  });

  it("rejects --only with an unknown property", async () => {
    const r = await check(counter, { only: ["nope"] });
    expect(r.error?.code).toBe("SPC-U008");
    expect(r.error?.message).toMatch(/belowMax/);
  });
});

describe("vacuity", () => {
  it("fails a complete check whose witness is never reached", async () => {
    const spec = defineSpec({
      name: "vacuous",
      init: () => ({ n: 0 }),
      actions: { inc: { when: (s) => s.n < 2, do: (d) => void d.n++ } },
      witnesses: { reachesTen: (s) => s.n === 10 },
      deadlock: false,
    });
    const r = await check(spec);
    expect(r.result).toBe("violation");
    expect(r.violations).toEqual([
      expect.objectContaining({ property: "reachesTen", kind: "unreachedWitness" }),
    ]);
  });

  it("warns about actions that are never enabled", async () => {
    const spec = defineSpec({
      name: "dead-action",
      init: () => ({ n: 0 }),
      actions: {
        inc: { when: (s) => s.n < 1, do: (d) => void d.n++ },
        never: { when: () => false, do: () => {} },
      },
      deadlock: false,
    });
    const r = await check(spec);
    expect(r.warnings).toContain("action never is never enabled");
  });
});

describe("action invariants", () => {
  it("checks every step and shows the offending step last", async () => {
    const spec = defineSpec({
      name: "monotone",
      init: () => ({ n: 0 }),
      actions: {
        inc: { when: (s) => s.n < 3, do: (d) => void d.n++ },
        reset: { when: (s) => s.n === 2, do: (d) => void (d.n = 0) },
      },
      actionInvariants: { neverDecreases: (b, a) => a.n >= b.n },
      deadlock: false,
    });
    const r = await check(spec);
    expect(r.violations[0]).toMatchObject({ property: "neverDecreases", kind: "actionInvariant" });
    expect(r.violations[0]?.trace?.steps.map((s) => s.label)).toEqual([
      "initial state",
      "inc",
      "inc",
      "reset",
    ]);
  });
});

describe("views", () => {
  it("fingerprints the view: states equal under it are one state", async () => {
    const spec = defineSpec({
      name: "viewed",
      init: () => ({ n: 0, steps: 0 }),
      actions: {
        inc: {
          when: (s) => s.n < 3,
          do: (d) => {
            d.n = (d.n + 1) % 2;
            d.steps++;
          },
        },
      },
      view: (s) => s.n,
      deadlock: false,
    });
    const r = await check(spec);
    expect(r.distinctStates).toBe(2);
  });
});

describe("a spec that mutates a state outside an action's do", () => {
  // `when` mutates the state it is asked about: legal nowhere, caught where states are frozen.
  const mutatesInWhen = (from: number) =>
    defineSpec({
      name: "mutates-in-when",
      params: { max: { default: 12_000, min: 1 } },
      init: () => ({ n: 0, seen: [] as number[] }),
      actions: {
        inc: {
          when: (s, _a, { max }) => {
            if (s.n >= from) (s.seen as number[]).push(s.n);
            return s.n < max;
          },
          do: (d) => {
            d.n++;
            d.seen = []; // a fresh array each step: frozen only when the step is guarded
          },
        },
      },
      deadlock: false,
    });

  it("is caught in the first steps, whose states are frozen", async () => {
    const r = await check(mutatesInWhen(3));
    expect(r.result).toBe("error");
    expect(r.error?.code).toBe("SPC-S002");
    expect(r.error?.message).toMatch(/when of inc threw TypeError: Cannot add property 0/);
  });

  it("is caught in any step with freezeStates", async () => {
    expect((await check(mutatesInWhen(11_000))).result).toBe("ok"); // past the guarded steps
    const r = await check(mutatesInWhen(11_000), { freezeStates: true });
    expect(r.result).toBe("error");
    expect(r.error?.message).toMatch(/when of inc threw TypeError: Cannot add property 0/);
  });
});
