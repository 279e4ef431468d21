import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { ambitionChangesOf } from "../ambition/repository.js";
import { ambitionAt } from "../ambition/timeline.js";
import { networksInScope } from "../networks/scope.js";
import { fail, ok, type Result } from "../result.js";
import { compareQuarters, quarterEnd } from "./quarters.js";

export interface ReportRow {
  /** The employer's network: a parent's coordinator exports the networks below it too. */
  network: string;
  quarter: string;
  employer: string;
  branche: string;
  region: string;
  /** Placements new in the quarter. */
  realised: number;
  /** The employer's placements up to and including the quarter. */
  cumulative: number;
  /** The employer's ambition in force at the quarter's end. */
  ambition: number;
  version: number;
  submittedAt: Date;
  remark: string | null;
}

export const REPORT_COLUMNS = ["network", "quarter", "employer", "branche", "region", "realised", "cumulative", "ambition", "version", "submittedAt", "remark"] as const;

/**
 * Every current report for a spreadsheet: the network and those below it for coordinators, the
 * own employer for members. Each row carries the same cumulative total and ambition as `status`.
 */
export async function exportReports(deps: CoreDeps, actor: Actor): Promise<Result<{ networkName: string; rows: ReportRow[] }>> {
  if (!isCoordinator(actor) && !actor.employerId) return fail("notAllowed", "error.noEmployer");
  const scope = isCoordinator(actor) ? { networkId: { in: await networksInScope(deps, actor) } } : { networkId: actor.networkId, id: actor.employerId! };
  const network = await deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { name: true } });
  const reports = await deps.db.placementReport.findMany({
    where: { employer: scope },
    select: {
      employerId: true,
      realised: true,
      version: true,
      submittedAt: true,
      remark: true,
      period: { select: { year: true, quarter: true } },
      employer: { select: { name: true, branche: true, region: true, network: { select: { name: true, timeZone: true } } } },
    },
    orderBy: [{ period: { year: "asc" } }, { period: { quarter: "asc" } }, { employer: { name: "asc" } }],
  });
  const ambitions = await ambitionChangesOf(deps.db, [...new Set(reports.map((r) => r.employerId))]);
  // Rows come oldest quarter first, so an employer's running total is the sum so far.
  const running = new Map<string, number>();
  reports.sort((a, b) => compareQuarters(a.period, b.period));
  return ok({
    networkName: network.name,
    rows: reports.map((r) => {
      const cumulative = (running.get(r.employerId) ?? 0) + r.realised;
      running.set(r.employerId, cumulative);
      return {
        network: r.employer.network.name,
        quarter: `${r.period.year}-Q${r.period.quarter}`,
        employer: r.employer.name,
        branche: r.employer.branche,
        region: r.employer.region,
        realised: r.realised,
        cumulative,
        ambition: ambitionAt(ambitions.get(r.employerId) ?? [], quarterEnd(r.period, r.employer.network.timeZone))?.ambition ?? 0,
        version: r.version,
        submittedAt: r.submittedAt,
        remark: r.remark,
      };
    }),
  });
}
