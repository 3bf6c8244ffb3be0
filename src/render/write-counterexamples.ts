/**
 * Writes each counterexample of a check to `<outDir>/<spec>/<property>.{itf.json,dot,svg,html}`
 * (ARCHITECTURE.md section 6): the ITF file to replay it, the DOT of its states view, and the
 * SVG and HTML page to read it. For an actor spec it also writes the message-sequence chart,
 * `<property>.sequence.{dot,svg}`, and the HTML page shows both drawings. A bug preset's run writes to `<outDir>/<spec>/<bug>/<property>.*`
 * so that two bugs violating the same property keep separate files; the bug's name is also in
 * the ITF metadata, so the file replays with the right params.
 *
 * Writing is all-or-nothing: every file's content is computed first (the SVG included, the
 * step most likely to fail), then written to temporary files beside their targets and renamed
 * into place, so a failure never leaves a half-written or mismatched set of files behind.
 */

import { readFileSync } from "node:fs";
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { CheckResult, Violation } from "../engine/result.js";
import { describeThrown, UsageError } from "../errors.js";
import { encodeItf } from "../trace/itf-encode.js";
import type { Trace } from "../trace/trace.js";
import { traceToSequenceDot } from "./dot-sequence.js";
import { traceToStatesDot } from "./dot-states.js";
import { htmlReportOfResult, renderHtmlReport } from "./html.js";
import { isActorTrace } from "./sequence-chart.js";
import { dotToSvg } from "./svg.js";

/** Where and what to write. */
export interface WriteCounterexamplesOptions {
  readonly outDir: string;
  /** Also render SVG (loads the wasm Graphviz). */
  readonly svg: boolean;
  /** Also write a self-contained HTML page per counterexample. */
  readonly html?: boolean;
  /** The spec's file when it is not a bundled spec, recorded (relative) so replay finds it. */
  readonly specFile?: string;
}

/** The files written for one counterexample. */
export interface WrittenCounterexample {
  readonly property: string;
  readonly files: {
    readonly itf: string;
    readonly dot: string;
    readonly svg?: string;
    /** The sequence view, for an actor spec. */
    readonly sequenceDot?: string;
    readonly sequenceSvg?: string;
    readonly html?: string;
  };
}

/** A file to write. */
export interface FileToWrite {
  readonly path: string;
  readonly content: string;
}

let version: string | undefined;

/**
 * Specter's version, from package.json (read once).
 *
 * @example
 * specterVersion(); // "0.1.0"
 */
export function specterVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
  ).version;
  return version;
}

/**
 * A name safe to use as a file name on every platform (letters, digits, `_`, `-`, `.`).
 *
 * @example
 * safeFileName("two-phase-commit"); // "two-phase-commit"
 * safeFileName("a/b c");            // "a_b_c"
 */
export function safeFileName(name: string): string {
  const s = name.replace(/[^\w.-]/g, "_");
  return s === "" || s === "." || s === ".." ? `_${s}` : s;
}

/**
 * Writes files all-or-nothing: each to a temporary file in its target's directory, then
 * renames them into place. On failure, the temporary files are removed and a UsageError
 * (SPC-U013) names the path that could not be written. Each file is replaced whole; only a
 * failing rename (rare: the target became a directory) can leave the set partly updated.
 *
 * @example
 * await writeFilesAtomically([{ path: "out/a.dot", content: dot }, { path: "out/a.svg", content: svg }]);
 */
export async function writeFilesAtomically(files: readonly FileToWrite[]): Promise<void> {
  const temps: string[] = [];
  const suffix = `.tmp-${process.pid}-${Date.now().toString(36)}`;
  try {
    for (const f of files) {
      await mkdir(dirname(f.path), { recursive: true });
      const tmp = `${f.path}${suffix}`;
      temps.push(tmp);
      await writeFile(tmp, f.content, "utf8");
    }
    for (let i = 0; i < files.length; i++) await rename(temps[i]!, files[i]!.path);
  } catch (e) {
    await Promise.all(temps.map((t) => unlink(t).catch(() => undefined)));
    const where = (e as { path?: string }).path ?? dirname(files[0]?.path ?? ".");
    throw new UsageError(
      "SPC-U013",
      `cannot write ${where}: ${describeThrown(e)}; check the output directory`,
      [],
      {
        cause: e,
      },
    );
  }
}

