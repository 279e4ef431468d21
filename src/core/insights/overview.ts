import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import { networksInScope } from "../networks/scope.js";
import { reportHistory, type QuarterTotals } from "../reporting/history.js";
import { periodStatus, type PeriodStatus } from "../reporting/period-status.js";
import { findNetwork } from "../reporting/periods.js";
import { quarterOf, type QuarterRef } from "../reporting/quarters.js";
import { employerProgress } from "../ambition/employer-progress.js";
import type { Progress } from "../ambition/timeline.js";
import { subgroupSizes, upcomingEventCounts, type EventCounts, type SubgroupSize } from "./upcoming-events.js";

export interface NetworkOverview {
  scope: "network";
  networkName: string;
  status: PeriodStatus;
  trend: QuarterTotals[];
  events: EventCounts[];
  subgroups: SubgroupSize[];
}

export interface EmployerOverview {
  scope: "employer";
  networkName: string;
  employerId: string;
  employerName: string;
  quarter: QuarterRef;
  /** This quarter's report of the member's own employer, if any ("not reported" when null). */
  current: { realised: number; submittedAt: Date } | null;
  /** All placements so far against the employer's ambition. */
  progress: Progress;
  trend: QuarterTotals[];
}

export type Overview = NetworkOverview | EmployerOverview;

/**
 * What the dashboard shows. Coordinators get the network; a member gets only their own
 * employer, decided here so no template can show more than the person may see.
 */
export async function dashboardOverview(deps: CoreDeps, actor: Actor, quarter?: QuarterRef): Promise<Result<Overview>> {
  return isCoordinator(actor) ? networkOverview(deps, actor, quarter) : employerOverview(deps, actor, quarter);
}

async function networkOverview(deps: CoreDeps, actor: Actor, quarter?: QuarterRef): Promise<Result<Overview>> {
  const status = await periodStatus(deps, actor, quarter ?? {});
  if (!status.ok) return status;
  const trend = await reportHistory(deps, actor, {});
  if (!trend.ok) return trend;
  const [events, subgroups] = await Promise.all([
    // The events of the networks below too (the coordinator of a parent oversees them); subgroups are the own network's.
    networksInScope(deps, actor).then((scope) => upcomingEventCounts(deps.db, scope, deps.now())),
    subgroupSizes(deps.db, actor.networkId),
  ]);
  return ok({ scope: "network", networkName: status.value.networkName, status: status.value, trend: trend.value, events, subgroups });
}

async function employerOverview(deps: CoreDeps, actor: Actor, quarter?: QuarterRef): Promise<Result<Overview>> {
  if (!actor.employerId) return fail("notAllowed", "error.noEmployer");
  const network = await findNetwork(deps.db, actor.networkId);
  const ref = quarter ?? quarterOf(deps.now(), network.timeZone);
  const [employer, report, trend] = await Promise.all([
    deps.db.employer.findUniqueOrThrow({ where: { id: actor.employerId }, select: { id: true, name: true } }),
    deps.db.placementReport.findFirst({
      where: { employerId: actor.employerId, period: { networkId: network.id, year: ref.year, quarter: ref.quarter } },
      select: { realised: true, submittedAt: true },
    }),
    reportHistory(deps, actor, {}),
  ]);
  if (!trend.ok) return trend;
  const progress = await employerProgress(deps, actor);
  if (!progress.ok) return progress;
  return ok({
    scope: "employer",
    networkName: network.name,
    employerId: employer.id,
    employerName: employer.name,
    quarter: ref,
    current: report,
    progress: progress.value.progress,
    trend: trend.value,
  });
}
