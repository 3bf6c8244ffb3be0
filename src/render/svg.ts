/**
 * DOT to SVG through @hpcc-js/wasm-graphviz: Graphviz compiled to WebAssembly, so no system
 * Graphviz is needed. This is the only module that imports it, and it does so lazily with a
 * dynamic `import()` on first use, so `specter check` without SVG output never pays the wasm
 * start-up (about 0.1 s, more on a cold disk). The loaded instance is kept for later calls.
 *
 * Graphviz's SVG is well-formed XML (it escapes label text itself); `svgForHtml` strips the
 * XML prologue so the same SVG can be inlined in an HTML page.
 *
 * Fonts: the DOT names single families (Graphviz only has metrics for those, see DOT_THEME);
 * the SVG then gets CSS fallbacks of (nearly) the same widths, so a viewer without Helvetica
 * or Courier still shows text that fits its boxes.
 */

interface GraphvizLike {
  dot(dotSource: string, outputFormat?: "svg"): string;
}

let loading: Promise<GraphvizLike> | undefined;

function graphviz(): Promise<GraphvizLike> {
  loading ??= import("@hpcc-js/wasm-graphviz").then(({ Graphviz }) => Graphviz.load());
  return loading;
}

const FONT_FALLBACKS: Readonly<Record<string, string>> = {
  Helvetica: "Helvetica,Arial,Liberation Sans,sans-serif",
  // Monospace fonts no wider than Courier's 0.6 em (Graphviz's metrics), nicer ones first.
  Courier: "SFMono-Regular,Menlo,Consolas,DejaVu Sans Mono,Liberation Mono,Courier New,Courier,monospace",
};

function withFontFallbacks(svg: string): string {
  return svg.replace(
    // Graphviz writes its own short list ("Courier,monospace"); ours replaces it whole.
    /font-family="(Helvetica|Courier)(?:,[^"]*)?"/g,
    (_m, f: string) => `font-family="${FONT_FALLBACKS[f]}"`,
  );
}

/**
 * Lays out DOT text with Graphviz's `dot` engine and returns the SVG document.
 * A DOT syntax error (a bug in the renderer that made it) is thrown as an Error.
 *
 * @example
 * const svg = await dotToSvg('digraph { a -> b }');
 * svg.startsWith("<?xml"); // true
 */
export async function dotToSvg(dot: string): Promise<string> {
  const gv = await graphviz();
  try {
    return withFontFallbacks(gv.dot(dot, "svg"));
  } catch (e) {
    throw new Error(
      `Graphviz could not lay out the DOT text: ${e instanceof Error ? e.message : String(e)}`,
      {
        cause: e,
      },
    );
  }
}

/**
 * The `<svg>` element alone (no XML declaration, DOCTYPE or comments before it), for inlining
 * in HTML.
 *
 * @example
 * svgForHtml(await dotToSvg("digraph { a }")).startsWith("<svg"); // true
 */
export function svgForHtml(svg: string): string {
  const start = svg.indexOf("<svg");
  return start < 0 ? svg : svg.slice(start);
}
