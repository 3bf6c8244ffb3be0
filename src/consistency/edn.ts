/**
 * A small reader for EDN (Clojure's data notation), enough for Jepsen and Knossos histories:
 * nil, booleans, integers and floats, strings, characters, keywords, symbols, lists, vectors,
 * maps, sets, tagged literals, `;` comments, `#_` discards and commas as whitespace. It is
 * iterative (an explicit stack of open collections), records the line on which each map and
 * vector starts so parsers can point at bad operations, and throws ConsistencyInputError with
 * file:line on malformed input. Keywords and symbols are interned objects, so maps can use them
 * as keys by identity.
 */

import { ConsistencyInputError } from "./errors.js";

/** An EDN keyword such as `:invoke`; interned, so compare with `===`. */
export class EdnKeyword {
  private constructor(readonly name: string) {}
  private static readonly table = new Map<string, EdnKeyword>();
  /** The unique keyword with this name (without the colon). */
  static of(name: string): EdnKeyword {
    let k = EdnKeyword.table.get(name);
    if (k === undefined) EdnKeyword.table.set(name, (k = new EdnKeyword(name)));
    return k;
  }
  toString(): string {
    return `:${this.name}`;
  }
}

/** An EDN symbol other than nil/true/false. */
export class EdnSymbol {
  constructor(readonly name: string) {}
}

/** A tagged literal such as `#inst "2020-01-01"`. */
export class EdnTagged {
  constructor(
    readonly tag: string,
    readonly value: EdnValue,
  ) {}
}

/** An EDN set `#{...}`, kept as its elements in file order. */
export class EdnSet {
  constructor(readonly items: EdnValue[]) {}
}

/** Any EDN value. Lists and vectors are both arrays. */
export type EdnValue =
  | null
  | boolean
  | number
  | string
  | EdnKeyword
  | EdnSymbol
  | EdnTagged
  | EdnSet
  | EdnValue[]
  | Map<EdnValue, EdnValue>;

/** Shorthand for `EdnKeyword.of`. */
export const kw = (name: string): EdnKeyword => EdnKeyword.of(name);

/** The top-level forms of a document, each with the line it starts on. */
export interface EdnDocument {
  readonly forms: readonly { readonly value: EdnValue; readonly line: number }[];
  /** The line a map, vector, list or set starts on. */
  lineOf(v: EdnValue): number | undefined;
}

type Frame = { kind: "(" | "[" | "{" | "#{"; items: EdnValue[]; line: number };

const CLOSERS: Record<string, Frame["kind"]> = { ")": "(", "]": "[", "}": "{" };
const DELIMS = new Set([...'()[]{}",; \t\r\n']);

/**
 * Reads every top-level form of an EDN text.
 *
 * @example
 * ```ts
 * const doc = readEdn('{:process 0, :type :invoke, :f :read, :value nil}', "h.edn");
 * const op = doc.forms[0]!.value as Map<EdnValue, EdnValue>;
 * op.get(kw("f")) === kw("read"); // true
 * ```
 */
export function readEdn(text: string, file?: string): EdnDocument {
  return new Reader(text, file).readAll();
}

class Reader {
  private pos = 0;
  private line = 1;
  private readonly lines = new WeakMap<object, number>();
  private readonly stack: Frame[] = [];
  private readonly forms: { value: EdnValue; line: number }[] = [];
  /** Pending `#_` discards and `#tag`s, applied to the next complete value at their depth. */
  private readonly prefixes: { depth: number; tag: string | null }[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string | undefined,
  ) {}

