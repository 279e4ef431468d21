import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { networksInScope } from "../networks/scope.js";
import { fail, ok, type Result } from "../result.js";

export interface ReportRow {
  /** The employer's network: a parent's coordinator exports the networks below it too. */
  network: string;
  quarter: string;
  employer: string;
  branche: string;
  region: string;
  ambition: number;
  realised: number;
  version: number;
  submittedAt: Date;
  remark: string | null;
}

export const REPORT_COLUMNS = ["network", "quarter", "employer", "branche", "region", "ambition", "realised", "version", "submittedAt", "remark"] as const;

/**
 * Every current report for a spreadsheet: the network and those below it for coordinators, the
 * own employer for members.
 */
export async function exportReports(deps: CoreDeps, actor: Actor): Promise<Result<{ networkName: string; rows: ReportRow[] }>> {
  if (!isCoordinator(actor) && !actor.employerId) return fail("notAllowed", "error.noEmployer");
  const scope = isCoordinator(actor) ? { networkId: { in: await networksInScope(deps, actor) } } : { networkId: actor.networkId, id: actor.employerId! };
  const network = await deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { name: true } });
  const reports = await deps.db.placementReport.findMany({
    where: { employer: scope },
    select: {
      ambition: true,
      realised: true,
      version: true,
      submittedAt: true,
      remark: true,
      period: { select: { year: true, quarter: true } },
      employer: { select: { name: true, branche: true, region: true, network: { select: { name: true } } } },
    },
    orderBy: [{ period: { year: "asc" } }, { period: { quarter: "asc" } }, { employer: { name: "asc" } }],
  });
  return ok({
    networkName: network.name,
    rows: reports.map((r) => ({
      network: r.employer.network.name,
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
  });
}
