import type { Db } from "../../db/database.js";

/**
 * Receipts of what a platform delivered, so a retried or replayed delivery is taken once across
 * every instance (the Slack adapter's event ids; its signed requests keep their receipts in src/db/request-receipts.ts,
 * one statement without Prisma on the hot path). Each `take…` is true only for the first of its kind.
 */
export async function takeEventReceipt(db: Db, eventId: string, receivedAt: Date): Promise<boolean> {
  const { count } = await db.slackEventReceipt.createMany({ data: [{ eventId, receivedAt }], skipDuplicates: true });
  return count === 1;
}

export async function pruneEventReceipts(db: Db, receivedBefore: Date): Promise<void> {
  await db.slackEventReceipt.deleteMany({ where: { receivedAt: { lt: receivedBefore } } });
}
