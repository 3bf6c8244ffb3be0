import { describe, expect, it } from "vitest";
import { compileSpec, defineSpec, isSpec, SpecError } from "../../src/index.js";

const base = { name: "s", init: () => ({ n: 0 }), actions: { inc: { do: () => {} } } };

describe("defineSpec", () => {
  it("returns a spec that compiles with params and bug presets", () => {
    const spec = defineSpec({
      ...base,
      params: { k: 1, bug: "none" },
      invariants: { ok: () => true },
      bugs: { b: { params: { bug: "b" }, violates: "ok" } },
    });
    expect(isSpec(spec)).toBe(true);
    expect(compileSpec(spec, { bug: "b" }).params).toEqual({ k: 1, bug: "b" });
    expect(compileSpec(spec, { bug: "b", params: { k: "4" } }).params).toEqual({ k: 4, bug: "b" });
  });

  it("rejects malformed definitions with the spec's name", () => {
    const bad = (def: object) => () => defineSpec(def as never);
    expect(bad({ ...base, name: "" })).toThrow(SpecError);
    expect(bad({ ...base, actions: {} })).toThrow(/spec "s": `actions` is empty/);
    expect(bad({ ...base, actions: { a: {} } })).toThrow(/action "a" needs a `do` function/);
    expect(bad({ ...base, actions: { a: { do() {}, when: 3 } } })).toThrow(/`when` must be a function/);
    expect(bad({ ...base, inits: () => [] })).toThrow(/exactly one of `init`/);
    expect(bad({ ...base, invariants: { x: 1 } })).toThrow(/invariants\.x must be a function/);
    expect(bad({ ...base, bugs: { b: { params: {}, violates: "nope" } } })).toThrow(
      /bug "b" says it violates "nope", which is not a property/,
    );
  });

  it("keeps action order and argument order as the step identity", () => {
    const spec = defineSpec({
      name: "order",
      init: () => ({ v: "" }),
      actions: {
        b: { over: () => ["y", "x"], do: (d, a: string) => void (d.v += a) },
        a: { do: (d) => void (d.v += "a") },
      },
    });
    const m = compileSpec(spec);
    expect(m.actionNames).toEqual(["b", "a"]);
    expect(m.args(0, m.initialStates[0]!)).toEqual(["y", "x"]);
    expect(m.describeStep(0, "y")).toBe('b("y")');
    expect(m.describeStep(1, undefined)).toBe("a");
  });

  it("supports several initial states, Map and Set drafts", () => {
    const spec = defineSpec({
      name: "maps",
      inits: () => [
        { m: new Map<string, number>(), s: new Set<number>() },
        { m: new Map([["a", 1]]), s: new Set([1]) },
      ],
      actions: {
        put: {
          do: (d) => {
            d.m.set("b", 2);
            d.s.add(2);
          },
        },
      },
    });
    const m = compileSpec(spec);
    expect(m.initialStates).toHaveLength(2);
    const next = m.apply(0, m.initialStates[1]!, undefined);
    expect([...next.m]).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect(Object.isFrozen(m.initialStates[0])).toBe(true);
    expect(m.apply(0, next, undefined)).toBe(next); // a no-op step returns the same reference
  });
});
