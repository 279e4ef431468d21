import { escapeHtml } from "../shared/html.js";

export interface ChartPoint {
  label: string;
  realised: number;
  ambition: number;
}

export interface ChartText {
  title: string;
  realised: string;
  ambition: string;
  empty: string;
  /** A line under the legend, e.g. the totals on the public image. */
  subtitle?: string;
}

const width = 720;
const height = 360;
const margin = { top: 84, right: 24, bottom: 48, left: 56 };
const colours = { bar: "#1f6f8b", ambition: "#e07a1f", grid: "#d8dee4", text: "#1d2630" };

/** Placements (bars) against ambition (line) per quarter, as a self-contained SVG. */
export function placementsChartSvg(points: ChartPoint[], text: ChartText): string {
  return seriesChartSvg(points.map((p) => ({ label: p.label, bar: p.realised, line: p.ambition })), { title: text.title, bar: text.realised, line: text.ambition, empty: text.empty, subtitle: text.subtitle });
}

export interface SeriesPoint {
  label: string;
  bar: number;
  /** A second series drawn as a line (ambition, capacity); points without one are left out of it. */
  line?: number | null;
}

export interface SeriesText {
  title: string;
  bar: string;
  line?: string;
  empty: string;
  subtitle?: string;
}

/** Bars per label with an optional line, as a self-contained SVG (the network health charts use it too). */
export function seriesChartSvg(points: SeriesPoint[], text: SeriesText): string {
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const max = niceMax(Math.max(1, ...points.flatMap((p) => [p.bar, p.line ?? 0])));
  const y = (v: number) => margin.top + plotH - (v / max) * plotH;
  const slot = points.length ? plotW / points.length : plotW;
  const x = (i: number) => margin.left + slot * i + slot / 2;
  const barW = Math.min(48, slot * 0.55);
  const round = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const v = Math.round(max * f);
    return `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(v)}" y2="${y(v)}" stroke="${colours.grid}"/>` +
      `<text x="${margin.left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="12">${v}</text>`;
  });
  const bars = points.map((p, i) =>
    `<rect x="${x(i) - barW / 2}" y="${y(p.bar)}" width="${barW}" height="${y(0) - y(p.bar)}" fill="${colours.bar}"/>` +
    `<text x="${x(i)}" y="${y(p.bar) - 6}" text-anchor="middle" font-size="12">${round(p.bar)}</text>` +
    `<text x="${x(i)}" y="${height - margin.bottom + 18}" text-anchor="middle" font-size="12">${escapeHtml(p.label)}</text>`,
  );
  const withLine = points.map((p, i) => ({ i, v: p.line })).filter((p): p is { i: number; v: number } => typeof p.v === "number");
  const line = text.line && withLine.length
    ? `<polyline fill="none" stroke="${colours.ambition}" stroke-width="3" points="${withLine.map((p) => `${x(p.i)},${y(p.v)}`).join(" ")}"/>` +
      withLine.map((p) => `<circle cx="${x(p.i)}" cy="${y(p.v)}" r="4" fill="${colours.ambition}"/>`).join("")
    : "";
  const empty = points.length ? "" : `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="16">${escapeHtml(text.empty)}</text>`;
  const legend =
    `<rect x="${margin.left}" y="30" width="14" height="14" fill="${colours.bar}"/>` +
    `<text x="${margin.left + 20}" y="42" font-size="13">${escapeHtml(text.bar)}</text>` +
    (text.line
      ? `<line x1="${margin.left + 300}" x2="${margin.left + 320}" y1="37" y2="37" stroke="${colours.ambition}" stroke-width="3"/>` +
        `<text x="${margin.left + 326}" y="42" font-size="13">${escapeHtml(text.line)}</text>`
      : "");

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" fill="${colours.text}" role="img" aria-label="${escapeHtml(text.title)}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="${margin.left}" y="20" font-size="16" font-weight="bold">${escapeHtml(text.title)}</text>` +
    legend + (text.subtitle ? `<text x="${margin.left}" y="62" font-size="12">${escapeHtml(text.subtitle)}</text>` : "") + grid.join("") + bars.join("") + line + empty +
    `</svg>`;
}

/** 1, 2, 5 × 10^n at or above the value, so the axis reads in round numbers. */
function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
