/**
 * A small well-formedness check for the SVG and HTML we produce (Node has no DOMParser): tags
 * balance, attributes are quoted, and text holds no raw `<` or stray `&`. Not a full XML
 * parser; enough to catch broken escaping or truncated output.
 */

const ENTITY = /^&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/;
const TAG = /^<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/;

/** Returns the first problem found, or undefined when `text` is well-formed. */
export function xmlProblem(text: string, voidElements: readonly string[] = []): string | undefined {
  const s = text
    .replace(/^\uFEFF?<\?xml[^?]*\?>/, "")
    .replace(/<!DOCTYPE[^>]*>/i, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  const stack: string[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c === "&") {
      if (!ENTITY.test(s.slice(i, i + 12))) return `stray & at ${i}: ${s.slice(i, i + 20)}`;
      i++;
    } else if (c === "<") {
      const m = TAG.exec(s.slice(i));
      if (!m) return `malformed tag at ${i}: ${s.slice(i, i + 40)}`;
      const [all, close, name, , selfClose] = m;
      if (close) {
        if (stack.pop() !== name) return `unbalanced </${name}> at ${i}`;
      } else if (!selfClose && !voidElements.includes(name!.toLowerCase())) stack.push(name!);
      i += all.length;
    } else i++;
  }
  return stack.length ? `unclosed <${stack.join("> <")}>` : undefined;
}
