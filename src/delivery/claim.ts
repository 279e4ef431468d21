import type { Db } from "../db/database.js";

export interface ClaimedRow {
  id: string;
  idempotencyKey: string;
  platform: "SLACK" | "TEAMS" | "WEB";
  kind: string;
  personId: string | null;
  address: unknown;
  payload: Record<string, unknown>;
  attempts: number;
  /** The previous holder's lease expired: it may have sent before dying (see worker.ts). */
  inDoubt: boolean;
}

/**
 * Claims up to `limit` due rows for this worker. SKIP LOCKED lets several workers on one
 * PostgreSQL claim disjoint rows without waiting on each other; a row whose lease expired
 * (its worker crashed) is due again. Attempts are counted at claim, so a row that keeps
 * crashing its worker still ends DEAD.
 */
export async function claimDue(db: Db, options: { workerId: string; platforms: string[]; limit: number; now: Date; leaseMs: number }): Promise<ClaimedRow[]> {
  const { workerId, platforms, limit, now, leaseMs } = options;
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<Array<Omit<ClaimedRow, "inDoubt"> & { previous: string }>>`
    WITH picked AS (
      SELECT id, status::text AS previous FROM "OutboxMessage"
      WHERE platform::text = ANY(${platforms}::text[])
        AND ((status = 'PENDING' AND "nextAttemptAt" <= ${now}) OR (status = 'SENDING' AND "lockedUntil" < ${now}))
      ORDER BY "nextAttemptAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "OutboxMessage" AS o
    SET status = 'SENDING', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil}, "sendingSince" = NULL, attempts = o.attempts + 1
    FROM picked WHERE o.id = picked.id
    RETURNING o.id, o."idempotencyKey", o.platform::text AS platform, o.kind, o."personId", o.address, o.payload, o.attempts, picked.previous`;
  return rows.map(({ previous, ...row }) => ({ ...row, attempts: Number(row.attempts), inDoubt: previous === "SENDING" }));
}
