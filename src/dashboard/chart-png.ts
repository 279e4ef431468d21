import { Resvg } from "@resvg/resvg-js";

// resvg draws no text without a font. System fonts cover Debian (fonts-dejavu, which chromium
// and most images bring along); the named family is tried first, then any sans-serif found.
const fontOptions = { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" };

export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { font: fontOptions, fitTo: { mode: "original" } });
  return resvg.render().asPng();
}
