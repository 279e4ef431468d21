import { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, failOnField, invalidInput, notAllowed, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { keepOneCoordinator, LastCoordinatorError } from "./coordinators.js";
import { findPerson } from "./find-person.js";
import { personDetails, type PersonDetails } from "./person-details.js";
import { updatePersonInput } from "./schema.js";
import { removeLinks } from "./unlink-identity.js";

export interface PersonUpdate {
  person: PersonDetails;
  /** The fields whose value changed; empty when the form was saved unchanged. */
  changed: string[];
  /** Links removed because the e-mail address that vouched for them changed. */
  unlinked: number;
}

const fieldNames = ["name", "email", "function", "jobTitle", "role", "reportingContact", "locale"] as const;

/**
 * Coordinators: changes a person's fields. A new e-mail address removes the Slack and Teams
 * links, because the old address is what vouched for them; the person is linked again by the
 * new one on their next message. The network's last coordinator cannot be made a member.
 */
export async function updatePerson(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<PersonUpdate>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = updatePersonInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const found = await findPerson(deps.db, actor.networkId, parsed.data.person);
  if (!found.ok) return found;
  const personId = found.value.id;
  const current = await personDetails(deps, personId);

  const given = fieldNames.filter((f) => parsed.data[f] !== undefined);
  if (given.length === 0) return fail("invalid", "members.profile.nothingToChange");
  const changes: Prisma.PersonUpdateInput = Object.fromEntries(given.filter((f) => parsed.data[f] !== current[f]).map((f) => [f, parsed.data[f]]));
  const changed = Object.keys(changes);
  if (changed.length === 0) return ok({ person: current, changed, unlinked: 0 });

  const { email } = parsed.data;
  if (changes.email !== undefined && email && (await emailTaken(deps, actor.networkId, email, personId))) {
    return failOnField("conflict", "email", "members.add.emailTaken", { email });
  }
  if (changes.role === "MEMBER" && !current.employer) return failOnField("invalid", "role", "members.add.employerRequired");

  try {
    const unlinked = await deps.db.$transaction(async (tx) => {
      if (changes.role === "MEMBER") await keepOneCoordinator(tx, actor.networkId, personId);
      // A new address has not been refused yet; the old one's refusal no longer says anything.
      await tx.person.update({ where: { id: personId }, data: changes.email !== undefined ? { ...changes, emailFailingSince: null, emailFailure: null } : changes });
      const removed = changes.email !== undefined ? await removeLinks(tx, personId) : 0;
      await audit(tx, actor, "person.update", { type: "Person", id: personId }, { fields: changed, unlinked: removed });
      return removed;
    });
    return ok({ person: await personDetails(deps, personId), changed, unlinked });
  } catch (error) {
    if (error instanceof LastCoordinatorError) return failOnField("conflict", "role", "members.lastCoordinator", { name: current.name });
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && email) {
      return failOnField("conflict", "email", "members.add.emailTaken", { email });
    }
    throw error;
  }
}

async function emailTaken(deps: CoreDeps, networkId: string, email: string, exceptId: string): Promise<boolean> {
  const other = await deps.db.person.findFirst({
    where: { networkId, id: { not: exceptId }, email: { equals: email, mode: "insensitive" } },
    select: { id: true },
  });
  return other !== null;
}
