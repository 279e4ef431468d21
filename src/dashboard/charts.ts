import type { PublicFigures } from "../core/insights/public-figures.js";
import type { QuarterTotals } from "../core/reporting/history.js";
import type { Translate } from "../i18n/index.js";
import { svgToPng } from "./chart-png.js";
import { placementsChartSvg, type ChartText } from "./chart-svg.js";

const chartText = (t: Translate, title = t("dashboard.chart.title")): ChartText => ({
  title,
  realised: t("dashboard.chart.realised"),
  ambition: t("dashboard.chart.ambition"),
  empty: t("dashboard.chart.empty"),
});

export function trendChartPng(t: Translate, trend: QuarterTotals[], title?: string): Promise<Buffer> {
  // Progress is cumulative against a long-term ambition (README "Ambitie en voortgang").
  return svgToPng(placementsChartSvg(trend.map((q) => ({ label: q.label, realised: q.cumulative, ambition: q.ambition })), chartText(t, title)));
}

/** Suppressed quarters are left out of the image, not drawn as zero. */
export function publicChartPng(t: Translate, f: PublicFigures): Promise<Buffer> {
  const points = f.trend
    .filter((q) => q.realised !== null)
    .map((q) => ({ label: q.label, realised: q.cumulative, ambition: q.ambition }));
  const subtitle = f.totals
    ? t("dashboard.public.subtitle", { employers: f.employers, realised: f.totals.realised, ambition: f.totals.ambition, k: f.minGroupSize })
    : t("dashboard.public.tooSmall", { k: f.minGroupSize });
  return svgToPng(placementsChartSvg(points, { ...chartText(t, t("dashboard.public.title", { network: f.networkName })), subtitle }));
}
