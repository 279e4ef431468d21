import type { DbClient } from "../../db/database.js";
import type { Notification } from "../outbox/enqueue.js";
import { promotedNotice } from "./notices.js";
import type { EventRow } from "./repository.js";

/**
 * Gives free places to the waiting list in order. Call with the event locked (lockEvent).
 * Lowering the capacity never removes anyone who already has a place: they were promised one.
 */
export async function promoteFromWaitlist(tx: DbClient, event: EventRow, now: Date, knownAttending?: number): Promise<Notification[]> {
  const attending = knownAttending ?? (await countAttending(tx, event.id));
  const free = event.capacity === null ? undefined : event.capacity - attending;
  if (free !== undefined && free <= 0) return [];
  const next = await tx.rsvp.findMany({
    where: { eventId: event.id, response: "YES", waitlisted: true },
    orderBy: [{ waitlistedAt: "asc" }, { id: "asc" }],
    take: free,
    select: { id: true, personId: true },
  });
  const notices: Notification[] = [];
  for (const rsvp of next) {
    await tx.rsvp.update({ where: { id: rsvp.id }, data: { waitlisted: false, waitlistedAt: null } });
    const history = await tx.rsvpHistory.create({
      data: { eventId: event.id, personId: rsvp.personId, response: "YES", waitlisted: false, at: now },
      select: { id: true },
    });
    notices.push(promotedNotice(event, rsvp.personId, history.id));
  }
  return notices;
}

/** The moment someone joins the line; strictly after the last one so the order is total. */
export async function nextWaitlistMoment(tx: DbClient, eventId: string, now: Date): Promise<Date> {
  const last = await tx.rsvp.findFirst({
    where: { eventId, waitlisted: true },
    orderBy: { waitlistedAt: "desc" },
    select: { waitlistedAt: true },
  });
  // Clocks repeat milliseconds (and tests use a fixed clock); the line must still have one order.
  const after = last?.waitlistedAt ? last.waitlistedAt.getTime() + 1 : 0;
  return new Date(Math.max(now.getTime(), after));
}

export function countAttending(db: DbClient, eventId: string): Promise<number> {
  return db.rsvp.count({ where: { eventId, response: "YES", waitlisted: false } });
}

export async function waitlistPosition(db: DbClient, eventId: string, personId: string): Promise<number | null> {
  const mine = await db.rsvp.findUnique({
    where: { eventId_personId: { eventId, personId } },
    select: { response: true, waitlisted: true, waitlistedAt: true },
  });
  if (!mine?.waitlisted || mine.response !== "YES" || !mine.waitlistedAt) return null;
  return positionAt(db, eventId, mine.waitlistedAt);
}

/** nextWaitlistMoment keeps waitlistedAt unique per event, so counting those before is the place. */
export async function positionAt(db: DbClient, eventId: string, waitlistedAt: Date): Promise<number> {
  const ahead = await db.rsvp.count({ where: { eventId, response: "YES", waitlisted: true, waitlistedAt: { lt: waitlistedAt } } });
  return ahead + 1;
}
