import type { DbClient } from "../../../db/database.js";
import type { ErasureSubject } from "./identifiers.js";

/** Thrown inside the erasure transaction: a message to the person is on its way right now. */
export class MessagesInFlightError extends Error {
  constructor(readonly until: Date) {
    super("a message to the person being erased is being sent");
  }
}

/**
 * Every outbox row for the person, whatever its state: addressed to them (personId) or to one of
 * their chat accounts. The rows are locked first. A row whose worker has begun the platform call
 * (delivery/send-guard.ts) cannot be taken back, so the erasure waits for it rather than letting
 * it arrive, and re-create a conversation row, after the person is gone; any other row is
 * deleted here, and a worker holding its lease finds it gone before it sends. Once the erasure
 * has waited out the leases, `waitForInFlight` is false: what is left belongs to a dead worker.
 */
export async function eraseOutbox(tx: DbClient, subject: ErasureSubject, now: Date, waitForInFlight: boolean): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string; inFlightUntil: Date | null }[]>`
    SELECT id, CASE WHEN status = 'SENDING' AND "sendingSince" IS NOT NULL AND "lockedUntil" > ${now} THEN "lockedUntil" END AS "inFlightUntil"
    FROM "OutboxMessage"
    WHERE "personId" = ${subject.personId}
       OR (address->>'userId') = ANY(${subject.externalUserIds}::text[])
    FOR UPDATE`;
  const inFlight = rows.map((r) => r.inFlightUntil).filter((d): d is Date => d !== null);
  if (waitForInFlight && inFlight.length > 0) throw new MessagesInFlightError(new Date(Math.max(...inFlight.map((d) => d.getTime()))));
  const { count } = await tx.outboxMessage.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  return count;
}

const POLL_MS = 100;

/** Waits until no message to the person is in flight, or the latest lease has run out (its worker died). */
export async function messagesLanded(db: DbClient, personId: string, until: Date, now: () => Date): Promise<void> {
  // Real time, not the injected clock: the worker on the other side runs on real time too.
  const deadline = Date.now() + Math.max(0, until.getTime() - now().getTime());
  while (Date.now() < deadline) {
    const busy = await db.outboxMessage.count({ where: { personId, status: "SENDING", sendingSince: { not: null } } });
    if (busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
