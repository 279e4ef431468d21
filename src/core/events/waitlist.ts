import type { DbClient } from "../../db/database.js";
import type { Notification } from "../outbox/enqueue.js";
import { promotedNotice } from "./notices.js";
import type { EventRow } from "./repository.js";

/**
 * Gives free places to the waiting list in order. Call with the event locked (lockEvent).
 * Lowering the capacity below the number attending is refused or confirmed first (update-event.ts).
 */
export async function promoteFromWaitlist(tx: DbClient, event: EventRow, now: Date, knownAttending?: number): Promise<Notification[]> {
  const attending = knownAttending ?? (await countAttending(tx, event.id));
  const free = event.capacity === null ? undefined : event.capacity - attending;
  if (free !== undefined && free <= 0) return [];
  const notices: Notification[] = [];
  for (const next of await lineInOrder(tx, event.id, free)) {
    if (next.guest) {
      // A guest hears of their place through their own link's page; guests get no chat notices.
      await tx.eventGuest.update({ where: { id: next.id }, data: { waitlisted: false, waitlistedAt: null } });
      continue;
    }
    await tx.rsvp.update({ where: { id: next.id }, data: { waitlisted: false, waitlistedAt: null } });
    const history = await tx.rsvpHistory.create({
      data: { eventId: event.id, personId: next.personId, response: "YES", waitlisted: false, at: now },
      select: { id: true },
    });
    notices.push(promotedNotice(event, next.personId, history.id));
  }
  return notices;
}

type InLine = { id: string; waitlistedAt: Date | null } & ({ guest: false; personId: string } | { guest: true });

/** Members and external guests wait in one line, ordered by when they joined it. */
async function lineInOrder(tx: DbClient, eventId: string, take: number | undefined): Promise<InLine[]> {
  const order = [{ waitlistedAt: "asc" as const }, { id: "asc" as const }];
  const [members, guests] = await Promise.all([
    tx.rsvp.findMany({ where: { eventId, response: "YES", waitlisted: true }, orderBy: order, take, select: { id: true, personId: true, waitlistedAt: true } }),
    tx.eventGuest.findMany({ where: { eventId, response: "YES", waitlisted: true }, orderBy: order, take, select: { id: true, waitlistedAt: true } }),
  ]);
  const line: InLine[] = [...members.map((m) => ({ ...m, guest: false as const })), ...guests.map((g) => ({ ...g, guest: true as const }))];
  line.sort((a, b) => (a.waitlistedAt?.getTime() ?? 0) - (b.waitlistedAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
  return take === undefined ? line : line.slice(0, take);
}

/** The moment someone joins the line; strictly after the last one so the order is total. */
export async function nextWaitlistMoment(tx: DbClient, eventId: string, now: Date): Promise<Date> {
  const query = { where: { eventId, waitlisted: true }, orderBy: { waitlistedAt: "desc" as const }, select: { waitlistedAt: true } };
  const lasts = await Promise.all([tx.rsvp.findFirst(query), tx.eventGuest.findFirst(query)]);
  // Clocks repeat milliseconds (and tests use a fixed clock); the line must still have one order.
  const after = Math.max(0, ...lasts.map((last) => (last?.waitlistedAt ? last.waitlistedAt.getTime() + 1 : 0)));
  return new Date(Math.max(now.getTime(), after));
}

/** Who holds a place: members and external guests alike (a guest takes a seat too). */
export async function countAttending(db: DbClient, eventId: string): Promise<number> {
  const where = { eventId, response: "YES" as const, waitlisted: false };
  const [members, guests] = await Promise.all([db.rsvp.count({ where }), db.eventGuest.count({ where })]);
  return members + guests;
}

export async function waitlistPosition(db: DbClient, eventId: string, personId: string): Promise<number | null> {
  const mine = await db.rsvp.findUnique({
    where: { eventId_personId: { eventId, personId } },
    select: { response: true, waitlisted: true, waitlistedAt: true },
  });
  if (!mine?.waitlisted || mine.response !== "YES" || !mine.waitlistedAt) return null;
  return positionAt(db, eventId, mine.waitlistedAt);
}

/** nextWaitlistMoment keeps waitlistedAt unique per event (members and guests together), so counting those before is the place. */
export async function positionAt(db: DbClient, eventId: string, waitlistedAt: Date): Promise<number> {
  const where = { eventId, response: "YES" as const, waitlisted: true, waitlistedAt: { lt: waitlistedAt } };
  const [members, guests] = await Promise.all([db.rsvp.count({ where }), db.eventGuest.count({ where })]);
  return members + guests + 1;
}
