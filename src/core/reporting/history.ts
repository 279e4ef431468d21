import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { ambitionChangesOf } from "../ambition/repository.js";
import { ambitionAt } from "../ambition/timeline.js";
import { countsInQuarter, notCountedBecause } from "../members/archive-scope.js";
import { anyOf, networksInScope } from "../networks/scope.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { addFigures, emptyFigures, type QuarterFigures } from "./quarter-figures.js";
import { compareQuarters, quarterEnd, quarterLabel, type QuarterRef } from "./quarters.js";
import { historyInput } from "./schema.js";
import { detailFromSums, detailSums, type DetailTotals } from "./detail.js";

/**
 * One employer's quarter: reported, not reported, or not counted because it was not a member
 * (yet, or any more). Only in the history of one employer.
 */
export type EmployerQuarterState = "REPORTED" | "NOT_REPORTED" | "NOT_YET_MEMBER" | "LEFT";

export interface QuarterTotals extends QuarterFigures {
  label: string;
  year: number;
  quarter: number;
  /** Set in the history of one employer. */
  state?: EmployerQuarterState;
  /** Per network in scope (the regions below a parent); one entry for a single network. */
  byNetwork: Array<QuarterFigures & { networkId: string; networkName: string }>;
}

/**
 * Quarter-over-quarter figures, oldest first. Coordinators see their network and every network
 * below it, in total and per network (or one employer of them); members see only their own
 * employer. The figures follow the one ambition model: what is new in a quarter, the cumulative
 * total up to it, and the ambition of every employer counted in it.
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
  const employerFilter = scopeEmployer ? { id: scopeEmployer, networkId: anyOf(scope) } : { networkId: anyOf(scope) };
  const [periods, networks, employers] = await Promise.all([
    deps.db.reportingPeriod.findMany({
      where: { networkId: anyOf(scope) },
      select: { id: true, networkId: true, year: true, quarter: true },
      orderBy: [{ year: "asc" }, { quarter: "asc" }],
    }),
    deps.db.network.findMany({ where: { id: anyOf(scope) }, select: { id: true, name: true, timeZone: true } }),
    deps.db.employer.findMany({ where: employerFilter, select: { id: true, networkId: true, joinedAt: true, archivedAt: true } }),
  ]);
  if (scopeEmployer && employers.length === 0) return fail("notFound", "reporting.employerNotFound");
  const distinct = [...new Map(periods.map((p) => [`${p.year}-${p.quarter}`, { year: p.year, quarter: p.quarter }])).values()];
  const window = distinct.slice(-quarters);
  if (window.length === 0) return ok([]);

  const zoneOf = new Map(networks.map((n) => [n.id, n.timeZone]));
  const endOf = (ref: QuarterRef, networkId: string) => quarterEnd(ref, zoneOf.get(networkId) ?? "Europe/Amsterdam");
  // Employers that were members through the whole window count in every quarter of it, so their
  // reports are only needed as sums per period. The rest (archived, or joined during the window)
  // are followed report by report: few, even in a large network.
  const regular = (e: (typeof employers)[number]) => e.archivedAt === null && e.joinedAt.getTime() < endOf(window[0]!, e.networkId).getTime();
  const irregular = employers.filter((e) => !regular(e));
  const inWindow = { periodId: { in: periods.map((p) => p.id) }, ...(scopeEmployer ? { employerId: scopeEmployer } : {}) };
  const [sums, withHours, irregularReports, ambitions] = await Promise.all([
    deps.db.placementReport.groupBy({
      by: ["periodId"],
      where: inWindow,
      _sum: { realised: true, ...detailSums },
      _count: { _all: true },
    }),
    // The people whose hours were given: banen are "of so many people", not of everyone placed.
    deps.db.placementReport.groupBy({ by: ["periodId"], where: { ...inWindow, hoursPerWeek: { not: null } }, _sum: { realised: true } }),
    irregular.length === 0
      ? Promise.resolve([])
      : deps.db.placementReport.findMany({ where: { employerId: { in: irregular.map((e) => e.id) } }, select: { employerId: true, periodId: true, realised: true } }),
    ambitionChangesOf(deps.db, employers.map((e) => e.id), scopeEmployer ? undefined : scope),
  ]);

  const periodOf = new Map(periods.map((p) => [p.id, p]));
  const peopleWithHours = new Map(withHours.map((s) => [s.periodId, s._sum.realised ?? 0]));
  const sumOf = new Map<string, { realised: number; reports: number; detail: DetailTotals }>(
    sums.map((s) => [s.periodId, { realised: s._sum.realised ?? 0, reports: s._count._all, detail: detailFromSums(s._sum.realised ?? 0, s._sum, peopleWithHours.get(s.periodId) ?? 0) }]),
  );
  const reportsOf = groupReports(irregularReports, periodOf);
  const followed = new Set(irregular.map((e) => e.id));
  const networkName = new Map(networks.map((n) => [n.id, n.name]));

  return ok(
    window.map((ref) => {
      const perNetwork = networks.map((n) => {
        const upTo = periods.filter((p) => p.networkId === n.id && compareQuarters(p, ref) <= 0);
        const inQuarter = upTo.find((p) => compareQuarters(p, ref) === 0);
        const endsAt = endOf(ref, n.id);
        const own = employers.filter((e) => e.networkId === n.id);
        let cumulative = upTo.reduce((total, p) => total + (sumOf.get(p.id)?.realised ?? 0), 0);
        let counted = 0;
        let ambition = 0;
        for (const e of own) {
          const reports = followed.has(e.id) ? reportsOf.get(e.id) ?? [] : null;
          const reportedNow = reports ? reports.some((r) => compareQuarters(r, ref) === 0) : false;
          if (reports && !countsInQuarter(e, endsAt, reportedNow)) {
            // Not a member in this quarter: its earlier placements are not this quarter's.
            cumulative -= reports.filter((r) => compareQuarters(r, ref) <= 0).reduce((t, r) => t + r.realised, 0);
            continue;
          }
          counted += 1;
          ambition += ambitionAt(ambitions.get(e.id) ?? [], endsAt)?.ambition ?? 0;
        }
        const now = inQuarter ? sumOf.get(inQuarter.id) : undefined;
        const figures = addFigures(emptyFigures(), { employers: counted, reported: now?.reports ?? 0, realised: now?.realised ?? 0, cumulative, ambition, detail: now?.detail });
        return { networkId: n.id, networkName: networkName.get(n.id) ?? "", ...figures };
      });
      const totals = perNetwork.reduce<QuarterFigures>((t, f) => addFigures(t, f), emptyFigures());
      const row: QuarterTotals = { label: quarterLabel(ref), year: ref.year, quarter: ref.quarter, ...totals, byNetwork: perNetwork.filter((f) => f.employers > 0 || f.reported > 0) };
      if (scopeEmployer) row.state = employerState(employers[0]!, ref, endOf(ref, employers[0]!.networkId), totals);
      return row;
    }),
  );
}

function employerState(employer: { joinedAt: Date; archivedAt: Date | null }, ref: QuarterRef, endsAt: Date, figures: QuarterFigures): EmployerQuarterState {
  if (figures.reported > 0) return "REPORTED";
  if (countsInQuarter(employer, endsAt, false)) return "NOT_REPORTED";
  return notCountedBecause(employer, endsAt) === "notYetMember" ? "NOT_YET_MEMBER" : "LEFT";
}

function groupReports(rows: Array<{ employerId: string; periodId: string; realised: number }>, periods: Map<string, QuarterRef>) {
  const byEmployer = new Map<string, Array<QuarterRef & { realised: number }>>();
  for (const r of rows) {
    const period = periods.get(r.periodId);
    if (!period) continue;
    const list = byEmployer.get(r.employerId) ?? [];
    list.push({ year: period.year, quarter: period.quarter, realised: r.realised });
    byEmployer.set(r.employerId, list);
  }
  return byEmployer;
}
