import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KvStrings } from "../../../src/consistency/models/kv-string.js";

describe("KvStrings", () => {
  it("interns by content and compares with plain strings without building them", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 8 }),
        fc.string({ maxLength: 12 }),
        (pieces, other) => {
          const t = new KvStrings();
          const built = pieces.reduce((v, p) => t.append(v, p), t.empty);
          const text = pieces.join("");
          expect(built).toBe(t.of(text));
          expect(built.toString()).toBe(text);
          expect(built.equals(text)).toBe(true);
          expect(built.equals(other)).toBe(other === text);
        },
      ),
    );
  });
});
