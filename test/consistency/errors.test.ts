import { describe, expect, it } from "vitest";
import { ConsistencyInputError, formatLocation } from "../../src/consistency/index.js";

describe("ConsistencyInputError", () => {
  it("names file, line and what to do", () => {
    const e = new ConsistencyInputError(
      "SPC-H002",
      "expected ']'",
      { file: "h.edn", line: 3 },
      "close the vector",
    );
    expect(e.message).toBe("h.edn:3: expected ']'; close the vector");
    expect(e.code).toBe("SPC-H002");
    expect(e.name).toBe("ConsistencyInputError");
    expect([e.file, e.line, e.detail]).toEqual(["h.edn", 3, "expected ']'; close the vector"]);
  });

  it("fills in a file it did not know", () => {
    const e = new ConsistencyInputError("SPC-H003", "bad op", { line: 7 });
    expect(e.messageFor("x.json")).toBe("x.json:7: bad op");
    expect(new ConsistencyInputError("SPC-H003", "bad", { file: "a" }).messageFor("b")).toBe("a: bad");
  });

  it("formats locations", () => {
    expect(formatLocation({})).toBe("");
    expect(formatLocation({ file: "a.log" })).toBe("a.log: ");
    expect(formatLocation({ line: 2 })).toBe("<input>:2: ");
  });
});
