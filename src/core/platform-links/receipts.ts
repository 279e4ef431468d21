import type { Db } from "../../db/database.js";

/**
 * Receipts of what a platform delivered, so a retried or replayed delivery is taken once across
 * every instance (the Slack adapter's event ids and signed requests; src/platforms/slack decides
 * the windows). Each `take…` is true only for the first of its kind.
 */
export async function takeEventReceipt(db: Db, eventId: string, receivedAt: Date): Promise<boolean> {
  const { count } = await db.slackEventReceipt.createMany({ data: [{ eventId, receivedAt }], skipDuplicates: true });
  return count === 1;
}

export async function pruneEventReceipts(db: Db, receivedBefore: Date): Promise<void> {
  await db.slackEventReceipt.deleteMany({ where: { receivedAt: { lt: receivedBefore } } });
}

export async function takeRequestReceipt(db: Db, signature: string, requestTimestamp: Date, receivedAt: Date): Promise<boolean> {
  const { count } = await db.slackRequestReceipt.createMany({ data: [{ signature, requestTimestamp, receivedAt }], skipDuplicates: true });
  return count === 1;
}

export async function pruneRequestReceipts(db: Db, requestedBefore: Date): Promise<void> {
  await db.slackRequestReceipt.deleteMany({ where: { requestTimestamp: { lt: requestedBefore } } });
}
