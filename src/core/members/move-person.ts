import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { failOnField, invalidInput, ok, onField, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { isCurrent } from "./archive-scope.js";
import { findEmployer, type EmployerRef } from "./find-employer.js";
import { coordinatorsPerson, personDetails } from "./person-details.js";
import { movePersonInput } from "./schema.js";

export interface PersonMove {
  personId: string;
  name: string;
  from: { id: string; name: string } | null;
  to: EmployerRef;
}

/**
 * Coordinators: a person changes employer within the network. Reports stay with the employer
 * they belong to; prompts already queued for the old employer are dropped at send time.
 */
export async function movePerson(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<PersonMove>> {
  const parsed = movePersonInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const person = await coordinatorsPerson(deps, actor, { person: parsed.data.person });
  if (!person.ok) return person;
  const target = await findEmployer(deps.db, actor.networkId, parsed.data.employer);
  if (!target.ok) return onField(target, "employer");
  const to = target.value;
  if (!isCurrent(to)) return failOnField("conflict", "employer", "members.move.archived", { employer: to.name });
  const { employer: from, name } = await personDetails(deps, person.value.id);
  if (from?.id === to.id) return failOnField("conflict", "employer", "members.move.same", { name, employer: to.name });

  await deps.db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: person.value.id }, data: { employerId: to.id } });
    await audit(tx, actor, "person.move", { type: "Person", id: person.value.id }, { from: from?.id ?? null, to: to.id });
  });
  return ok({ personId: person.value.id, name, from: from ? { id: from.id, name: from.name } : null, to });
}
