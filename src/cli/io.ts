/**
 * Where the CLI writes: stdout for results (text or one JSON document), stderr for progress
 * and diagnostics. Commands take an `Io` so tests can capture output without a subprocess.
 */

/** Output streams of a command. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress is shown only then). */
  readonly stderrIsTTY: boolean;
}

/** The process's own streams. */
export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: process.stderr.isTTY === true,
};

/** Exit statuses (docs/cli.md): part of the public contract. */
export const ExitCode = {
  ok: 0,
  violation: 1,
  error: 2,
  incomplete: 3,
  interrupted: 130,
} as const;
