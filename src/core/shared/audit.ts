import type { DbClient } from "../../db/database.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";

/**
 * One audit row per coordinator, admin (actor "admin") or privacy action. Details hold ids and field names only,
 * never names or e-mail addresses, so erasing a person leaves no personal data behind here.
 * The row belongs to the actor's network; an admin operator has none, so their row belongs to the
 * network the details name, or the network that is the subject.
 */
export async function audit(
  db: DbClient,
  actor: Pick<Actor, "personId"> & { networkId?: string },
  action: string,
  subject: { type: string; id: string },
  details?: Prisma.InputJsonValue,
  at?: Date,
): Promise<void> {
  await db.auditLog.create({
    data: { actorId: actor.personId, action, subjectType: subject.type, subjectId: subject.id, details, at, networkId: networkOf(actor, subject, details) },
  });
}

function networkOf(actor: { networkId?: string }, subject: { type: string; id: string }, details?: Prisma.InputJsonValue): string | null {
  if (actor.networkId) return actor.networkId;
  const named = details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, unknown>).networkId : undefined;
  if (typeof named === "string") return named;
  return subject.type === "Network" ? subject.id : null;
}
