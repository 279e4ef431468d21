import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import type { ReportRow } from "../reporting/export-reports.js";

/** Report rows for a spreadsheet: the whole network for coordinators, own employer for members. */
export async function reportRows(deps: CoreDeps, actor: Actor): Promise<Result<ReportRow[]>> {
  if (!isCoordinator(actor) && !actor.employerId) return fail("notAllowed", "error.noEmployer");
  const scope = isCoordinator(actor) ? { networkId: actor.networkId } : { networkId: actor.networkId, id: actor.employerId! };
  const reports = await deps.db.placementReport.findMany({
    where: { employer: scope },
    select: {
      ambition: true,
      realised: true,
      version: true,
      submittedAt: true,
      remark: true,
      period: { select: { year: true, quarter: true } },
      employer: { select: { name: true, branche: true, region: true } },
    },
    orderBy: [{ period: { year: "asc" } }, { period: { quarter: "asc" } }, { employer: { name: "asc" } }],
  });
  return ok(
    reports.map((r) => ({
      quarter: `${r.period.year}-Q${r.period.quarter}`,
      employer: r.employer.name,
      branche: r.employer.branche,
      region: r.employer.region,
      ambition: r.ambition,
      realised: r.realised,
      version: r.version,
      submittedAt: r.submittedAt,
      remark: r.remark,
    })),
  );
}
