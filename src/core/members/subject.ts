import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { findPerson, type PersonRef } from "./find-person.js";
import { subjectInput } from "./schema.js";

/**
 * Whose personal data a privacy request is about: the actor's own, or, for coordinators, a
 * person of their own network. A member naming anyone else is refused before any lookup, so
 * the answer does not reveal whether that address exists.
 */
export async function privacySubject(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<PersonRef & { self: boolean }>> {
  const parsed = subjectInput.safeParse(raw ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  const ref = parsed.data.person;
  if (!ref || ref === actor.personId) return ok({ id: actor.personId, name: actor.name, networkId: actor.networkId, self: true });
  if (!isCoordinator(actor)) return fail("notAllowed", "members.onlyOwnData");
  const person = await findPerson(deps.db, actor.networkId, ref);
  if (!person.ok) return person;
  return ok({ ...person.value, self: person.value.id === actor.personId });
}