  readAll(): EdnDocument {
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) break;
      this.readToken();
    }
    const open = this.stack.at(-1);
    if (open !== undefined)
      this.fail(`unclosed '${open.kind}' opened on line ${open.line}`, "add the closing bracket");
    if (this.prefixes.length > 0) this.fail("'#' prefix with no value after it", "remove it");
    const lines = this.lines;
    return {
      forms: this.forms,
      lineOf: (v) => (typeof v === "object" && v !== null ? lines.get(v) : undefined),
    };
  }

  private readToken(): void {
    const c = this.text[this.pos]!;
    const line = this.line;
    if (c === "(" || c === "[" || c === "{") {
      this.pos++;
      this.stack.push({ kind: c, items: [], line });
    } else if (c === ")" || c === "]" || c === "}") {
      this.pos++;
      this.close(c);
    } else if (c === "#") {
      this.readDispatch(line);
    } else if (c === '"') {
      this.emit(this.readString(), line);
    } else if (c === "\\") {
      this.emit(this.readChar(), line);
    } else {
      this.emit(this.readAtom(), line);
    }
  }

  private readDispatch(line: number): void {
    const next = this.text[this.pos + 1];
    if (next === "{") {
      this.pos += 2;
      this.stack.push({ kind: "#{", items: [], line });
    } else if (next === "_") {
      this.pos += 2;
      this.prefixes.push({ depth: this.stack.length, tag: null });
    } else {
      this.pos++;
      const tag = this.readWord();
      if (tag === "") this.fail("'#' must be followed by '{', '_' or a tag", "check the EDN syntax");
      this.prefixes.push({ depth: this.stack.length, tag });
    }
  }

  private close(c: string): void {
    const frame = this.stack.pop();
    if (frame === undefined) this.fail(`unexpected '${c}'`, "remove it or add the matching opening bracket");
    const want = CLOSERS[c];
    if (frame.kind !== want && !(frame.kind === "#{" && c === "}")) {
      this.fail(`'${c}' closes '${frame.kind}' opened on line ${frame.line}`, "fix the bracket nesting");
    }
    let value: EdnValue;
    if (frame.kind === "{") {
      if (frame.items.length % 2 !== 0) {
        this.fail(`map opened on line ${frame.line} has an odd number of forms`, "give every key a value");
      }
      const m = new Map<EdnValue, EdnValue>();
      for (let i = 0; i < frame.items.length; i += 2) m.set(frame.items[i]!, frame.items[i + 1]!);
      value = m;
    } else if (frame.kind === "#{") {
      value = new EdnSet(frame.items);
    } else {
      value = frame.items;
    }
    this.lines.set(value as object, frame.line);
    this.emit(value, frame.line);
  }

  private emit(value: EdnValue, line: number): void {
    const depth = this.stack.length;
    while (this.prefixes.length > 0 && this.prefixes.at(-1)!.depth === depth) {
      const p = this.prefixes.pop()!;
      if (p.tag === null) return; // #_ discards this value
      value = new EdnTagged(p.tag, value);
    }
    const top = this.stack.at(-1);
    if (top === undefined) this.forms.push({ value, line });
    else top.items.push(value);
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (c === "\n") {
        this.line++;
        this.pos++;
      } else if (c === " " || c === "\t" || c === "\r" || c === ",") {
        this.pos++;
      } else if (c === ";") {
        while (this.pos < t.length && t[this.pos] !== "\n") this.pos++;
      } else {
        break;
      }
    }
  }

  private readWord(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !DELIMS.has(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private readString(): string {
    const t = this.text;
    const startLine = this.line;
    let out = "";
    this.pos++;
    for (;;) {
      if (this.pos >= t.length)
        this.fail(`string opened on line ${startLine} is not closed`, 'add the closing "');
      const c = t[this.pos++]!;
      if (c === '"') return out;
      if (c === "\n") this.line++;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = t[this.pos++];
      if (e === "u") {
        out += String.fromCharCode(Number.parseInt(t.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else {
        const map: Record<string, string> = {
          n: "\n",
          t: "\t",
          r: "\r",
          '"': '"',
          "\\": "\\",
          b: "\b",
          f: "\f",
        };
        const m = e === undefined ? undefined : map[e];
        if (m === undefined)
          this.fail(`unknown string escape '\\${e ?? ""}'`, 'use \\n, \\t, \\", \\\\ or \\uXXXX');
        out += m;
      }
    }
  }

  private readChar(): string {
    this.pos++;
    const word = this.text[this.pos] ?? "";
    const rest = this.readWord();
    const name = rest === "" ? word : rest;
    if (rest === "") this.pos++;
    const named: Record<string, string> = { newline: "\n", space: " ", tab: "\t", return: "\r" };
    if (name.length === 1) return name;
    if (named[name] !== undefined) return named[name];
    if (/^u[0-9a-fA-F]{4}$/.test(name)) return String.fromCharCode(Number.parseInt(name.slice(1), 16));
    return this.fail(
      `unknown character literal '\\${name}'`,
      "use a single character or \\newline/\\space/\\tab",
    );
  }

  private readAtom(): EdnValue {
    const word = this.readWord();
    if (word === "") this.fail(`unexpected character '${this.text[this.pos]}'`, "check the EDN syntax");
    if (word === "nil") return null;
    if (word === "true") return true;
    if (word === "false") return false;
    if (word.startsWith(":")) {
      if (word.length === 1) this.fail("empty keyword ':'", "write a name after the colon");
      return EdnKeyword.of(word.slice(1));
    }
    if (/^[+-]?\d/.test(word)) return this.readNumber(word);
    return new EdnSymbol(word);
  }

  private readNumber(word: string): number {
    const body = word.endsWith("N") || word.endsWith("M") ? word.slice(0, -1) : word;
    if (/^[+-]?\d+$/.test(body) || /^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(body)) return Number(body);
    const ratio = /^([+-]?\d+)\/(\d+)$/.exec(body);
    if (ratio) return Number(ratio[1]) / Number(ratio[2]);
    return this.fail(`malformed number '${word}'`, "write an integer or decimal number");
  }

  private fail(problem: string, fix: string): never {
    throw new ConsistencyInputError("SPC-H002", `EDN: ${problem}`, { file: this.file, line: this.line }, fix);
  }
}
