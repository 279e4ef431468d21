import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { dayToDate, recordAmbition } from "../ambition/repository.js";
import { nameConflict, profileSelect, toProfile, type EmployerProfile } from "./employer-profile.js";
import { nameTaken, saveEmployer } from "./save-employer.js";
import { createEmployerInput } from "./schema.js";

/** Coordinators: a new employer of their network, with its profile. */
export async function createEmployer(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<EmployerProfile>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = createEmployerInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { offers, challenges, ambitionTargetDate, ...input } = parsed.data;
  if (await nameTaken(deps.db, actor.networkId, input.name)) return nameConflict(input.name);

  const row = await saveEmployer(() =>
    deps.db.$transaction(async (tx) => {
      const at = deps.now();
      const { id } = await tx.employer.create({
        data: { ...input, offers: offers ?? [], challenges: challenges ?? [], networkId: actor.networkId, createdAt: at, joinedAt: at },
        select: { id: true },
      });
      await recordAmbition(tx, id, { ambition: input.ambition ?? 0, targetDate: dayToDate(ambitionTargetDate) }, { personId: actor.personId, source: "PROFILE", at });
      const created = await tx.employer.findUniqueOrThrow({ where: { id }, select: profileSelect });
      const fields = Object.keys(parsed.data).filter((key) => parsed.data[key as keyof typeof parsed.data] !== undefined);
      await audit(tx, actor, "employer.create", { type: "Employer", id: created.id }, { fields });
      return created;
    }),
  );
  return row ? ok(toProfile(row)) : nameConflict(input.name);
}
