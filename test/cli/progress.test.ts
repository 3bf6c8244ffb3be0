import { describe, expect, it } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { progressLine, progressText } from "../../src/cli/progress.js";

const tick = (distinctStates: number, elapsedMs: number) => ({
  distinctStates,
  generatedStates: distinctStates * 5,
  queue: 1200,
  depth: 7,
  elapsedMs,
});

function capture(tty: boolean): Io & { err: string[] } {
  const err: string[] = [];
  return { err, stdout: () => {}, stderr: (t) => void err.push(t), stderrIsTTY: tty };
}

describe("progress", () => {
  it("shows states, rate, queue, depth, elapsed, and an ETA when bounded", () => {
    expect(progressText(tick(50_000, 2_000))).toBe("50,000 distinct, 25,000/s, queue 1,200, depth 7, 2 s");
    expect(progressText(tick(50_000, 2_000), { maxStates: 100_000 })).toMatch(/ETA ≤ 2 s$/);
    expect(progressText(tick(50_000, 2_000), { timeLimit: 600 })).toMatch(/ETA ≤ 9 min 58 s$/);
  });

  it("redraws one line on a terminal and clears it at the end", () => {
    const io = capture(true);
    const p = progressLine(io);
    p.update(tick(10, 1000));
    p.done();
    expect(io.err[0]?.startsWith("\r\x1b[2K10 distinct")).toBe(true);
    expect(io.err.at(-1)).toBe("\r\x1b[2K");
  });

  it("prints nothing off a terminal, or plain lines every 5 s with --progress", () => {
    const silent = capture(false);
    progressLine(silent).update(tick(10, 1000));
    expect(silent.err).toEqual([]);
    const plain = capture(false);
    const p = progressLine(plain, { plain: true });
    for (const ms of [0, 1000, 5000, 6000, 10_500]) p.update(tick(10, ms));
    expect(plain.err).toHaveLength(3);
    expect(plain.err[0]).toMatch(/^progress: 10 distinct/);
  });
});
