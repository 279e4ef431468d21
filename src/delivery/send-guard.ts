import type { Db } from "../db/database.js";

/**
 * The last look before a platform call, under the lease: the row must still be this worker's
 * and SENDING. An erasure deletes a person's rows in a transaction that locks them, so either
 * it comes first (the row is gone: nothing is sent to someone erased) or this mark does (the
 * erasure sees the message in flight and waits for `endSend`).
 */
export async function beginSend(db: Db, outboxId: string, workerId: string, now: Date): Promise<boolean> {
  const marked = await db.$executeRaw`
    UPDATE "OutboxMessage" SET "sendingSince" = ${now}
    WHERE id = ${outboxId} AND "lockedBy" = ${workerId} AND status = 'SENDING'`;
  return marked === 1;
}

export async function endSend(db: Db, outboxId: string): Promise<void> {
  await db.$executeRaw`UPDATE "OutboxMessage" SET "sendingSince" = NULL WHERE id = ${outboxId} AND "sendingSince" IS NOT NULL`;
}
