/**
 * The DOT language, written once: quoting of IDs and strings, attribute lists, HTML-like
 * labels, and the shared look (fonts, colours) of every Specter graph. The views (state
 * chain, state graph, and later the message-sequence chart of actor specs) only decide which
 * nodes and edges to draw; this module decides how they are spelled, so they look alike and
 * escaping is done in one place.
 *
 * Trade-off: all labels are HTML-like (`label=<...>`) rather than record or plain strings, so
 * that one escaping rule (dot-label.ts) covers them and values can be styled (old value grey,
 * new value bold, the failing property red).
 */

/**
 * Colours and fonts shared by the views; the violation colour is the one thing that shouts.
 * Fonts are single family names because Graphviz sizes text with built-in metrics that it
 * only finds for a plain "Helvetica", "Arial", "Times" or "Courier" (a CSS-style list falls
 * back to Times and underestimates widths); svg.ts adds fallbacks in the SVG afterwards.
 */
export const DOT_THEME = {
  font: "Helvetica",
  mono: "Courier",
  ink: "#202124",
  muted: "#5f6368",
  border: "#9aa0a6",
  fill: "#f8f9fa",
  initialFill: "#e8f0fe",
  path: "#1a73e8",
  bad: "#c5221f",
  badFill: "#fce8e6",
} as const;

/** An HTML-like label: its markup goes between `<` and `>` in DOT, unquoted. */
export interface HtmlLabel {
  readonly html: string;
}

/**
 * Wraps already-escaped markup as an HTML-like label.
 *
 * @example
 * dotAttrs({ label: htmlLabel("<B>x</B>") }); // " [label=<<B>x</B>>]"
 */
export function htmlLabel(markup: string): HtmlLabel {
  return { html: markup };
}

/** An attribute value: a number, a string (quoted when needed) or an HTML-like label. */
export type DotValue = string | number | HtmlLabel;

const BARE_ID = /^(?:[A-Za-z_][A-Za-z_0-9]*|-?(?:\.\d+|\d+(?:\.\d*)?))$/;
const KEYWORDS = new Set(["node", "edge", "graph", "digraph", "subgraph", "strict"]);

/**
 * Quotes a DOT ID or string value when it is not a bare identifier or number.
 *
 * @example
 * dotId("s1");        // "s1"
 * dotId('say "hi"');  // '"say \\"hi\\""'
 */
export function dotId(s: string): string {
  if (BARE_ID.test(s) && !KEYWORDS.has(s.toLowerCase())) return s;
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

function value(v: DotValue): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return dotId(v);
  return `<${v.html}>`;
}

/**
 * An attribute list `[a=1, b="x y"]`; undefined values are left out, and so is an empty list.
 *
 * @example
 * dotAttrs({ shape: "box", label: htmlLabel("<B>x</B>"), color: undefined }); // ' [shape=box, label=<<B>x</B>>]'
 */
export function dotAttrs(attrs: Readonly<Record<string, DotValue | undefined>>): string {
  const parts = Object.entries(attrs)
    .filter((e): e is [string, DotValue] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${value(v)}`);
  return parts.length ? ` [${parts.join(", ")}]` : "";
}

/**
 * A node statement.
 *
 * @example
 * dotNode("s0", { color: "red" }); // "  s0 [color=red];"
 */
export function dotNode(id: string, attrs: Readonly<Record<string, DotValue | undefined>>): string {
  return `  ${dotId(id)}${dotAttrs(attrs)};`;
}

/**
 * An edge statement.
 *
 * @example
 * dotEdge("s0", "s1", { style: "dashed" }); // "  s0 -> s1 [style=dashed];"
 */
export function dotEdge(
  from: string,
  to: string,
  attrs: Readonly<Record<string, DotValue | undefined>>,
): string {
  return `  ${dotId(from)} -> ${dotId(to)}${dotAttrs(attrs)};`;
}

/** What every Specter digraph starts with, before its own nodes and edges. */
export interface DigraphHeader {
  readonly name: string;
  readonly title?: HtmlLabel;
  readonly graph?: Readonly<Record<string, DotValue | undefined>>;
  readonly node?: Readonly<Record<string, DotValue | undefined>>;
  readonly edge?: Readonly<Record<string, DotValue | undefined>>;
}

/**
 * Assembles a digraph with the shared look, then `body` statements (from dotNode / dotEdge).
 *
 * @example
 * digraph({ name: "trace" }, [dotNode("s0", { label: "x" }), dotEdge("s0", "s1", {})]);
 */
export function digraph(header: DigraphHeader, body: readonly string[]): string {
  const t = DOT_THEME;
  const lines = [
    `digraph ${dotId(header.name)} {`,
    `  graph${dotAttrs({ fontname: t.mono, fontsize: 12, fontcolor: t.ink, bgcolor: "white", pad: 0.25, label: header.title, labelloc: header.title ? "t" : undefined, labeljust: header.title ? "l" : undefined, ...header.graph })};`,
    `  node${dotAttrs({ shape: "box", style: "rounded,filled", fillcolor: t.fill, color: t.border, fontname: t.mono, fontsize: 10, fontcolor: t.ink, margin: "0.12,0.06", ...header.node })};`,
    `  edge${dotAttrs({ fontname: t.font, fontsize: 10, color: t.muted, fontcolor: t.ink, arrowsize: 0.7, ...header.edge })};`,
    ...body,
    "}",
  ];
  return `${lines.join("\n")}\n`;
}
