import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type HistoryCommandOptions, runHistoryCommand } from "../../src/consistency/index.js";
import { dataPath, dataText } from "./helpers.js";

async function run(opts: Partial<HistoryCommandOptions> & { file: string }) {
  let out = "";
  let err = "";
  const code = await runHistoryCommand(
    { model: "register", check: "linearizable", format: "text", ...opts },
    { stdout: (s) => (out += s), stderr: (s) => (err += s) },
  );
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), "specter-history-"));
function tempFile(name: string, content: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}
const literature = (file: string, id: string) =>
  (JSON.parse(dataText(`literature/${file}`)).histories as { id: string }[]).find((h) => h.id === id)!;

describe("runHistoryCommand", () => {
  it("exits 0 for a linearizable etcd log and 1 with a timeline for a bad one", async () => {
    const ok = await run({ file: dataPath("porcupine/jepsen/etcd_002.log") });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/etcd_002\.log: linearizability \(register model\): holds\n$/);
    const bad = await run({ file: dataPath("porcupine/jepsen/etcd_000.log") });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("linearizability (register model): VIOLATED");
    expect(bad.out).toContain("process  invoke  return  operation");
    expect(bad.out).toMatch(/p\d+ +\|-+\| +read\(\) -> 2/);
  });

  it("checks kv histories per key and prints JSON", async () => {
    const res = await run({ file: dataPath("porcupine/kv/c10-bad.txt"), model: "kv", format: "json" });
    expect(res.code).toBe(1);
    const json = JSON.parse(res.out);
    expect(json).toMatchObject({ check: "linearizable", model: "kv", verdict: "violation" });
    expect(json.results[0].explanation.ops.length).toBeGreaterThan(0);
  });

  it("runs the causal check (CC decides; CM and CCv are shown)", async () => {
    const file = tempFile("a.json", literature("causal-popl17.json", "a"));
    const res = await run({ file, check: "causal" });
    expect(res.code).toBe(0);
    expect(res.out).toContain("CC (register model): holds");
    expect(res.out).toContain("  CCv: VIOLATED");
    expect(res.out).toContain("pattern: CyclicCF");
  });

  it("runs the sequential and session checks", async () => {
    const sc = await run({
      file: tempFile("d.json", literature("causal-popl17.json", "d")),
      check: "sequential",
    });
    expect(sc.code).toBe(1);
    const wfr = tempFile(
      "wfr.json",
      literature("session-guarantees-jepsen-causal.json", "writes-follow-reads"),
    );
    const session = await run({ file: wfr, check: "session" });
    expect(session.code).toBe(1);
    expect(session.out).toContain("all four session guarantees (register model): VIOLATED");
    expect(session.out).toContain("  WFR: holds");
    expect(session.out).toContain("pattern: MR+WFR");
  });

  it("exits 2 with a message naming the file for unusable input", async () => {
    const missing = await run({ file: join(tmp, "nope.json") });
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /^error SPC-H001: .*nope\.json: cannot read the file \(ENOENT\); check the path\n$/,
    );
    const wrongModel = await run({ file: dataPath("porcupine/kv/c01-ok.txt") });
    expect(wrongModel.code).toBe(2);
    expect(wrongModel.err).toMatch(/c01-ok\.txt:\d+: the register model has no operation 'append'/);
    const sessions = await run({
      file: tempFile("s.json", { sessions: { a: [{ f: "read", value: null }] } }),
    });
    expect(sessions.code).toBe(2);
    expect(sessions.err).toContain("no real-time order");
    const dup = tempFile("dup.json", {
      sessions: { a: [{ f: "write", key: "x", value: 1 }], b: [{ f: "write", key: "x", value: 1 }] },
    });
    expect((await run({ file: dup, check: "causal" })).err).toContain("differentiated");
  });
});
