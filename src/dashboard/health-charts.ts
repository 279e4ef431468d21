import type { NetworkHealth } from "../core/insights/network-health.js";
import type { Translate } from "../i18n/index.js";
import { svgToPng } from "./chart-png.js";
import { seriesChartSvg, type SeriesPoint, type SeriesText } from "./chart-svg.js";

/** The network health charts by name; each page section shows one as an image beside its table. */
export const HEALTH_CHARTS = ["response", "attendance", "trend", "activity", "new"] as const;
export type HealthChart = (typeof HEALTH_CHARTS)[number];

export function healthChartSvg(t: Translate, h: NetworkHealth, chart: HealthChart): string {
  const empty = t("dashboard.health.empty");
  const draw = (points: SeriesPoint[], text: Omit<SeriesText, "empty">) => seriesChartSvg(points, { ...text, empty });
  switch (chart) {
    case "response":
      return draw(h.responseRate.map((q) => ({ label: q.label, bar: q.reported, line: q.employers })), { title: t("dashboard.health.response.title"), bar: t("dashboard.health.response.reported"), line: t("dashboard.health.response.employers") });
    case "attendance":
      return draw(h.attendance.map((e) => ({ label: `#${e.number}`, bar: e.attending, line: e.capacity })), { title: t("dashboard.health.attendance.title"), bar: t("dashboard.health.attendance.attending"), line: t("dashboard.table.capacity") });
    case "trend":
      return draw(h.attendanceTrend.map((q) => ({ label: q.label, bar: Math.round(q.average * 10) / 10 })), { title: t("dashboard.health.trend.title"), bar: t("dashboard.health.trend.average") });
    case "activity":
      return draw(
        [
          { label: t("dashboard.health.activity.membersActive"), bar: h.members.active },
          { label: t("dashboard.health.activity.membersSilent"), bar: h.members.silent },
          { label: t("dashboard.health.activity.employersActive"), bar: h.employers.active },
          { label: t("dashboard.health.activity.employersSilent"), bar: h.employers.silent },
        ],
        { title: t("dashboard.health.activity.title", { days: h.activeDays }), bar: t("dashboard.health.activity.count") },
      );
    case "new":
      return draw(h.newMembers.map((q, i) => ({ label: q.label, bar: q.count, line: h.newEmployers[i]?.count ?? 0 })), { title: t("dashboard.health.new.title"), bar: t("dashboard.health.new.people"), line: t("dashboard.health.new.employers") });
  }
}

export const healthChartPng = (t: Translate, h: NetworkHealth, chart: HealthChart) => svgToPng(healthChartSvg(t, h, chart));
