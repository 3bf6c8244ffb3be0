import { describe, expect, it } from "vitest";
import { registerModel } from "../../../src/consistency/index.js";
import { CompiledModel } from "../../../src/consistency/search/compiled-model.js";
import { WglSearch } from "../../../src/consistency/search/wgl.js";
import { timed } from "../helpers.js";

const search = (ops: ReturnType<typeof timed>["ops"], max = 1e6) =>
  new WglSearch(ops, new CompiledModel(registerModel(), ops), { used: 0, max }, true);

describe("WglSearch", () => {
  it("finds a linearization, resumably", () => {
    const h = timed([0, "write", 1, 1, 0, 10], [1, "read", null, 1, 1, 2], [2, "read", null, null, 3, 4]);
    const s = search(h.ops);
    let status = s.run(1);
    while (status === "running") status = s.run(1);
    expect(status).toBe("illegal"); // read of nil after a read of 1 that returned first
    const ok = search(
      timed([0, "write", 1, 1, 0, 10], [2, "read", null, null, 3, 4], [1, "read", null, 1, 5, 6]).ops,
    );
    expect(ok.run(1000)).toBe("ok");
    expect(ok.longest.length).toBe(3);
  });

  it("treats touching intervals as concurrent (closed intervals)", () => {
    const h = timed([0, "write", 1, 1, 0, 5], [1, "read", null, null, 5, 6]);
    expect(search(h.ops).run(1000)).toBe("ok");
  });

  it("stops with 'budget' when the configuration budget runs out", () => {
    const ops = timed(
      ...Array.from({ length: 12 }, (_, i): [number, string, unknown, unknown, number, number | null] => [
        i,
        "write",
        i,
        i,
        0,
        null,
      ]),
      [99, "read", null, 42, 1, 2],
    ).ops;
    expect(search(ops, 50).run(1e6)).toBe("budget");
  });
});
