import type { Db } from "../db/database.js";

/**
 * The in-flight mark an erasure waits on (core/members/erasure/outbox.ts) is set with the attempt
 * by claim.ts `beginSend`, under the lease: an erasure either deletes the row first (nothing is
 * sent to someone erased) or sees the message in flight and waits for this.
 */
export async function endSend(db: Db, outboxId: string): Promise<void> {
  await db.$executeRaw`UPDATE "OutboxMessage" SET "sendingSince" = NULL WHERE id = ${outboxId} AND "sendingSince" IS NOT NULL`;
}
