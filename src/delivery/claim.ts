import type { ChatPlatform } from "../core/platforms.js";
import type { Db } from "../db/database.js";

export interface ClaimedRow {
  id: string;
  idempotencyKey: string;
  platform: ChatPlatform;
  kind: string;
  personId: string | null;
  address: unknown;
  payload: Record<string, unknown>;
  attempts: number;
  /** A previous holder's lease lapsed after it had started the send: it may have arrived (see worker.ts). */
  inDoubt: boolean;
}

/**
 * Claims up to `limit` due rows for this worker. SKIP LOCKED lets several workers on one
 * PostgreSQL claim disjoint rows without waiting on each other; a row whose lease lapsed (its
 * worker crashed) is due again. Attempts are counted at claim, so a row that keeps crashing its
 * worker still ends DEAD.
 *
 * A row whose send had started waits two more leases: its holder may be alive but cut off from
 * the database, holding the platform's answer until it can record it (sent-recorder.ts).
 * Claiming it sooner would send it again on a platform that cannot be asked (Teams).
 */
export async function claimDue(db: Db, options: { workerId: string; platforms: string[]; limit: number; now: Date; leaseMs: number }): Promise<ClaimedRow[]> {
  const { workerId, platforms, limit, now, leaseMs } = options;
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const startedDueBefore = new Date(now.getTime() - 2 * leaseMs);
  const rows = await db.$queryRaw<Array<Omit<ClaimedRow, "inDoubt"> & { started: boolean }>>`
    WITH picked AS (
      SELECT id, ("sendStartedAt" IS NOT NULL) AS started FROM "OutboxMessage"
      WHERE platform::text = ANY(${platforms}::text[])
        AND ((status = 'PENDING' AND "nextAttemptAt" <= ${now})
          OR (status = 'SENDING' AND "sendStartedAt" IS NULL AND "lockedUntil" < ${now})
          OR (status = 'SENDING' AND "sendStartedAt" IS NOT NULL AND "lockedUntil" < ${startedDueBefore}))
      ORDER BY "nextAttemptAt", id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "OutboxMessage" AS o
    SET status = 'SENDING', "lockedBy" = ${workerId}, "lockedUntil" = ${lockedUntil}, "sendingSince" = NULL, attempts = o.attempts + 1
    FROM picked WHERE o.id = picked.id
    RETURNING o.id, o."idempotencyKey", o.platform::text AS platform, o.kind, o."personId", o.address, o.payload, o.attempts, picked.started`;
  return rows.map(({ started, ...row }) => ({ ...row, attempts: Number(row.attempts), inDoubt: Boolean(started) }));
}

/**
 * Records, durably, that this worker is about to call the platform, and renews its lease for a
 * full term. Only while it still holds the row: false means another worker took it (this one's
 * lease lapsed while it waited) or an erasure deleted it, and it must not send. sendStartedAt
 * stays until the row is PENDING again (a send may have happened); sendingSince is the in-flight
 * mark an erasure waits on, cleared after the call (send-guard.ts).
 */
export async function beginSend(db: Db, options: { id: string; workerId: string; now: Date; leaseMs: number; deliversAs?: ChatPlatform }): Promise<boolean> {
  const { id, workerId, now, leaseMs, deliversAs } = options;
  // With deliversAs the row is recorded on the channel that carries it (an unlinked person's
  // e-mail is an EMAIL row), so its retries, `mislukt` and the metrics name that channel.
  const changed = deliversAs
    ? await db.$executeRaw`
    UPDATE "OutboxMessage" SET "sendStartedAt" = ${now}, "sendingSince" = ${now}, "lockedUntil" = ${new Date(now.getTime() + leaseMs)}, platform = ${deliversAs}::"Platform"
    WHERE id = ${id} AND "lockedBy" = ${workerId} AND status = 'SENDING'`
    : await db.$executeRaw`
    UPDATE "OutboxMessage" SET "sendStartedAt" = ${now}, "sendingSince" = ${now}, "lockedUntil" = ${new Date(now.getTime() + leaseMs)}
    WHERE id = ${id} AND "lockedBy" = ${workerId} AND status = 'SENDING'`;
  return changed === 1;
}

/** Keeps this worker's leases alive while it works through (and waits on) a batch. */
export async function renewLeases(db: Db, options: { ids: string[]; workerId: string; now: Date; leaseMs: number }): Promise<void> {
  const { ids, workerId, now, leaseMs } = options;
  if (ids.length === 0) return;
  await db.$executeRaw`
    UPDATE "OutboxMessage" SET "lockedUntil" = ${new Date(now.getTime() + leaseMs)}
    WHERE id = ANY(${ids}::text[]) AND "lockedBy" = ${workerId} AND status = 'SENDING'`;
}
