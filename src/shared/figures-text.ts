import type { Progress } from "../core/ambition/timeline.js";
import type { EmployerQuarterState } from "../core/reporting/history.js";
import type { QuarterFigures } from "../core/reporting/quarter-figures.js";
import { addReportDetail, emptyDetailTotals, type DetailTotals, type ReportDetail } from "../core/reporting/detail.js";
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
    { label: t("figures.banen"), value: banenText(t, totals.realised, totals.detail) },
  ];
}

/** "2,0 (uren van 3 van 5 personen)": banen are of the people whose hours were given, not of all. */
export function banenText(t: T, people: number, d: DetailTotals): string {
  if (d.peopleWithHours === 0) return t("figures.banenNone");
  return t("figures.banenValue", { banen: d.banen, people: d.peopleWithHours, total: people });
}

/**
 * The split, the target group and the trajectories in words, only the lines someone gave figures
 * for (a quarter without detail shows none of them).
 */
export function detailLines(t: T, people: number, d: DetailTotals): string[] {
  const lines: string[] = [];
  if (d.employment + d.hiredIn > 0) lines.push(t("figures.split", { employment: d.employment, hiredIn: d.hiredIn, rest: Math.max(0, people - d.employment - d.hiredIn) }));
  if (d.targetGroupYes + d.targetGroupNo > 0) lines.push(t("figures.targetGroup", { yes: d.targetGroupYes, no: d.targetGroupNo, unknown: d.targetGroupUnknown }));
  if (d.internships + d.workExperience + d.trialPlacements + d.bblTrajectories > 0) {
    lines.push(t("figures.trajectories", { internships: d.internships, workExperience: d.workExperience, trialPlacements: d.trialPlacements, bblTrajectories: d.bblTrajectories }));
  }
  return lines;
}

/** One report's detail in words, for the reply after saving: "1,0 baan (25,5 uur per week) · …". */
export function reportDetailText(t: T, realised: number, detail: ReportDetail): string | null {
  const totals = addReportDetail(emptyDetailTotals(), realised, detail);
  const parts = [...(detail.hoursPerWeek === null ? [] : [t("figures.banenShort", { banen: totals.banen, hours: detail.hoursPerWeek })]), ...detailLines(t, realised, totals)];
  return parts.length ? parts.join(" · ") : null;
}
