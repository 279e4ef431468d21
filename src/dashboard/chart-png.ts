// resvg draws no text without a font. System fonts cover Debian (fonts-dejavu, which chromium
// and most images bring along); the named family is tried first, then any sans-serif found.
const fontOptions = { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" };

/** resvg (a native module) is loaded on the first chart drawn, not at start-up. */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(svg, { font: fontOptions, fitTo: { mode: "original" } });
  return resvg.render().asPng();
}
