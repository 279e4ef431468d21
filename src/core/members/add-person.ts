import { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { failOnField, invalidInput, notAllowed, ok, onField, type Result } from "../result.js";
import { isCurrent } from "./archive-scope.js";
import { findEmployer } from "./find-employer.js";
import { audit } from "../shared/audit.js";
import { addPersonInput } from "./schema.js";

/**
 * Coordinators: puts a person on file so the bot links their Slack or Teams account by e-mail
 * on first use (see linkIdentityByEmail).
 */
export async function addPerson(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ personId: string; name: string; email: string }>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = addPersonInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;

  let employerId: string | null = null;
  if (input.employer) {
    const employer = await findEmployer(deps.db, actor.networkId, input.employer);
    if (!employer.ok) return onField(employer, "employer");
    if (!isCurrent(employer.value)) return failOnField("conflict", "employer", "members.move.archived", { employer: employer.value.name });
    employerId = employer.value.id;
  } else if (input.role === "MEMBER") {
    // A member without an employer cannot report or appear in the directory.
    return failOnField("invalid", "employer", "members.add.employerRequired");
  }

  const taken = await deps.db.person.findFirst({
    where: { networkId: actor.networkId, email: { equals: input.email, mode: "insensitive" } },
    select: { id: true },
  });
  if (taken) return failOnField("conflict", "email", "members.add.emailTaken", { email: input.email });

  try {
    const person = await deps.db.$transaction(async (tx) => {
      const created = await tx.person.create({
        data: {
          networkId: actor.networkId,
          employerId,
          name: input.name,
          email: input.email,
          function: input.function,
          jobTitle: input.jobTitle ?? null,
          role: input.role,
          reportingContact: input.reportingContact,
          welcomePending: true,
          createdAt: deps.now(),
        },
        select: { id: true, name: true },
      });
      await audit(tx, actor, "person.add", { type: "Person", id: created.id }, { role: input.role, employerId });
      return created;
    });
    return ok({ personId: person.id, name: person.name, email: input.email });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return failOnField("conflict", "email", "members.add.emailTaken", { email: input.email });
    }
    throw error;
  }
}
