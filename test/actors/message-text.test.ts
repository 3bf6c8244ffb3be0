import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMessage, messageText, parseEnvelope, parseMessage } from "../../src/actors/index.js";

/** JSON-like values, as messages may hold. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 3 }),
  ),
})).value;

const message = fc
  .tuple(fc.string({ minLength: 1 }), fc.dictionary(fc.string(), jsonValue, { maxKeys: 4 }))
  .map(([type, fields]) => {
    const m: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (k !== "type" && k !== "__proto__") m[k] = v;
    m.type = type;
    return m;
  });

describe("message text", () => {
  it("is canonical: key order does not matter, and the type comes first", () => {
    const a = messageText({ type: "RequestVote", term: 2, candidate: "n1" });
    expect(a).toBe("RequestVote{candidate: 'n1', term: 2}");
    expect(messageText({ candidate: "n1", term: 2, type: "RequestVote" })).toBe(a);
    expect(messageText({ type: "Ping" })).toBe("Ping");
    expect(messageText({ type: "a b", "odd key": ["x'y", -0, 1.5, null, true], n: undefined })).toBe(
      "'a b'{'odd key': ['x\\'y', 0, 1.5, null, true]}",
    );
  });

  it("decodes back to an equal, frozen message (property)", () => {
    fc.assert(
      fc.property(message, (m) => {
        const text = messageText(m);
        const back = parseMessage(text);
        expect(messageText(back)).toBe(text);
        expect(back).toEqual(JSON.parse(JSON.stringify(m, (_k, v) => (Object.is(v, -0) ? 0 : v))));
        expect(Object.isFrozen(back)).toBe(true);
      }),
    );
  });

  it("decodes envelopes, memoised", () => {
    const env = parseEnvelope("n1->n3 RequestVote{term: 2}");
    expect(env).toEqual({ from: "n1", to: "n3", msg: { type: "RequestVote", term: 2 } });
    expect(parseEnvelope("n1->n3 RequestVote{term: 2}")).toBe(env);
  });

  it.each([
    [{ type: "M", s: new Set([1]) }, "msg.s is a Set"],
    [{ type: "M", n: Number.NaN }, "msg.n is NaN"],
    [{ type: "M", f: () => 1 }, "msg.f is a function"],
    [{ type: "M", a: [undefined] }, "msg.a[0] is undefined"],
    [{ type: "" }, "non-empty string `type`"],
  ])("refuses what is not JSON-like: %o", (m, message) => {
    expect(() => messageText(m)).toThrow(message);
  });
});

describe("formatMessage", () => {
  it("reads like a call, quoting only strings that need it", () => {
    expect(formatMessage({ type: "RequestVote", term: 2 } as never)).toBe("RequestVote(term 2)");
    expect(
      formatMessage({ type: "Append", entries: [{ term: 1, cmd: "set x" }], leader: "n1" } as never),
    ).toBe('Append(entries [{term: 1, cmd: "set x"}], leader n1)');
    expect(formatMessage({ type: "Ping" })).toBe("Ping");
  });
});
