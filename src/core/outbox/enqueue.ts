import type { ChatPlatform } from "../platforms.js";
import { randomUUID } from "node:crypto";
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

  const rows = notifications.map((n) => {
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
  });
  if (rows.length > BULK_THRESHOLD) return insertBulk(db, rows);
  const { count } = await db.outboxMessage.createMany({ data: rows, skipDuplicates: true });
  return count;
}

// createMany's per-row cost dominates a campaign fan-out (about 8 s for 10,000 rows here);
// one INSERT … SELECT unnest(…) does the same in a fraction of that.
const BULK_THRESHOLD = 500;

type Row = { idempotencyKey: string; kind: string; personId: string; platform: string; address: Prisma.InputJsonObject; payload: Prisma.InputJsonObject; nextAttemptAt: Date | undefined };

async function insertBulk(db: DbClient, rows: Row[]): Promise<number> {
  const now = new Date().toISOString();
  return db.$executeRaw`
    INSERT INTO "OutboxMessage" (id, "idempotencyKey", kind, "personId", platform, address, payload, "nextAttemptAt")
    SELECT v.id, v.key, v.kind, v.person, v.platform::"Platform", v.address::jsonb, v.payload::jsonb, v.next::timestamp(3)
    FROM unnest(
      ${rows.map(() => randomUUID())}::text[], ${rows.map((r) => r.idempotencyKey)}::text[], ${rows.map((r) => r.kind)}::text[],
      ${rows.map((r) => r.personId)}::text[], ${rows.map((r) => r.platform)}::text[], ${rows.map((r) => JSON.stringify(r.address))}::text[],
      ${rows.map((r) => JSON.stringify(r.payload))}::text[], ${rows.map((r) => (r.nextAttemptAt ?? new Date(now)).toISOString())}::text[]
    ) AS v(id, key, kind, person, platform, address, payload, next)
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
}

/**
 * A message to a chat user who is no person of ours (an applicant whose request to join was
 * refused): addressed by platform, workspace and user id, rendered in `data.locale`.
 */
export async function enqueueToChatUser(
  db: DbClient,
  n: { kind: string; idempotencyKey: string; platform: ChatPlatform; tenantId: string; userId: string; data: Prisma.InputJsonObject },
): Promise<number> {
  const { count } = await db.outboxMessage.createMany({
    data: [{ idempotencyKey: n.idempotencyKey, kind: n.kind, personId: null, platform: n.platform, address: { tenantId: n.tenantId, userId: n.userId }, payload: n.data }],
    skipDuplicates: true,
  });
  return count;
}
