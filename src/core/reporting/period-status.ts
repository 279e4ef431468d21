import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import { employersCountedInQuarter } from "../members/archive-scope.js";
import { ambitionChangesOf } from "../ambition/repository.js";
import { ambitionAt, progressOf, type Progress } from "../ambition/timeline.js";
import { anyOf, networksInScope } from "../networks/scope.js";
import { personNames } from "../shared/person-names.js";
import { findNetwork } from "./periods.js";
import { quarterEnd, quarterLabel, quarterOf, type QuarterRef } from "./quarters.js";
import { periodInput } from "./schema.js";
import { addFigures, emptyFigures, type QuarterFigures } from "./quarter-figures.js";
import { addReportDetail, DETAIL_FIELDS, detailOf, emptyDetailTotals, type ReportDetail } from "./detail.js";

/** "Not reported" is a state of its own, never a reported 0 (README "Ambitie en voortgang"). */
export type ReportState = "REPORTED" | "NOT_REPORTED";

export interface EmployerStatus {
  employerId: string;
  name: string;
  /** The employer's own network: one of several for the coordinator of a parent network. */
  networkId: string;
  networkName: string;
  state: ReportState;
  reported: boolean;
  /** Placements new in this quarter; null when not reported. */
  realised: number | null;
  /** The report's optional detail (all null when none was given); null when not reported. */
  detail: ReportDetail | null;
  /** All placements up to and including this quarter, against the ambition in force at its end. */
  progress: Progress;
  submittedAt: Date | null;
  submittedBy: string | null;
}

export interface NetworkFigures extends QuarterFigures {
  networkId: string;
  networkName: string;
}

export interface PeriodStatus {
  networkId: string;
  networkName: string;
  quarter: QuarterRef;
  label: string;
  periodStatus: "OPEN" | "CLOSED" | "NOT_OPENED";
  employers: EmployerStatus[];
  totals: QuarterFigures;
  /** Per network in scope (the regions below a parent), own network first; one entry otherwise. */
  byNetwork: NetworkFigures[];
}

/**
 * Coordinators: who reported for a quarter, who did not, and the totals over their network and
 * every network below it, in total and per network. The ambition is that of every employer that
 * counts in the quarter, reported or not, so an incomplete quarter reads as incomplete (a low
 * response rate beside the full ambition). The period state is the coordinator's own network's.
 */
export async function periodStatus(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<PeriodStatus>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = periodInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);

  const [network, scope] = await Promise.all([findNetwork(deps.db, actor.networkId), networksInScope(deps, actor)]);
  const ref =
    parsed.data.year && parsed.data.quarter
      ? { year: parsed.data.year, quarter: parsed.data.quarter }
      : quarterOf(deps.now(), network.timeZone);
  // Each network has its own period row for the quarter (and its own time zone for when the
  // quarter ended); an employer counts in its own network's quarter.
  const [periods, networks] = await Promise.all([
    deps.db.reportingPeriod.findMany({ where: { networkId: anyOf(scope), year: ref.year, quarter: ref.quarter }, select: { id: true, networkId: true, status: true } }),
    scope.length > 1 ? deps.db.network.findMany({ where: { id: { in: [...scope] } }, select: { id: true, name: true, timeZone: true } }) : [network],
  ]);
  const period = periods.find((p) => p.networkId === network.id);
  const counted = networks.map((n) =>
    employersCountedInQuarter(n.id, { periodId: periods.find((p) => p.networkId === n.id)?.id ?? null, endsAt: quarterEnd(ref, n.timeZone) }),
  );
  const upToQuarter = { networkId: anyOf(scope), OR: [{ year: { lt: ref.year } }, { year: ref.year, quarter: { lte: ref.quarter } }] };
  const [employers, reports, cumulative] = await Promise.all([
    deps.db.employer.findMany({
      where: counted.length === 1 ? counted[0] : { OR: counted },
      // (name, network) is unique, and within one network it is the order of the (networkId, name) index.
      select: { id: true, name: true, networkId: true },
      orderBy: [{ name: "asc" }, { networkId: "asc" }],
    }),
    periods.length > 0
      ? deps.db.placementReport.findMany({
          where: { periodId: anyOf(periods.map((p) => p.id)) },
          select: { employerId: true, realised: true, submittedAt: true, submittedById: true, ...detailSelect },
        })
      : Promise.resolve([]),
    deps.db.placementReport.groupBy({ by: ["employerId"], where: { period: upToQuarter }, _sum: { realised: true } }),
  ]);
  const [ambitions, names] = await Promise.all([
    ambitionChangesOf(deps.db, employers.map((e) => e.id), scope),
    personNames(deps.db, reports.map((r) => r.submittedById)),
  ]);
  const zoneOf = new Map(networks.map((n) => [n.id, n.timeZone]));
  const networkName = new Map(networks.map((n) => [n.id, n.name]));
  const byEmployer = new Map(reports.map((r) => [r.employerId, r]));
  const cumulativeOf = new Map(cumulative.map((c) => [c.employerId, c._sum.realised ?? 0]));

  // Per zone, not per employer: resolving a time zone costs more than the rest of a row.
  const endsByZone = new Map<string, { endsAt: Date; seenAt: Date }>();
  const quarterEndIn = (timeZone: string) => {
    let found = endsByZone.get(timeZone);
    if (!found) {
      const endsAt = quarterEnd(ref, timeZone);
      found = { endsAt, seenAt: new Date(Math.min(deps.now().getTime(), endsAt.getTime() - 1)) };
      endsByZone.set(timeZone, found);
    }
    return found;
  };
  const rows: EmployerStatus[] = employers.map((e) => {
    const report = byEmployer.get(e.id);
    const timeZone = zoneOf.get(e.networkId) ?? network.timeZone;
    const { endsAt, seenAt } = quarterEndIn(timeZone);
    return {
      employerId: e.id,
      name: e.name,
      networkId: e.networkId,
      networkName: networkName.get(e.networkId) ?? "",
      state: report ? "REPORTED" : "NOT_REPORTED",
      reported: Boolean(report),
      realised: report?.realised ?? null,
      detail: report ? detailOf(report) : null,
      progress: progressOf(cumulativeOf.get(e.id) ?? 0, ambitionAt(ambitions.get(e.id) ?? [], endsAt), seenAt, timeZone),
      submittedAt: report?.submittedAt ?? null,
      submittedBy: report?.submittedById ? names.get(report.submittedById) ?? null : null,
    };
  });
  const byNetwork = networks
    .map((n) => ({ networkId: n.id, networkName: n.name, ...figuresOf(rows.filter((r) => r.networkId === n.id)) }))
    .sort((a, b) => (a.networkId === network.id ? -1 : b.networkId === network.id ? 1 : a.networkName.localeCompare(b.networkName)));
  return ok({
    networkId: network.id,
    networkName: network.name,
    quarter: ref,
    label: quarterLabel(ref),
    periodStatus: period?.status ?? "NOT_OPENED",
    employers: rows,
    totals: figuresOf(rows),
    byNetwork,
  });
}

const detailSelect = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, true])) as Record<keyof ReportDetail, true>;

function figuresOf(rows: EmployerStatus[]): QuarterFigures {
  let figures = emptyFigures();
  for (const r of rows) {
    const detail = r.realised === null ? undefined : addReportDetail(emptyDetailTotals(), r.realised, r.detail ?? {});
    figures = addFigures(figures, { employers: 1, reported: r.reported ? 1 : 0, realised: r.realised ?? 0, cumulative: r.progress.cumulative, ambition: r.progress.ambition, detail });
  }
  return figures;
}
