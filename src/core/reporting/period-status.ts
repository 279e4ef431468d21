import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import { employersCountedInQuarter } from "../members/archive-scope.js";
import { anyOf, networksInScope } from "../networks/scope.js";
import { findNetwork } from "./periods.js";
import { quarterEnd, quarterLabel, quarterOf, type QuarterRef } from "./quarters.js";
import { periodInput } from "./schema.js";

export interface EmployerStatus {
  employerId: string;
  name: string;
  /** The employer's own network: one of several for the coordinator of a parent network. */
  networkId: string;
  networkName: string;
  reported: boolean;
  ambition: number | null;
  realised: number | null;
  submittedAt: Date | null;
}

export interface PeriodStatus {
  networkId: string;
  networkName: string;
  quarter: QuarterRef;
  label: string;
  periodStatus: "OPEN" | "CLOSED" | "NOT_OPENED";
  employers: EmployerStatus[];
  totals: { employers: number; reported: number; responseRate: number; ambition: number; realised: number };
}

/**
 * Coordinators: who reported for a quarter, who did not, and the totals over their network and
 * every network below it (a parent's coordinator sees the regions; the presentation per region
 * is the caller's). The period state is the coordinator's own network's.
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
  const [employers, reports] = await Promise.all([
    deps.db.employer.findMany({
      where: counted.length === 1 ? counted[0] : { OR: counted },
      // (name, network) is unique, and within one network it is the order of the (networkId, name) index.
      select: { id: true, name: true, networkId: true },
      orderBy: [{ name: "asc" }, { networkId: "asc" }],
    }),
    periods.length > 0
      ? deps.db.placementReport.findMany({
          where: { periodId: anyOf(periods.map((p) => p.id)) },
          select: { employerId: true, ambition: true, realised: true, submittedAt: true },
        })
      : Promise.resolve([]),
  ]);
  const networkName = new Map(networks.map((n) => [n.id, n.name]));

  const byEmployer = new Map(reports.map((r) => [r.employerId, r]));
  const rows: EmployerStatus[] = employers.map((e) => {
    const report = byEmployer.get(e.id);
    return {
      employerId: e.id,
      name: e.name,
      networkId: e.networkId,
      networkName: networkName.get(e.networkId) ?? "",
      reported: Boolean(report),
      ambition: report?.ambition ?? null,
      realised: report?.realised ?? null,
      submittedAt: report?.submittedAt ?? null,
    };
  });
  const reported = rows.filter((r) => r.reported);
  return ok({
    networkId: network.id,
    networkName: network.name,
    quarter: ref,
    label: quarterLabel(ref),
    periodStatus: period?.status ?? "NOT_OPENED",
    employers: rows,
    totals: {
      employers: rows.length,
      reported: reported.length,
      responseRate: rows.length === 0 ? 0 : reported.length / rows.length,
      ambition: sum(reported.map((r) => r.ambition ?? 0)),
      realised: sum(reported.map((r) => r.realised ?? 0)),
    },
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
