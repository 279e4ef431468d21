import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import { quarterLabel, quarterOf, type QuarterRef } from "./quarters.js";

export interface MyReports {
  employerId: string;
  employerName: string;
  current: QuarterRef & { label: string; reported: boolean };
  reports: Array<{ label: string; year: number; quarter: number; ambition: number; realised: number; version: number; submittedAt: Date }>;
}

/** The actor's own employer: what has been reported and whether this quarter is still due. */
export async function myReports(deps: CoreDeps, actor: Actor): Promise<Result<MyReports>> {
  if (!actor.employerId) return fail("notAllowed", "error.noEmployer");
  const employer = await deps.db.employer.findUniqueOrThrow({
    where: { id: actor.employerId },
    select: {
      id: true,
      name: true,
      network: { select: { timeZone: true } },
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
  const current = quarterOf(deps.now(), employer.network.timeZone);
  const reported = reports.some((r) => r.year === current.year && r.quarter === current.quarter);
  return ok({
    employerId: employer.id,
    employerName: employer.name,
    current: { ...current, label: quarterLabel(current), reported },
    reports,
  });
}
