import type { DbClient } from "../../db/database.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";

/**
 * One audit row per coordinator, admin (actor "admin") or privacy action. Details hold ids and field names only,
 * never names or e-mail addresses, so erasing a person leaves no personal data behind here.
 */
export async function audit(
  db: DbClient,
  actor: Pick<Actor, "personId">,
  action: string,
  subject: { type: string; id: string },
  details?: Prisma.InputJsonValue,
  at?: Date,
): Promise<void> {
  await db.auditLog.create({
    data: { actorId: actor.personId, action, subjectType: subject.type, subjectId: subject.id, details, at },
  });
}
