import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { anyOf, networksInScope } from "../networks/scope.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { quarterLabel } from "./quarters.js";
import { historyInput } from "./schema.js";

export interface QuarterTotals {
  label: string;
  year: number;
  quarter: number;
  reported: number;
  ambition: number;
  realised: number;
}

/**
 * Quarter-over-quarter totals, oldest first. Coordinators see their network and every network
 * below it, summed per quarter (or one employer of them); members see only their own employer.
 */
export async function reportHistory(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<QuarterTotals[]>> {
  const parsed = historyInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { employerId, quarters } = parsed.data;

  if (!isCoordinator(actor)) {
    if (!actor.employerId) return fail("notAllowed", "error.noEmployer");
    if (employerId && employerId !== actor.employerId) return fail("notAllowed", "reporting.otherEmployer");
  }
  const scopeEmployer = isCoordinator(actor) ? employerId : actor.employerId ?? undefined;

  // Every network keeps its own period rows; a quarter is the sum over the networks in scope.
  const scope = await networksInScope(deps, actor);
  const periods = await deps.db.reportingPeriod.findMany({
    where: { networkId: anyOf(scope) },
    select: { id: true, year: true, quarter: true },
    orderBy: [{ year: "desc" }, { quarter: "desc" }],
  });
  const latest = [...new Map(periods.map((p) => [`${p.year}-${p.quarter}`, { year: p.year, quarter: p.quarter }])).values()].slice(0, quarters);
  const wanted = periods.filter((p) => latest.some((q) => q.year === p.year && q.quarter === p.quarter));
  const sums = await deps.db.placementReport.groupBy({
    by: ["periodId"],
    where: { periodId: { in: wanted.map((p) => p.id) }, ...(scopeEmployer ? { employerId: scopeEmployer } : {}) },
    _sum: { ambition: true, realised: true },
    _count: { _all: true },
  });
  const byPeriod = new Map(sums.map((s) => [s.periodId, s]));
  return ok(
    latest.reverse().map((q) => {
      const inQuarter = wanted.filter((p) => p.year === q.year && p.quarter === q.quarter).map((p) => byPeriod.get(p.id));
      return {
        label: quarterLabel(q),
        year: q.year,
        quarter: q.quarter,
        reported: inQuarter.reduce((n, s) => n + (s?._count._all ?? 0), 0),
        ambition: inQuarter.reduce((n, s) => n + (s?._sum.ambition ?? 0), 0),
        realised: inQuarter.reduce((n, s) => n + (s?._sum.realised ?? 0), 0),
      };
    }),
  );
}
