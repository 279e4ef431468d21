import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, invalidInput, notAllowed, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { findEmployer, type EmployerRef } from "./find-employer.js";
import { employerInput } from "./schema.js";

/** What archiving an employer touches, for the confirmation the coordinator sees first. */
export interface ArchiveImpact {
  employer: EmployerRef;
  people: number;
  reportingContacts: number;
  /** Quarters with a report: they stay in the history and its totals. */
  reports: number;
}

/** Coordinators: what archiving would mean for this employer, without changing anything. */
export async function archiveImpact(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<ArchiveImpact>> {
  const employer = await coordinatorsEmployer(deps, actor, raw);
  if (!employer.ok) return employer;
  const id = employer.value.id;
  const [people, reportingContacts, reports] = await Promise.all([
    deps.db.person.count({ where: { employerId: id, erasedAt: null } }),
    deps.db.person.count({ where: { employerId: id, erasedAt: null, reportingContact: true } }),
    deps.db.placementReport.count({ where: { employerId: id } }),
  ]);
  return ok({ employer: employer.value, people, reportingContacts, reports });
}

/**
 * Coordinators: the employer leaves the prompts, the directory, subgroup contact lists and the
 * open figures (archive-scope.ts); its reports and people stay, so it can be restored as it was.
 */
export async function archiveEmployer(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<ArchiveImpact>> {
  const impact = await archiveImpact(deps, actor, raw);
  if (!impact.ok) return impact;
  const { employer } = impact.value;
  if (employer.archivedAt) return fail("conflict", "members.employer.alreadyArchived", { name: employer.name });
  const at = deps.now();
  const changed = await deps.db.$transaction(async (tx) => {
    // Conditional, so two coordinators archiving at once leave one audit row and one answer.
    const { count } = await tx.employer.updateMany({ where: { id: employer.id, archivedAt: null }, data: { archivedAt: at } });
    if (count === 1) await audit(tx, actor, "employer.archive", { type: "Employer", id: employer.id }, { people: impact.value.people });
    return count === 1;
  });
  if (!changed) return fail("conflict", "members.employer.alreadyArchived", { name: employer.name });
  return ok({ ...impact.value, employer: { ...employer, archivedAt: at } });
}

/** Coordinators: an archived employer takes part again from now on. */
export async function restoreEmployer(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<EmployerRef>> {
  const employer = await coordinatorsEmployer(deps, actor, raw);
  if (!employer.ok) return employer;
  const { id, name } = employer.value;
  const changed = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.employer.updateMany({ where: { id, archivedAt: { not: null } }, data: { archivedAt: null } });
    if (count === 1) await audit(tx, actor, "employer.restore", { type: "Employer", id });
    return count === 1;
  });
  if (!changed) return fail("conflict", "members.employer.notArchived", { name });
  return ok({ ...employer.value, archivedAt: null });
}

async function coordinatorsEmployer(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<EmployerRef>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = employerInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  return findEmployer(deps.db, actor.networkId, parsed.data.employer);
}
