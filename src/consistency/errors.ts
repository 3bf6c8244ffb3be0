/**
 * The one exception the consistency library throws on purpose: the input history (or a model or
 * option handed to a checker) is unusable. A consistency violation is never an exception; it is a
 * result. Each error carries a stable code, and its message names the file and line and says what
 * to do, so the CLI can print it verbatim and exit with status 2.
 */

/** Stable codes for unusable input; docs/consistency.md lists them. */
export type ConsistencyErrorCode =
  | "SPC-H001" // file cannot be read
  | "SPC-H002" // syntax error (EDN, JSON or log line)
  | "SPC-H003" // well-formed data that is not a valid operation (missing field, bad type)
  | "SPC-H004" // event pairing error (completion without invoke, overlapping invokes)
  | "SPC-H005" // format not recognised
  | "SPC-H006" // history not suitable for the check (not differentiated, no real time, ...)
  | "SPC-H007"; // bad option or model

/** Where in the input a problem is; rendered as `file:line` in messages. */
export interface InputLocation {
  readonly file?: string | undefined;
  readonly line?: number | undefined;
}

/**
 * Thrown when a history, option or model cannot be used. The message already names the file
 * and line (when known) and says what to do.
 *
 * @example
 * ```ts
 * throw new ConsistencyInputError("SPC-H002", "expected ']'", { file: "h.edn", line: 3 },
 *   "close the vector opened on line 1");
 * // message: "h.edn:3: expected ']'; close the vector opened on line 1"
 * ```
 */
export class ConsistencyInputError extends Error {
  override readonly name = "ConsistencyInputError";
  readonly code: ConsistencyErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  /** The message without its location prefix. */
  readonly detail: string;

  constructor(code: ConsistencyErrorCode, problem: string, where: InputLocation = {}, fix?: string) {
    const detail = `${problem}${fix ? `; ${fix}` : ""}`;
    super(`${formatLocation(where)}${detail}`);
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.detail = detail;
  }

  /** The message, naming `file` when the error did not know its file (model errors). */
  messageFor(file: string): string {
    return this.file === undefined
      ? `${formatLocation({ file, line: this.line })}${this.detail}`
      : this.message;
  }
}

/**
 * Renders a location as the `file:line: ` prefix of a message (empty when nothing is known).
 *
 * @example
 * ```ts
 * formatLocation({ file: "a.log", line: 7 }); // "a.log:7: "
 * ```
 */
export function formatLocation(where: InputLocation): string {
  if (where.file === undefined && where.line === undefined) return "";
  const file = where.file ?? "<input>";
  return where.line === undefined ? `${file}: ` : `${file}:${where.line}: `;
}
