import { changeTag } from "../../db/change-feed.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import { progressOf, type Progress } from "../ambition/timeline.js";
import { quarterLabel, quarterOf, type QuarterRef } from "./quarters.js";

export interface MyReport {
  label: string;
  year: number;
  quarter: number;
  /** Placements new in that quarter. */
  realised: number;
  /** Placements up to and including that quarter. */
  cumulative: number;
  version: number;
  submittedAt: Date;
  /** Who gave the current figure: a colleague's name, or null when erased. */
  submittedBy: string | null;
  submittedById: string | null;
}

export interface MyReports {
  employerId: string;
  employerName: string;
  /** An archived employer reports no more: nothing is due (see members/archive-scope.ts). */
  archived: boolean;
  current: QuarterRef & { label: string; reported: boolean };
  /** This quarter's report, if any: what a colleague gave is shown before it is changed. */
  currentReport: MyReport | null;
  /** All placements so far against the employer's ambition now. */
  progress: Progress;
  reports: MyReport[];
}

/** The actor's own employer: what has been reported and whether this quarter is still due. */
export async function myReports(deps: CoreDeps, actor: Actor): Promise<Result<MyReports>> {
  if (!actor.employerId) return fail("notAllowed", "error.noEmployer");
  const employer = await employerReports(deps, actor.employerId);
  const current = quarterOf(deps.now(), employer.timeZone);
  const currentReport = employer.reports.find((r) => r.year === current.year && r.quarter === current.quarter) ?? null;
  return ok({
    employerId: employer.id,
    employerName: employer.name,
    archived: employer.archivedAt !== null,
    current: { ...current, label: quarterLabel(current), reported: currentReport !== null },
    currentReport,
    progress: progressOf(employer.cumulative, employer.ambition, deps.now(), employer.timeZone),
    reports: employer.reports,
  });
}

interface EmployerReportRow {
  id: string;
  name: string;
  archivedAt: Date | null;
  ambition: number;
  ambitionTargetDate: Date | null;
  networkId: string;
  timeZone: string;
  total: number;
  // The columns of one of the latest 12 reports; null on the one row of an employer without any.
  realised: number | null;
  version: number | null;
  submittedAt: Date | null;
  submittedById: string | null;
  submittedBy: string | null;
  year: number | null;
  quarter: number | null;
}

// Asked on every `rapportages`, App Home and report form, changed a few times a quarter: cached
// until the employer, its network or one of its reports changes (a new ambition changes the employer row).
// A person's first command reads it: one statement, not Prisma's three (employer with nested
// reports, the running total, the submitters' names), each of which cost a query compilation and
// a nested JSON build on the embedded database.
function employerReports(deps: CoreDeps, employerId: string) {
  return deps.cache.get(`employer-reports:${employerId}`, async () => {
    const rows = await deps.db.$queryRaw<EmployerReportRow[]>`
      SELECT e."id", e."name", e."archivedAt", e."ambition", e."ambitionTargetDate", n."id" AS "networkId", n."timeZone",
        (SELECT COALESCE(SUM(x."realised"), 0)::int FROM "PlacementReport" x WHERE x."employerId" = e."id") AS "total",
        r."realised", r."version", r."submittedAt", r."submittedById", r."submittedBy", r."year", r."quarter"
      FROM "Employer" e
      JOIN "Network" n ON n."id" = e."networkId"
      LEFT JOIN LATERAL (
        SELECT pr."realised", pr."version", pr."submittedAt", pr."submittedById", s."name" AS "submittedBy", p."year", p."quarter"
        FROM "PlacementReport" pr
        JOIN "ReportingPeriod" p ON p."id" = pr."periodId"
        LEFT JOIN "Person" s ON s."id" = pr."submittedById" AND s."erasedAt" IS NULL
        WHERE pr."employerId" = e."id"
        ORDER BY p."year" DESC, p."quarter" DESC
        LIMIT 12
      ) r ON true
      WHERE e."id" = ${employerId}
      ORDER BY r."year" DESC, r."quarter" DESC`;
    const employer = rows[0];
    if (!employer) throw new Error(`employer ${employerId} not found`);
    // Newest first: each quarter's total is the overall total less what came after it.
    let upTo = employer.total;
    const reports: MyReport[] = [];
    for (const r of rows) {
      if (r.year === null || r.quarter === null) continue;
      const period = { year: r.year, quarter: r.quarter };
      reports.push({
        label: quarterLabel(period),
        year: r.year,
        quarter: r.quarter,
        realised: r.realised!,
        cumulative: upTo,
        version: r.version!,
        submittedAt: r.submittedAt!,
        submittedById: r.submittedById,
        submittedBy: r.submittedBy,
      });
      upTo -= r.realised!;
    }
    return {
      value: {
        id: employer.id,
        name: employer.name,
        archivedAt: employer.archivedAt,
        timeZone: employer.timeZone,
        ambition: { ambition: employer.ambition, targetDate: employer.ambitionTargetDate },
        cumulative: employer.total,
        reports,
      },
      tags: [changeTag.employer(employer.id), changeTag.network(employer.networkId)],
    };
  });
}
