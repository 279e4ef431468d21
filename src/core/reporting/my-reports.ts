import { changeTag } from "../../db/change-feed.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import { quarterLabel, quarterOf, type QuarterRef } from "./quarters.js";

export interface MyReports {
  employerId: string;
  employerName: string;
  /** An archived employer reports no more: nothing is due (see members/archive-scope.ts). */
  archived: boolean;
  current: QuarterRef & { label: string; reported: boolean };
  reports: Array<{ label: string; year: number; quarter: number; ambition: number; realised: number; version: number; submittedAt: Date }>;
}

/** The actor's own employer: what has been reported and whether this quarter is still due. */
export async function myReports(deps: CoreDeps, actor: Actor): Promise<Result<MyReports>> {
  if (!actor.employerId) return fail("notAllowed", "error.noEmployer");
  const employer = await employerReports(deps, actor.employerId);
  const current = quarterOf(deps.now(), employer.timeZone);
  const reported = employer.reports.some((r) => r.year === current.year && r.quarter === current.quarter);
  return ok({
    employerId: employer.id,
    employerName: employer.name,
    archived: employer.archivedAt !== null,
    current: { ...current, label: quarterLabel(current), reported },
    reports: employer.reports,
  });
}

// Asked on every `rapportages`, App Home and report form, changed a few times a quarter: cached
// until the employer, its network or one of its reports changes.
function employerReports(deps: CoreDeps, employerId: string) {
  return deps.cache.get(`employer-reports:${employerId}`, async () => {
    const employer = await deps.db.employer.findUniqueOrThrow({
      where: { id: employerId },
      select: {
        id: true,
        name: true,
        archivedAt: true,
        network: { select: { id: true, timeZone: true } },
        reports: {
          select: {
            ambition: true,
            realised: true,
            version: true,
            submittedAt: true,
            period: { select: { year: true, quarter: true } },
          },
          orderBy: [{ period: { year: "desc" } }, { period: { quarter: "desc" } }],
          take: 12,
        },
      },
    });
    const reports = employer.reports.map((r) => ({
      label: quarterLabel(r.period),
      year: r.period.year,
      quarter: r.period.quarter,
      ambition: r.ambition,
      realised: r.realised,
      version: r.version,
      submittedAt: r.submittedAt,
    }));
    return {
      value: { id: employer.id, name: employer.name, archivedAt: employer.archivedAt, timeZone: employer.network.timeZone, reports },
      tags: [changeTag.employer(employer.id), changeTag.network(employer.network.id)],
    };
  });
}
