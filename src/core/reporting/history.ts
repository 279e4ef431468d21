import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
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
 * Quarter-over-quarter totals, oldest first. Coordinators see the network (or one employer of
 * it); members see only their own employer.
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

  const periods = await deps.db.reportingPeriod.findMany({
    where: { networkId: actor.networkId },
    select: { id: true, year: true, quarter: true },
    orderBy: [{ year: "desc" }, { quarter: "desc" }],
    take: quarters,
  });
  const sums = await deps.db.placementReport.groupBy({
    by: ["periodId"],
    where: { periodId: { in: periods.map((p) => p.id) }, ...(scopeEmployer ? { employerId: scopeEmployer } : {}) },
    _sum: { ambition: true, realised: true },
    _count: { _all: true },
  });
  const byPeriod = new Map(sums.map((s) => [s.periodId, s]));
  return ok(
    periods.reverse().map((p) => {
      const s = byPeriod.get(p.id);
      return {
        label: quarterLabel(p),
        year: p.year,
        quarter: p.quarter,
        reported: s?._count._all ?? 0,
        ambition: s?._sum.ambition ?? 0,
        realised: s?._sum.realised ?? 0,
      };
    }),
  );
}