function relativeSpecFile(itfPath: string, specFile: string | undefined): string | undefined {
  if (specFile === undefined) return undefined;
  return relative(dirname(resolve(itfPath)), resolve(specFile))
    .split(sep)
    .join("/");
}

const FILE_KINDS = ["itf", "dot", "svg", "sequenceDot", "sequenceSvg", "html"] as const;

/** The drawings of a counterexample: its states view, and for an actor spec its sequence view. */
async function drawings(
  v: Violation & { trace: Trace },
  svg: boolean,
): Promise<{ dot: string; svg?: string; sequenceDot?: string; sequenceSvg?: string }> {
  const target = { property: v.property, kind: v.kind };
  const dot = traceToStatesDot(v.trace, target);
  const states = svg ? { dot, svg: await dotToSvg(dot) } : { dot };
  if (!isActorTrace(v.trace)) return states;
  const sequenceDot = traceToSequenceDot(v.trace, target);
  return svg
    ? { ...states, sequenceDot, sequenceSvg: await dotToSvg(sequenceDot) }
    : { ...states, sequenceDot };
}

async function filesFor(
  result: CheckResult,
  v: Violation & { trace: Trace },
  opts: WriteCounterexamplesOptions,
): Promise<{ written: WrittenCounterexample; files: FileToWrite[] }> {
  // A bug preset's counterexamples go under <spec>/<bug>/, so each bundled bug keeps its own files.
  const dir = result.bug
    ? join(opts.outDir, safeFileName(result.spec), safeFileName(result.bug))
    : join(opts.outDir, safeFileName(result.spec));
  const base = join(dir, safeFileName(v.property));
  const paths = {
    itf: `${base}.itf.json`,
    dot: `${base}.dot`,
    svg: `${base}.svg`,
    sequenceDot: `${base}.sequence.dot`,
    sequenceSvg: `${base}.sequence.svg`,
    html: `${base}.html`,
  };
  const specFile = relativeSpecFile(paths.itf, opts.specFile);
  const itf = encodeItf(v.trace, {
    version: specterVersion(),
    property: v.property,
    kind: v.kind,
    strategy: result.strategy,
    ...(result.random !== undefined ? { seed: result.random.seed } : {}),
    ...(specFile !== undefined ? { specFile } : {}),
  });
  const content: Partial<Record<keyof typeof paths, string>> = { itf, ...(await drawings(v, opts.svg)) };
  if (opts.html) {
    const report = htmlReportOfResult(result, {
      only: v.property,
      svgs: content.svg !== undefined ? { [v.property]: content.svg } : {},
      sequenceSvgs: content.sequenceSvg !== undefined ? { [v.property]: content.sequenceSvg } : {},
      replay: { [v.property]: `npx specter replay ${paths.itf}` },
    });
    content.html = renderHtmlReport(report);
  }
  // In this order, which is also the order the CLI lists them in.
  const kinds = FILE_KINDS.filter((k) => content[k] !== undefined);
  const files = kinds.map((k) => ({ path: paths[k], content: content[k]! }));
  const written = {
    property: v.property,
    files: Object.fromEntries(kinds.map((k) => [k, paths[k]])) as WrittenCounterexample["files"],
  };
  return { written, files };
}

/**
 * Writes every counterexample of `result` (each violation that has a trace) under
 * `opts.outDir`, and returns the paths written, one entry per violation.
 *
 * @example
 * const written = await writeCounterexamples(result, { outDir: "counterexamples", svg: true });
 * written[0]?.files.itf; // "counterexamples/two-phase-commit/consistent.itf.json"
 */
export async function writeCounterexamples(
  result: CheckResult,
  opts: WriteCounterexamplesOptions,
): Promise<WrittenCounterexample[]> {
  const withTrace = result.violations.filter((v): v is Violation & { trace: Trace } => v.trace !== undefined);
  const planned = [];
  for (const v of withTrace) planned.push(await filesFor(result, v, opts));
  await writeFilesAtomically(planned.flatMap((p) => p.files));
  return planned.map((p) => p.written);
}
