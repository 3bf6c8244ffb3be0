import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkLinearizable, parseEtcdLog, registerModel } from "../../../src/consistency/index.js";
import { dataPath, dataText } from "../helpers.js";

// porcupine/VERDICTS.md: the 23 linearizable etcd logs; the other 79 (of 102) are not, and
// etcd_095.log is empty (no verdict).
const LINEARIZABLE = new Set(
  [2, 5, 7, 18, 25, 31, 38, 45, 48, 49, 51, 53, 56, 67, 75, 76, 80, 87, 92, 98, 100, 101, 102].map(
    (n) => `etcd_${String(n).padStart(3, "0")}.log`,
  ),
);
const files = readdirSync(dataPath("porcupine/jepsen/"))
  .filter((f) => f.endsWith(".log") && f !== "etcd_095.log")
  .sort();

describe("Porcupine etcd logs (register, nil initial value)", () => {
  it("has the 102 files with verdicts", () => {
    expect(files).toHaveLength(102);
    expect(LINEARIZABLE.size).toBe(23);
  });

  it.each(files)("%s matches its verdict", (file) => {
    const history = parseEtcdLog(dataText(`porcupine/jepsen/${file}`), file);
    const result = checkLinearizable(history, registerModel(), { explainTimeoutMs: 500 });
    expect(result.verdict).toBe(LINEARIZABLE.has(file) ? "ok" : "violation");
    if (result.verdict === "violation") {
      // the explanation is itself a failing history, and small
      const sub = { ...history, ops: result.explanation.ops };
      expect(checkLinearizable(sub, registerModel(), { explain: false }).verdict).toBe("violation");
      expect(result.explanation.ops.length).toBeLessThanOrEqual(16);
    }
  });

  it("parses the empty etcd_095.log as an empty, linearizable history", () => {
    const h = parseEtcdLog(dataText("porcupine/jepsen/etcd_095.log"), "etcd_095.log");
    expect(h.ops).toHaveLength(0);
    expect(checkLinearizable(h, registerModel()).ok).toBe(true);
  });

  it("keeps timed-out operations as maybe: etcd_002 has them and is linearizable", () => {
    const h = parseEtcdLog(dataText("porcupine/jepsen/etcd_002.log"), "etcd_002.log");
    expect(h.ops.some((op) => op.status === "unknown")).toBe(true);
    expect(h.ops.some((op) => op.status === "fail")).toBe(true);
  });
});
