import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { resolveEmployer } from "../members/employer-profile.js";
import { employerRefInput } from "../members/schema.js";
import { personNames } from "../shared/person-names.js";
import { invalidInput, ok, type Result } from "../result.js";
import type { AmbitionSource } from "./repository.js";
import { progressOf, type Progress } from "./timeline.js";

export interface EmployerProgress {
  employerId: string;
  employerName: string;
  /** All placements reported so far against the ambition in force now. */
  progress: Progress;
  /** Every value the ambition had, newest first, with who set it (a name, or null when erased or migrated). */
  changes: Array<{ ambition: number; targetDate: Date | null; source: AmbitionSource; changedAt: Date; changedBy: string | null }>;
}

/** An employer's progress towards its ambition: coordinators for any employer of their network, members for their own. */
export async function employerProgress(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<EmployerProgress>> {
  const parsed = employerRefInput.safeParse(raw ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  const target = await resolveEmployer(deps.db, actor, parsed.data.employerId);
  if (!target.ok) return target;
  const [employer, total, history] = await Promise.all([
    deps.db.employer.findUniqueOrThrow({
      where: { id: target.value },
      select: { id: true, name: true, ambition: true, ambitionTargetDate: true, network: { select: { timeZone: true } } },
    }),
    deps.db.placementReport.aggregate({ where: { employerId: target.value }, _sum: { realised: true } }),
    deps.db.employerAmbitionChange.findMany({
      where: { employerId: target.value },
      select: { ambition: true, targetDate: true, source: true, changedAt: true, changedById: true },
      orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    }),
  ]);
  const names = await personNames(deps.db, history.map((h) => h.changedById));
  return ok({
    employerId: employer.id,
    employerName: employer.name,
    progress: progressOf(total._sum.realised ?? 0, { ambition: employer.ambition, targetDate: employer.ambitionTargetDate }, deps.now(), employer.network.timeZone),
    changes: history.map((h) => ({ ambition: h.ambition, targetDate: h.targetDate, source: h.source, changedAt: h.changedAt, changedBy: h.changedById ? names.get(h.changedById) ?? null : null })),
  });
}
