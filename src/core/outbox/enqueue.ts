import type { DbClient } from "../../db/database.js";
import type { Prisma } from "../../generated/prisma/client.js";

/**
 * A message the bot will send on its own initiative (prompt, reminder, notice). It is stored
 * in the outbox in the same transaction as the change that caused it, so nothing is lost, and
 * its idempotency key makes sure it is sent once however often it is enqueued.
 */
export interface Notification {
  /** Renderer key in src/chat/notifications, e.g. "event.promoted". */
  kind: string;
  personId: string;
  /** Unique per intended message, e.g. `event:<id>:promoted:<personId>:<rev>`. */
  idempotencyKey: string;
  /** Plain data, rendered at send time in the recipient's language. */
  data: Prisma.InputJsonObject;
  /** Earliest moment to send (quiet hours, snooze). */
  notBefore?: Date;
}

/**
 * Enqueues notifications for the platforms people use: the chat identity they linked most
 * recently, or the web inbox (playground) when they have none. Returns how many were new.
 */
export async function enqueueNotifications(db: DbClient, notifications: Notification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const people = await db.platformIdentity.findMany({
    where: { personId: { in: [...new Set(notifications.map((n) => n.personId))] } },
    select: { personId: true, platform: true, tenantId: true, externalUserId: true, linkedAt: true },
    orderBy: { linkedAt: "desc" },
  });
  const latest = new Map<string, (typeof people)[number]>();
  for (const identity of people) if (!latest.has(identity.personId)) latest.set(identity.personId, identity);

  const { count } = await db.outboxMessage.createMany({
    data: notifications.map((n) => {
      const identity = latest.get(n.personId);
      return {
        idempotencyKey: n.idempotencyKey,
        kind: n.kind,
        personId: n.personId,
        platform: identity?.platform ?? "WEB",
        address: identity ? { tenantId: identity.tenantId, userId: identity.externalUserId } : { personId: n.personId },
        payload: n.data,
        nextAttemptAt: n.notBefore,
      };
    }),
    skipDuplicates: true,
  });
  return count;
}
