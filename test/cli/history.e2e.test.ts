import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const DATA = "../shared/consistency-data/porcupine";

describe("specter history", () => {
  it("exits 0 for a linearizable history and 1 with an explanation for a violation", () => {
    const ok = runCli(["history", `${DATA}/kv/c01-ok.txt`, "--model", "kv"]);
    expect(ok.code).toBe(0);
    const bad = runCli(["history", `${DATA}/jepsen/etcd_000.log`]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("VIOLATED");
    expect(bad.stdout).toMatch(/minimal: removing any one of these operations removes the violation/);
  });

  it("exits 2 for an unreadable file and rejects unknown checks", () => {
    const r = runCli(["history", "nope.log"]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining("cannot read the file")]);
    expect(runCli(["history", `${DATA}/kv/c01-ok.txt`, "--check", "serializable"]).code).toBe(2);
  });
});
