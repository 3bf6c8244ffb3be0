import { existsSync, readFileSync, rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { assertHolds, assertViolates, type Spec } from "../../src/index.js";
import { ROOT, runCli, tempOut } from "./run-cli.js";

const DIR = "test/.tmp-init-e2e";

describe("specter init", () => {
  afterAll(() => rmSync(`${ROOT}${DIR}`, { recursive: true, force: true }));

  it("scaffolds a spec that passes at once and a test file", async () => {
    const r = runCli(["init", "token-ring", "--dir", DIR]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`created ${DIR}/specs/token-ring.ts`);
    expect(existsSync(`${ROOT}${DIR}/test/specs/token-ring.test.ts`)).toBe(true);
    const check = runCli(["check", `${DIR}/specs/token-ring.ts`]);
    expect([check.code, check.stdout]).toEqual([0, expect.stringContaining("✔ OK")]);
    expect(
      runCli(["check", `${DIR}/specs/token-ring.ts`, "--bug", "overfill", "--out", tempOut(), "--no-svg"])
        .code,
    ).toBe(1);
    // What the generated test file asserts:
    const spec = (await import(`${ROOT}${DIR}/specs/token-ring.ts`)).default as Spec;
    await assertHolds(spec);
    await assertViolates(spec, "bounded", { bug: "overfill" });
  });

  it("--actors scaffolds a message-passing spec whose liveness holds and whose bug is caught", async () => {
    const r = runCli(["init", "lossy-writes", "--actors", "--dir", DIR]);
    expect(r.code).toBe(0);
    const spec = (await import(`${ROOT}${DIR}/specs/lossy-writes.ts`)).default as Spec;
    const holds = await assertHolds(spec);
    expect(holds.checked.properties).toEqual(["allAcked"]);
    const bug = await assertViolates(spec, "allAcked", { bug: "noRetry" });
    expect(bug.violations[0]?.kind).toBe("liveness");
    expect(readFileSync(`${ROOT}${DIR}/test/specs/lossy-writes.test.ts`, "utf8")).toContain(
      'assertViolates(spec, "allAcked", { bug: "noRetry" })',
    );
  });

  it("refuses to overwrite, and rejects bad names", () => {
    const again = runCli(["init", "token-ring", "--dir", DIR]);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining("already exists")]);
    expect(runCli(["init", "Bad_Name", "--dir", DIR]).code).toBe(2);
  });
});
