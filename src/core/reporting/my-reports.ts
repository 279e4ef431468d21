import { changeTag } from "../../db/change-feed.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import { progressOf, type Progress } from "../ambition/timeline.js";
import { personNames } from "../shared/person-names.js";
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

// Asked on every `rapportages`, App Home and report form, changed a few times a quarter: cached
// until the employer, its network or one of its reports changes (a new ambition changes the employer row).
function employerReports(deps: CoreDeps, employerId: string) {
  return deps.cache.get(`employer-reports:${employerId}`, async () => {
    const [employer, total] = await Promise.all([
      deps.db.employer.findUniqueOrThrow({
        where: { id: employerId },
        select: {
          id: true,
          name: true,
          archivedAt: true,
          ambition: true,
          ambitionTargetDate: true,
          network: { select: { id: true, timeZone: true } },
          reports: {
            select: { realised: true, version: true, submittedAt: true, submittedById: true, period: { select: { year: true, quarter: true } } },
            orderBy: [{ period: { year: "desc" } }, { period: { quarter: "desc" } }],
            take: 12,
          },
        },
      }),
      deps.db.placementReport.aggregate({ where: { employerId }, _sum: { realised: true } }),
    ]);
    const names = await personNames(deps.db, employer.reports.map((r) => r.submittedById));
    // Newest first: each quarter's total is the overall total less what came after it.
    let upTo = total._sum.realised ?? 0;
    const reports: MyReport[] = [];
    for (const r of employer.reports) {
      reports.push({
      label: quarterLabel(r.period),
      year: r.period.year,
      quarter: r.period.quarter,
      realised: r.realised,
      cumulative: upTo,
      version: r.version,
      submittedAt: r.submittedAt,
      submittedById: r.submittedById,
      submittedBy: r.submittedById ? names.get(r.submittedById) ?? null : null,
      });
      upTo -= r.realised;
    }
    return {
      value: {
        id: employer.id,
        name: employer.name,
        archivedAt: employer.archivedAt,
        timeZone: employer.network.timeZone,
        ambition: { ambition: employer.ambition, targetDate: employer.ambitionTargetDate },
        cumulative: total._sum.realised ?? 0,
        reports,
      },
      tags: [changeTag.employer(employer.id), changeTag.network(employer.network.id)],
    };
  });
}
