/**
 * Where a JSON text first goes wrong, for the "not valid JSON" message of the ITF reader.
 * `JSON.parse` reports a position for some errors and not for others (V8's "Unexpected token"
 * quotes a snippet instead), and its wording changes between Node versions; this scanner is
 * run only after `JSON.parse` has failed, and gives a line and column for every error.
 *
 * It is iterative (an explicit stack of open brackets) so a deeply nested file cannot overflow
 * the call stack while we are explaining why it is broken.
 */

const NUMBER_OR_LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/;
const ESCAPES = '"\\/bfnrt';

/** Scans a string starting at the opening quote; returns the index after it, or -1-offset on error. */
function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 32) return -1 - i;
    if (c === 92) {
      const e = text[i + 1];
      if (e === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -1 - i;
        i += 6;
        continue;
      }
      if (e === undefined || !ESCAPES.includes(e)) return -1 - i;
      i += 2;
      continue;
    }
    i++;
  }
  return -1 - i;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r"))
    i++;
  return i;
}

/**
 * The offset of the first syntax error in `text`, or -1 when it is valid JSON.
 *
 * @example
 * jsonErrorOffset('{"a": }'); // 6
 * jsonErrorOffset('{"a": 1}'); // -1
 */
export function jsonErrorOffset(text: string): number {
  const closers: string[] = [];
  let expect: "value" | "key" | "colon" | "next" = "value";
  let i = 0;
  for (;;) {
    i = skipSpace(text, i);
    const c = text[i];
    if (expect === "value" && (c === "{" || c === "[")) {
      closers.push(c === "{" ? "}" : "]");
      const j = skipSpace(text, i + 1);
      if (text[j] === closers[closers.length - 1]) {
        closers.pop();
        i = j + 1;
        expect = "next";
      } else {
        i += 1;
        expect = c === "{" ? "key" : "value";
      }
    } else if (expect === "value" || expect === "key") {
      if (c === '"') {
        const end = scanString(text, i);
        if (end < 0) return -1 - end;
        i = end;
      } else {
        const m = expect === "value" ? NUMBER_OR_LITERAL.exec(text.slice(i, i + 400)) : null;
        if (!m) return i;
        i += m[0].length;
      }
      expect = expect === "key" ? "colon" : "next";
    } else if (expect === "colon") {
      if (c !== ":") return i;
      i++;
      expect = "value";
    } else {
      const top = closers[closers.length - 1];
      if (top === undefined) return i < text.length ? i : -1;
      if (c === ",") {
        i++;
        expect = top === "}" ? "key" : "value";
      } else if (c === top) {
        closers.pop();
        i++;
      } else return i;
    }
  }
}
