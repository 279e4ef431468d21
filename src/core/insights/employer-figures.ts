import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { networksInScope } from "../networks/scope.js";
import { notFound, ok, type Result } from "../result.js";
import { progressOf } from "../ambition/timeline.js";
import { reportHistory, type QuarterTotals } from "../reporting/history.js";

export interface EmployerFigures {
  employerId: string;
  name: string;
  branche: string;
  region: string;
  ambition: number;
  ambitionTargetDate: Date | null;
  targetPassed: boolean;
  trend: QuarterTotals[];
}

/**
 * One employer's figures, for the coordinators of its network and of the networks above it. A
 * member asking for another employer gets the same answer as for an employer that does not
 * exist, so the refusal does not confirm that the id is real.
 */
export async function employerFigures(deps: CoreDeps, actor: Actor, employerId: string): Promise<Result<EmployerFigures>> {
  if (!isCoordinator(actor) && actor.employerId !== employerId) return notFound();
  const employer = await deps.db.employer.findFirst({
    where: { id: employerId, networkId: { in: await networksInScope(deps, actor) } },
    select: { id: true, name: true, branche: true, region: true, ambition: true, ambitionTargetDate: true, network: { select: { timeZone: true } } },
  });
  if (!employer) return notFound();
  const trend = await reportHistory(deps, actor, { employerId });
  if (!trend.ok) return trend;
  return ok({ employerId: employer.id, name: employer.name, branche: employer.branche, region: employer.region, ambition: employer.ambition, ambitionTargetDate: employer.ambitionTargetDate,
    targetPassed: progressOf(0, { ambition: employer.ambition, targetDate: employer.ambitionTargetDate }, deps.now(), employer.network.timeZone).targetPassed,
    trend: trend.value,
  });
}
