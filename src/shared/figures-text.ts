import type { Progress } from "../core/ambition/timeline.js";
import type { EmployerQuarterState } from "../core/reporting/history.js";
import type { QuarterFigures } from "../core/reporting/quarter-figures.js";
import { formatDate, formatNumber, formatPercent } from "../i18n/format.js";
import type { Locale, MessageKey, MessageParams } from "../i18n/index.js";

type T = (key: MessageKey, params?: MessageParams) => string;

/**
 * The one ambition model in words, shared by chat, App Home / Teams home and the dashboard so
 * they cannot disagree: "11 van 12 (doel 31-12-2028)".
 */
export function progressText(t: T, locale: Locale, p: Pick<Progress, "cumulative" | "ambition" | "targetDate" | "targetPassed">): string {
  const { cumulative, ambition } = p;
  if (ambition === 0) return t("figures.noAmbition", { cumulative });
  if (!p.targetDate) return t("figures.progress", { cumulative, ambition });
  // A DATE is a calendar day: shown as that day, whatever the time zone.
  const date = formatDate(locale, p.targetDate, "UTC");
  return t(p.targetPassed ? "figures.progressPassed" : "figures.progressBy", { cumulative, ambition, date });
}

/** A quarter's new placements, or "niet gerapporteerd": never a 0 for a missing report. */
export function realisedText(t: T, locale: Locale, realised: number | null): string {
  return realised === null ? t("figures.notReported") : formatNumber(locale, realised);
}

export function stateText(t: T, state: EmployerQuarterState): string {
  return t(state === "NOT_YET_MEMBER" ? "figures.notYetMember" : state === "LEFT" ? "figures.left" : "figures.notReported");
}

/** The quarter's totals as fields: `status`, App Home and Teams home show exactly these. */
export function statusFields(t: T, locale: Locale, totals: QuarterFigures): Array<{ label: string; value: string }> {
  return [
    { label: t("reporting.status.reported"), value: `${totals.reported} / ${totals.employers}` },
    { label: t("reporting.status.responseRate"), value: formatPercent(locale, totals.responseRate) },
    { label: t("figures.new"), value: formatNumber(locale, totals.realised) },
    { label: t("figures.cumulative"), value: formatNumber(locale, totals.cumulative) },
    { label: t("figures.ambition"), value: formatNumber(locale, totals.ambition) },
    { label: t("figures.notReportedCount"), value: formatNumber(locale, totals.notReported) },
  ];
}
