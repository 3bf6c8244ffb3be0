import { describe, expect, it } from "vitest";
import { historyFromJson, parseJsonHistory } from "../../src/consistency/index.js";

describe("Specter JSON histories", () => {
  it("reads events, with init and datatype hints", () => {
    const h = parseJsonHistory(
      JSON.stringify({
        init: 0,
        datatype: "register",
        events: [
          { process: 0, type: "invoke", f: "write", value: 1 },
          { process: 1, type: "invoke", f: "read" },
          { process: 0, type: "ok", f: "write", value: 1 },
          { process: 1, type: "ok", f: "read", value: 1 },
        ],
      }),
      "h.json",
    );
    expect(h.ops.map((o) => [o.f, o.result, o.complete])).toEqual([
      ["write", 1, 2],
      ["read", 1, 3],
    ]);
    expect(h.hints).toEqual({ initialValue: 0, datatype: "register" });
  });

  it("accepts the short aliases of the literature files (p, arg, ret, ops)", () => {
    const ev = historyFromJson({
      events: [
        { p: 0, type: "invoke", f: "write", arg: "B" },
        { p: 1, type: "invoke", f: "read" },
        { p: 1, type: "ok", ret: "A" },
      ],
    });
    expect(ev.ops.map((o) => [o.process, o.f, o.value, o.result, o.status])).toEqual([
      [0, "write", "B", undefined, "unknown"],
      [1, "read", null, "A", "ok"],
    ]);
    const ops = historyFromJson({ ops: [{ p: 0, f: "append", key: "x", value: 0 }] });
    expect(ops.ops[0]!.result).toBe(0);
  });

  it("reads operations with times and statuses, and sessions without real time", () => {
    const h = historyFromJson({
      operations: [
        { process: "a", f: "write", value: 1, invoke: 0, complete: 10 },
        { process: "b", f: "write", value: 2, status: "info", invoke: 5 },
      ],
    });
    expect(h.ops.map((o) => [o.status, o.complete])).toEqual([
      ["ok", 10],
      ["unknown", Infinity],
    ]);
    const s = historyFromJson({ sessions: { p1: [{ f: "read", key: "x", value: null }] } });
    expect([s.realTime, s.ops[0]!.process]).toEqual([false, "p1"]);
  });

  it.each([
    ["{", /h\.json:1: invalid JSON/],
    ["[]", /the top level is not an object/],
    ["{}", /has none of "events", "operations", "sessions"/],
    ['{"events": [], "sessions": {}}', /has events and sessions/],
    ['{"events": [{"process": 0, "type": "begin"}]}', /events\[0\] has type "begin"/],
    ['{"events": [{"type": "invoke"}]}', /events\[0\] has no "process"/],
    ['{"operations": [{"process": 0}]}', /operations\[0\] has no "f"/],
    ['{"operations": [{"f": "read", "status": "maybe"}]}', /has status "maybe"/],
    ['{"operations": [{"f": "read", "invoke": 1}, {"f": "read"}]}', /invoke times for some operations only/],
    ['{"sessions": {"a": [{"f": "r", "key": {}}]}}', /key that is not a string/],
  ])("rejects %s with the file and the JSON path", (text, message) => {
    expect(() => parseJsonHistory(text, "h.json")).toThrow(message);
  });
});
