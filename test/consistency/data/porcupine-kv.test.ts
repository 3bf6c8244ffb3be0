import { describe, expect, it } from "vitest";
import {
  checkLinearizable,
  kvModel,
  parseHistory,
  partitionByKey,
  perKey,
  registerModel,
} from "../../../src/consistency/index.js";
import { dataText } from "../helpers.js";

const FILES = [
  ["c01-ok.txt", true],
  ["c01-bad.txt", false],
  ["c10-ok.txt", true],
  ["c10-bad.txt", false],
  ["c50-ok.txt", true],
  ["c50-bad.txt", false],
] as const;

const load = (file: string) => parseHistory(dataText(`porcupine/kv/${file}`), file);

describe("Porcupine kv histories (get/put/append, partitioned by key)", () => {
  it.each(FILES)("%s is linearizable: %s", (file, expected) => {
    const r = checkLinearizable(load(file), perKey(kvModel()));
    expect(r.verdict).toBe(expected ? "ok" : "violation");
  });

  it.each(FILES.filter(([f]) => !f.startsWith("c50")))(
    "%s gives the same verdict unpartitioned",
    (file, expected) => {
      const r = checkLinearizable(load(file), perKey(kvModel()), { partition: false, explain: false });
      expect(r.ok).toBe(expected);
    },
  );

  // Per-key detail from porcupine/VERDICTS.md (derived by the data's authors, not asserted upstream).
  it.each([
    ["c01-bad.txt", ["7"]],
    ["c10-bad.txt", ["0", "1", "2", "3", "5", "6", "7", "9"]],
  ] as const)("%s: exactly keys %j are not linearizable", (file, badKeys) => {
    const h = load(file);
    const bad = [...partitionByKey(h.ops)]
      .filter(([, ops]) => !checkLinearizable({ ...h, ops }, kvModel(), { explain: false }).ok)
      .map(([k]) => k)
      .sort();
    expect(bad).toEqual([...badKeys]);
  });

  it("c50-bad: the violation is on one of the keys known to be bad", () => {
    const r = checkLinearizable(load("c50-bad.txt"), perKey(kvModel()));
    expect(r.verdict).toBe("violation");
    if (r.verdict === "violation") expect(["1", "2", "3", "4", "6", "8"]).toContain(r.explanation.key);
  });

  it("a register model on kv data reports the kv operation it does not know", () => {
    expect(() => checkLinearizable(load("c01-ok.txt"), perKey(registerModel()))).toThrow(
      /no operation 'append'/,
    );
  });
});
