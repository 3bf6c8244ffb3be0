import { describe, expect, it } from "vitest";
import {
  historyFromOperations,
  kvModel,
  perKey,
  resolveSearchOptions,
} from "../../../src/consistency/index.js";
import type { SequentialModel } from "../../../src/consistency/models/model.js";
import { partitionsOf, runPartitions, searchOnce } from "../../../src/consistency/search/partitions.js";

const h = historyFromOperations([
  { process: 0, f: "append", key: "a", value: "x" },
  { process: 1, f: "get", key: "b", result: "" },
  { process: 2, f: "get", key: "a", result: "y", status: "fail" },
  { process: 3, f: "get", key: "a", result: "wrong" },
]);
const model = perKey(kvModel()) as SequentialModel<unknown>;

describe("partitions", () => {
  it("splits live operations by key, or not at all", () => {
    expect(partitionsOf(h.ops, model, true).map((p) => [p.key, p.ops.length])).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
    expect(partitionsOf(h.ops, model, false)).toHaveLength(1);
  });

  it("stops at the illegal partition", () => {
    const out = runPartitions(partitionsOf(h.ops, model, true), resolveSearchOptions());
    expect(out.status === "illegal" && out.part.key).toBe("a");
    expect(
      searchOnce(partitionsOf(h.ops, model, true)[1]!.ops, kvModel() as SequentialModel<unknown>, 100).status,
    ).toBe("ok");
  });
});
