import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import { isCurrent } from "../members/archive-scope.js";
import { reportHistory } from "../reporting/history.js";
import { quarterLabel } from "../reporting/quarters.js";
import { publicFiguresInput } from "./schema.js";
import { mergeSmallGroups, type Group } from "./suppression.js";

export interface PublicQuarter {
  label: string;
  year: number;
  quarter: number;
  /** Employers that reported; shown even when the figure itself is suppressed. */
  reporting: number;
  /** null: fewer than minGroupSize employers reported, so the sum could single one out. */
  realised: number | null;
  /** The shown placements of this and earlier shown quarters: a suppressed quarter adds nothing. */
  cumulative: number;
  /** The ambition of every employer counted in the quarter (the one ambition model). */
  ambition: number;
}

export interface PublicFigures {
  networkName: string;
  minGroupSize: number;
  employers: number;
  /** The network itself is smaller than minGroupSize: no figures at all. */
  suppressedAll: boolean;
  totals: { realised: number; ambition: number } | null;
  trend: PublicQuarter[];
  /** Per branche; small branches are merged into one "other" group (name null). */
  groups: Group[];
}

/**
 * Aggregate-only placements for a praktijktafel or the press, built so that no employer can be
 * singled out: every number shown is a sum over at least minGroupSize employers.
 */
export async function publicFigures(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<PublicFigures>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = publicFiguresInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { minGroupSize: k, quarters } = parsed.data;

  const network = await deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { name: true } });
  // All employers for the branche of past reports; the current ones for the count and ambition.
  const [allEmployers, periods] = await Promise.all([
    deps.db.employer.findMany({ where: { networkId: actor.networkId }, select: { id: true, branche: true, ambition: true, archivedAt: true } }),
    deps.db.reportingPeriod.findMany({
      where: { networkId: actor.networkId },
      select: { id: true, year: true, quarter: true },
      orderBy: [{ year: "desc" }, { quarter: "desc" }],
      take: quarters,
    }),
  ]);
  const employers = allEmployers.filter(isCurrent);
  const base = { networkName: network.name, minGroupSize: k, employers: employers.length };
  if (employers.length < k) return ok({ ...base, suppressedAll: true, totals: null, trend: [], groups: [] });

  // Sums are computed in the database: a large network has thousands of reports per year.
  const perPeriod = await deps.db.placementReport.groupBy({
    by: ["periodId"],
    where: { periodId: { in: periods.map((p) => p.id) } },
    _count: { _all: true },
    _sum: { realised: true },
  });
  const byPeriod = new Map(perPeriod.map((p) => [p.periodId, { reporting: p._count._all, realised: p._sum.realised ?? 0 }]));
  const history = await reportHistory(deps, actor, { quarters });
  if (!history.ok) return history;
  const ambitionOf = new Map(history.value.map((q) => [`${q.year}-${q.quarter}`, q.byNetwork.find((n) => n.networkId === actor.networkId)?.ambition ?? 0]));
  let shown = 0;
  const trend: PublicQuarter[] = periods.reverse().map((p) => {
    const figures = byPeriod.get(p.id) ?? { reporting: 0, realised: 0 };
    const realised = figures.reporting >= k ? figures.realised : null;
    shown += realised ?? 0;
    return { label: quarterLabel(p), year: p.year, quarter: p.quarter, reporting: figures.reporting, realised, cumulative: shown, ambition: ambitionOf.get(`${p.year}-${p.quarter}`) ?? 0 };
  });
  // Only quarters that are shown feed the totals and groups; otherwise "total minus the shown
  // quarters" would give back a suppressed quarter.
  const shownIds = periods.filter((p) => (byPeriod.get(p.id)?.reporting ?? 0) >= k).map((p) => p.id);
  const perEmployer = shownIds.length
    ? await deps.db.placementReport.groupBy({ by: ["employerId"], where: { periodId: { in: shownIds } }, _sum: { realised: true } })
    : [];
  const branche = new Map(allEmployers.map((e) => [e.id, e.branche]));
  const byBranche = new Map<string, Group>();
  for (const e of perEmployer) {
    const name = branche.get(e.employerId) ?? "";
    const group = byBranche.get(name) ?? { name, employers: 0, realised: 0 };
    group.employers += 1;
    group.realised += e._sum.realised ?? 0;
    byBranche.set(name, group);
  }
  const groups = mergeSmallGroups([...byBranche.values()], k);
  return ok({
    ...base,
    suppressedAll: false,
    totals: { realised: sum(perEmployer.map((e) => e._sum.realised ?? 0)), ambition: sum(employers.map((e) => e.ambition)) },
    trend,
    groups,
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
