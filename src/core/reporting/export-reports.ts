import type { Platform } from "../../generated/prisma/enums.js";
import { translator } from "../../i18n/index.js";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { ambitionChangesOf } from "../ambition/repository.js";
import { ambitionAt } from "../ambition/timeline.js";
import { exportOptions, type ExportOptions, type SpreadsheetFile } from "../exports/schema.js";
import { spreadsheetFile, type Cell } from "../exports/sheet-file.js";
import { countsInQuarter } from "../members/archive-scope.js";
import { networksInScope } from "../networks/scope.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { compareQuarters, quarterEnd, quarterLabel } from "./quarters.js";

export interface ReportRow {
  /** The employer's network: a parent's coordinator exports the networks below it too. */
  network: string;
  quarter: string;
  employer: string;
  branche: string;
  region: string;
  /** A quarter the employer counted in without reporting is a row of its own, never a 0. */
  state: "REPORTED" | "NOT_REPORTED";
  /** Placements new in the quarter; null when not reported. */
  realised: number | null;
  /** The employer's placements up to and including the quarter. */
  cumulative: number;
  /** The employer's ambition in force at the quarter's end. */
  ambition: number;
  version: number | null;
  submittedAt: Date | null;
  via: Platform | null;
  remark: string | null;
}

/**
 * Every quarter of every employer in scope, for a spreadsheet: the network and those below it
 * for coordinators, the own employer for members. A quarter the employer counted in (archive-scope.ts)
 * but did not report is a NOT_REPORTED row; each row carries the same cumulative total and
 * ambition as `status` and `historie`.
 */
export async function exportReports(deps: CoreDeps, actor: Actor): Promise<Result<{ networkName: string; timeZone: string; reports: number; rows: ReportRow[] }>> {
  if (!isCoordinator(actor) && !actor.employerId) return fail("notAllowed", "error.noEmployer");
  const networkIds = isCoordinator(actor) ? await networksInScope(deps, actor) : [actor.networkId];
  const scope = isCoordinator(actor) ? { networkId: { in: networkIds } } : { networkId: actor.networkId, id: actor.employerId! };
  const [network, employers, periods, reports] = await Promise.all([
    deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { name: true, timeZone: true } }),
    deps.db.employer.findMany({
      where: scope,
      select: { id: true, name: true, branche: true, region: true, joinedAt: true, archivedAt: true, networkId: true, network: { select: { name: true, timeZone: true } } },
      orderBy: { name: "asc" },
    }),
    deps.db.reportingPeriod.findMany({ where: { networkId: { in: networkIds } }, select: { id: true, networkId: true, year: true, quarter: true } }),
    deps.db.placementReport.findMany({
      where: { employer: scope },
      select: { employerId: true, periodId: true, realised: true, version: true, submittedAt: true, submittedVia: true, remark: true },
    }),
  ]);
  const ambitions = await ambitionChangesOf(deps.db, employers.map((e) => e.id));
  const reportOf = new Map(reports.map((r) => [`${r.employerId}:${r.periodId}`, r]));
  const periodOf = new Map(periods.map((p) => [`${p.networkId}:${p.year}-${p.quarter}`, p]));
  // Oldest quarter first, then by employer: an employer's running total is the sum so far.
  const quarters = [...new Map(periods.map((p) => [`${p.year}-${p.quarter}`, { year: p.year, quarter: p.quarter }])).values()].sort(compareQuarters);
  const running = new Map<string, number>();
  const rows: ReportRow[] = [];
  for (const ref of quarters) {
    for (const e of employers) {
      const period = periodOf.get(`${e.networkId}:${ref.year}-${ref.quarter}`);
      if (!period) continue;
      const report = reportOf.get(`${e.id}:${period.id}`);
      const endsAt = quarterEnd(ref, e.network.timeZone);
      if (!countsInQuarter(e, endsAt, report !== undefined)) continue;
      const cumulative = (running.get(e.id) ?? 0) + (report?.realised ?? 0);
      running.set(e.id, cumulative);
      rows.push({
        network: e.network.name,
        quarter: quarterLabel(ref),
        employer: e.name,
        branche: e.branche,
        region: e.region,
        state: report ? "REPORTED" : "NOT_REPORTED",
        realised: report?.realised ?? null,
        cumulative,
        ambition: ambitionAt(ambitions.get(e.id) ?? [], endsAt)?.ambition ?? 0,
        version: report?.version ?? null,
        submittedAt: report?.submittedAt ?? null,
        via: report?.submittedVia ?? null,
        remark: report?.remark ?? null,
      });
    }
  }
  return ok({ networkName: network.name, timeZone: network.timeZone, reports: reports.length, rows });
}

const COLUMNS = ["network", "quarter", "employer", "branche", "region", "state", "realised", "cumulative", "ambition", "version", "submittedAt", "via", "remark"] as const;

/**
 * The report export as the file chat and dashboard both hand out (CSV or .xlsx, the reader's
 * language, local times): one function, so the two give the same bytes.
 */
export async function reportsSpreadsheet(deps: CoreDeps, actor: Actor, raw: ExportOptions = {}): Promise<Result<SpreadsheetFile & { networkName: string; reports: number }>> {
  const options = exportOptions.safeParse(raw);
  if (!options.success) return invalidInput(options.error);
  const result = await exportReports(deps, actor);
  if (!result.ok) return result;
  const locale = options.data.locale ?? actor.locale;
  const t = translator(locale);
  const words = (row: ReportRow): Record<(typeof COLUMNS)[number], Cell> => ({
    ...row,
    state: t(row.state === "REPORTED" ? "exports.reported" : "exports.notReported"),
    realised: row.realised ?? t("exports.notReported"),
    submittedAt: row.submittedAt ? { at: row.submittedAt } : null,
    via: row.via ? t(`exports.platform.${row.via}`) : null,
  });
  const file = await spreadsheetFile(
    { name: t("exports.reports.sheet"), header: COLUMNS.map((c) => t(`exports.reports.${c}`)), rows: result.value.rows.map((row) => { const w = words(row); return COLUMNS.map((c) => w[c]); }) },
    options.data.format,
    `${t("exports.reports.fileName")}-${deps.now().toISOString().slice(0, 10)}`,
    { locale, timeZone: result.value.timeZone },
  );
  return ok({ ...file, networkName: result.value.networkName, reports: result.value.reports });
}
