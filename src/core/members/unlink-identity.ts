import type { DbClient } from "../../db/database.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notFound, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { coordinatorsPerson, personDetails, type PersonDetails } from "./person-details.js";
import { unlinkInput } from "./schema.js";

/**
 * Coordinators: removes one Slack or Teams link of a person (after a wrong link, or an account
 * that is no longer theirs). Their next message links the account again by the e-mail address
 * on file, so a wrong address must be corrected too.
 */
export async function unlinkIdentity(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<PersonDetails>> {
  const parsed = unlinkInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const person = await coordinatorsPerson(deps, actor, { person: parsed.data.person });
  if (!person.ok) return person;
  const personId = person.value.id;
  const removed = await deps.db.$transaction(async (tx) => {
    const count = await removeLinks(tx, personId, [parsed.data.identityId]);
    if (count > 0) await audit(tx, actor, "person.unlink", { type: "Person", id: personId }, { identityId: parsed.data.identityId });
    return count;
  });
  if (removed === 0) return notFound("members.person.linkNotFound");
  return ok(await personDetails(deps, personId));
}

/**
 * Deletes a person's links (all, or the given ones) and cancels the messages still waiting to
 * go to those accounts: they were addressed when queued, and may be someone else's account.
 */
export async function removeLinks(tx: DbClient, personId: string, identityIds?: string[]): Promise<number> {
  const links = await tx.platformIdentity.findMany({
    where: { personId, ...(identityIds ? { id: { in: identityIds } } : {}) },
    select: { id: true, platform: true, tenantId: true, externalUserId: true },
  });
  if (links.length === 0) return 0;
  await tx.platformIdentity.deleteMany({ where: { id: { in: links.map((l) => l.id) } } });
  const waiting = await tx.outboxMessage.findMany({ where: { personId, status: "PENDING" }, select: { id: true, platform: true, address: true } });
  const toLink = (m: (typeof waiting)[number]) => {
    const address = m.address as { tenantId?: unknown; userId?: unknown } | null;
    return links.some((l) => l.platform === m.platform && address?.tenantId === l.tenantId && address?.userId === l.externalUserId);
  };
  const cancelled = waiting.filter(toLink).map((m) => m.id);
  if (cancelled.length) await tx.outboxMessage.updateMany({ where: { id: { in: cancelled }, status: "PENDING" }, data: { status: "CANCELLED" } });
  return links.length;
}
