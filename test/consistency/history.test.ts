import { describe, expect, it } from "vitest";
import {
  ConsistencyInputError,
  historyFromEvents,
  historyFromOperations,
  historyFromSessions,
  partitionByKey,
  sessionsOf,
} from "../../src/consistency/index.js";

describe("historyFromEvents", () => {
  it("pairs invokes with completions per process and takes the result from the completion", () => {
    const h = historyFromEvents([
      { process: 0, type: "invoke", f: "write", value: 1 },
      { process: 1, type: "invoke", f: "read", value: null },
      { process: 0, type: "ok", f: "write", value: 1 },
      { process: 1, type: "ok", f: "read", value: 1 },
    ]);
    expect(h.ops.map((o) => [o.id, o.f, o.value, o.result, o.status, o.invoke, o.complete])).toEqual([
      [0, "write", 1, 1, "ok", 0, 2],
      [1, "read", null, 1, "ok", 1, 3],
    ]);
    expect(h.realTime).toBe(true);
  });

  it("makes info and never-completed operations unknown, with no result and no deadline", () => {
    const h = historyFromEvents([
      { process: 0, type: "invoke", f: "write", value: 1 },
      { process: 1, type: "invoke", f: "cas", value: [1, 2] },
      { process: 0, type: "info", f: "write" },
    ]);
    expect(h.ops.map((o) => [o.status, o.result, o.complete])).toEqual([
      ["unknown", undefined, Infinity],
      ["unknown", undefined, Infinity],
    ]);
  });

  it("keeps fail distinct from unknown", () => {
    const h = historyFromEvents([
      { process: 0, type: "invoke", f: "cas", value: [0, 1] },
      { process: 0, type: "fail", f: "cas", value: [0, 1] },
    ]);
    expect(h.ops[0]!.status).toBe("fail");
  });

  it("uses timestamps when every event has one", () => {
    const h = historyFromEvents([
      { process: 0, type: "invoke", f: "read", time: 100 },
      { process: 0, type: "ok", f: "read", value: 3, time: 250 },
    ]);
    expect([h.ops[0]!.invoke, h.ops[0]!.complete]).toEqual([100, 250]);
  });

  it("ignores info notes without an outstanding operation and listed processes", () => {
    const h = historyFromEvents(
      [
        { process: 9, type: "info", f: "start" },
        { process: "nemesis", type: "invoke", f: "kill" },
      ],
      { ignoreProcesses: ["nemesis"] },
    );
    expect(h.ops).toHaveLength(0);
  });

  it("rejects a completion with nothing outstanding and overlapping invokes, naming the line", () => {
    expect(() => historyFromEvents([{ process: 0, type: "ok", line: 4 }], { source: "h.edn" })).toThrow(
      /h\.edn:4: process 0 completes \(ok\) with no operation outstanding/,
    );
    const twice = () =>
      historyFromEvents([
        { process: 0, type: "invoke", f: "read", line: 1 },
        { process: 0, type: "invoke", f: "read", line: 2 },
      ]);
    expect(twice).toThrow(ConsistencyInputError);
    expect(twice).toThrow(/invoked on line 1/);
  });
});

describe("historyFromOperations and historyFromSessions", () => {
  it("defaults to one-after-another times and result = value", () => {
    const h = historyFromOperations([
      { f: "write", value: 1 },
      { f: "read", result: 1 },
    ]);
    expect(h.ops.map((o) => [o.invoke, o.complete, o.result])).toEqual([
      [0, 1, 1],
      [2, 3, 1],
    ]);
  });

  it("builds session histories without real time", () => {
    const h = historyFromSessions({
      a: [
        { f: "write", key: "x", value: 1 },
        { f: "read", key: "x", value: 1 },
      ],
      b: [{ f: "read", key: "x", value: null }],
    });
    expect(h.realTime).toBe(false);
    expect(
      sessionsOf(h.ops)
        .get("a")!
        .map((o) => o.f),
    ).toEqual(["write", "read"]);
    expect([...partitionByKey(h.ops).keys()]).toEqual(["x"]);
  });
});
