/**
 * The markup inside HTML-like DOT labels: escaping, folding long values, and the small tables
 * the views put in their nodes (a state's fields, a step's changes, a note). Everything that
 * comes from a state passes through `escapeHtml` here; nothing else in render/ escapes.
 *
 * Long values are folded at about 60 characters, preferring to break after ", " so a Set or a
 * list breaks between members; continuation lines stay left-aligned, which reads better than
 * Graphviz's default centring.
 *
 * The markup itself is ASCII ("->", "+", "-"): Graphviz sizes text by its UTF-8 bytes, so a
 * "→" between two differently styled spans would open a gap three characters wide.
 */

import { formatValue } from "../state/format-value.js";
import type { Change } from "../trace/diff.js";
import { DOT_THEME } from "./dot-syntax.js";

/** Default folding width of values in labels. */
export const FOLD_WIDTH = 60;

/** A line break inside a cell, keeping the next line left-aligned. */
const BR = '<BR ALIGN="LEFT"/>';

/**
 * Escapes text for an HTML-like label (`&`, `<`, `>`, `"`; a newline becomes a visible `\n`
 * because DOT would otherwise fold it into a space).
 *
 * @example
 * escapeHtml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r?\n/g, "\\n");
}

/**
 * Splits text into lines of at most `width` characters (not counting a trailing space),
 * breaking after ", " or a space when one is close enough to the limit, else hard-breaking.
 *
 * @example
 * foldText('{"a", "b", "c"}', 10); // ['{"a", "b", ', '"c"}']
 */
export function foldText(s: string, width = FOLD_WIDTH): string[] {
  const lines: string[] = [];
  let rest = s;
  while (rest.length > width) {
    // One more character, so a ", " whose space would be the (width+1)th still counts.
    const window = rest.slice(0, width + 1);
    let cut = window.lastIndexOf(", ") + 2;
    if (cut < width / 3) cut = window.lastIndexOf(" ") + 1;
    if (cut < width / 3) cut = width;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines;
}

/**
 * Escaped, folded text: lines joined by left-aligned breaks.
 *
 * @example
 * foldedHtml("a < b", 60); // "a &lt; b"
 */
export function foldedHtml(s: string, width = FOLD_WIDTH): string {
  return foldText(s, width).map(escapeHtml).join(BR);
}

/**
 * Wraps markup in a font tag (colour, size, weight).
 *
 * @example
 * styled("x", { color: "#c5221f", bold: true }); // '<FONT COLOR="#c5221f"><B>x</B></FONT>'
 */
export function styled(
  markup: string,
  style: { color?: string; size?: number; bold?: boolean; face?: string },
): string {
  let out = style.bold ? `<B>${markup}</B>` : markup;
  const attrs = [
    style.color ? ` COLOR="${style.color}"` : "",
    style.size ? ` POINT-SIZE="${style.size}"` : "",
    style.face ? ` FACE="${style.face}"` : "",
  ].join("");
  if (attrs) out = `<FONT${attrs}>${out}</FONT>`;
  return out;
}

/**
 * A table row of one cell spanning both columns.
 *
 * @example
 * wideRow(styled("state 3", { size: 9 }));
 */
export function wideRow(markup: string): string {
  return `<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">${markup}</TD></TR>`;
}

/**
 * A table row: a name and its (already escaped) content.
 *
 * @example
 * fieldRow("tm", escapeHtml('"init"'));
 */
export function fieldRow(name: string, content: string): string {
  // The trailing space keeps a one-character gap between the columns.
  return `<TR><TD ALIGN="LEFT" VALIGN="TOP">${styled(`${escapeHtml(name)} `, { color: DOT_THEME.muted })}</TD><TD ALIGN="LEFT" BALIGN="LEFT">${content}</TD></TR>`;
}

/**
 * A borderless two-column table for a node's label.
 *
 * @example
 * dotNode("s0", { label: htmlLabel(labelTable(stateRows(state))) });
 */
export function labelTable(rows: readonly string[]): string {
  return `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">${rows.join("")}</TABLE>`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Set) && !(v instanceof Map)
  );
}

/**
 * Rows showing a whole state: one per top-level field (or one for a state that is not an object).
 *
 * @example
 * stateRows({ tm: "init", msgs: new Set() }); // two rows: tm "init", msgs {}
 */
export function stateRows(state: unknown, width = FOLD_WIDTH): string[] {
  if (!isRecord(state)) return [wideRow(foldedHtml(formatValue(state), width))];
  return Object.entries(state)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => fieldRow(k, foldedHtml(formatValue(v), width)));
}

function changeContent(c: Change, width: number): string {
  const t = DOT_THEME;
  if (c.kind === "added") return `+ ${styled(foldedHtml(formatValue(c.after), width), { bold: true })}`;
  if (c.kind === "removed")
    return styled(`- ${foldedHtml(formatValue(c.before), width)}`, { color: t.muted });
  const before = formatValue(c.before);
  const after = formatValue(c.after);
  if (before.length + after.length + 3 <= width)
    return `${styled(escapeHtml(before), { color: t.muted })} -&gt; ${styled(escapeHtml(after), { bold: true })}`;
  return `${styled(foldedHtml(before, width), { color: t.muted })}${BR}-&gt; ${styled(foldedHtml(after, width), { bold: true })}`;
}

/**
 * Rows showing what a step changed (`path  old -> new`, `path  + added`, `path  - removed`).
 *
 * @example
 * changeRows([{ path: "tm", kind: "changed", before: "init", after: "committed" }]);
 */
export function changeRows(changes: readonly Change[], width = FOLD_WIDTH): string[] {
  if (changes.length === 0) return [wideRow(styled("(no change)", { color: DOT_THEME.muted }))];
  return changes.map((c) => fieldRow(c.path === "" ? "state" : c.path, changeContent(c, width)));
}
