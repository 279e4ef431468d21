import type { DbClient } from "../../db/database.js";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, failOnField, invalidInput, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { dayToDate, recordAmbition } from "../ambition/repository.js";
import { findEmployer } from "./find-employer.js";
import { nameTaken, saveEmployer } from "./save-employer.js";
import { employerRefInput, updateEmployerInput } from "./schema.js";

export interface EmployerProfile {
  employerId: string;
  name: string;
  branche: string;
  sizeBand: string;
  location: string;
  region: string;
  challenges: string[];
  offers: string[];
  offerDescription: string | null;
  inclusionMaturity: number;
  ambition: number;
  /** The day the ambition is to be reached, if agreed (README "Ambitie en voortgang"). */
  ambitionTargetDate: Date | null;
  /** Set when a coordinator archived the employer (see archive-scope.ts). */
  archivedAt: Date | null;
}

export const profileSelect = {
  id: true,
  name: true,
  branche: true,
  sizeBand: true,
  location: true,
  region: true,
  challenges: true,
  offers: true,
  offerDescription: true,
  inclusionMaturity: true,
  ambition: true,
  ambitionTargetDate: true,
  archivedAt: true,
} as const;

/** An employer's profile: coordinators for any employer of their network, members for their own. */
export async function viewEmployerProfile(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<EmployerProfile>> {
  const parsed = employerRefInput.safeParse(raw ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  const target = await resolveEmployer(deps.db, actor, parsed.data.employerId);
  if (!target.ok) return target;
  const row = await deps.db.employer.findUniqueOrThrow({ where: { id: target.value }, select: profileSelect });
  return ok(toProfile(row));
}

/**
 * Updates only the fields given; an audit row records which fields changed, not their values.
 * Only coordinators rename, and a new name must be unique within the network in any case.
 */
export async function updateEmployerProfile(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<EmployerProfile>> {
  const parsed = updateEmployerInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { employerId, ...fields } = parsed.data;
  const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length === 0) return fail("invalid", "members.profile.nothingToChange");
  if (fields.name !== undefined && !isCoordinator(actor)) return fail("notAllowed", "members.employer.renameByCoordinator");
  const target = await resolveEmployer(deps.db, actor, employerId);
  if (!target.ok) return target;
  if (fields.name !== undefined && (await nameTaken(deps.db, actor.networkId, fields.name, target.value))) {
    return nameConflict(fields.name);
  }

  const { ambition, ambitionTargetDate, ...profile } = changes as typeof fields;
  const row = await saveEmployer(() =>
    deps.db.$transaction(async (tx) => {
      if (ambition !== undefined || ambitionTargetDate !== undefined) {
        const { ambition: currentAmbition } = await tx.employer.findUniqueOrThrow({ where: { id: target.value }, select: { ambition: true } });
        const at = deps.now();
        await recordAmbition(tx, target.value, { ambition: ambition ?? currentAmbition, targetDate: dayToDate(ambitionTargetDate) }, { personId: actor.personId, source: "PROFILE", at });
      }
      const updated = await tx.employer.update({ where: { id: target.value }, data: profile, select: profileSelect });
      await audit(tx, actor, "employer.update", { type: "Employer", id: target.value }, { fields: Object.keys(changes) });
      return updated;
    }),
  );
  return row ? ok(toProfile(row)) : nameConflict(fields.name ?? "");
}

export const nameConflict = (name: string) => failOnField("conflict", "name", "members.employer.nameTaken", { name });

export async function resolveEmployer(db: DbClient, actor: Actor, requested: string | undefined): Promise<Result<string>> {
  if (!isCoordinator(actor)) {
    if (!actor.employerId) return fail("notAllowed", "error.noEmployer");
    if (requested && requested !== actor.employerId) return fail("notAllowed", "members.profile.otherEmployer");
    return ok(actor.employerId);
  }
  const ref = requested ?? actor.employerId;
  if (!ref) return fail("invalid", "members.profile.whichEmployer");
  // Coordinators may name the employer (or part of its name) instead of pasting an id.
  const employer = await findEmployer(db, actor.networkId, ref);
  return employer.ok ? ok(employer.value.id) : employer;
}

export function toProfile({ id, ...row }: { id: string } & Omit<EmployerProfile, "employerId">): EmployerProfile {
  return { employerId: id, ...row };
}
