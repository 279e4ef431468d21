// `npx tsx src/platforms/teams/build-icons.ts`: renders the Teams app icons from SVG.
// Teams wants a 192×192 full-colour icon and a 32×32 outline that is white on transparent.
import { writeFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

const ACCENT = "#1F6F5C";

// Three linked people (a network), drawn with paths only so no font is needed.
const people = (stroke: string, width: number) => `
  <g fill="none" stroke="${stroke}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round">
    <circle cx="16" cy="9" r="3.2"/>
    <circle cx="7.5" cy="21" r="3.2"/>
    <circle cx="24.5" cy="21" r="3.2"/>
    <path d="M14.4 11.8 L9.1 18.2 M17.6 11.8 L22.9 18.2 M10.7 21 H21.3"/>
  </g>`;

const colour = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" rx="36" fill="${ACCENT}"/>
  <g transform="translate(32 32) scale(4)">${people("#FFFFFF", 2)}</g>
</svg>`;

const outline = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${people("#FFFFFF", 2)}</svg>`;

function png(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: "width", value: size }, background: "rgba(0,0,0,0)" }).render().asPng();
}

const dir = new URL("../../../manifests/teams/", import.meta.url);
writeFileSync(new URL("color.png", dir), png(colour, 192));
writeFileSync(new URL("outline.png", dir), png(outline, 32));
console.log("manifests/teams/color.png (192×192) en outline.png (32×32) geschreven");
