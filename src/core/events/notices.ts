import type { DbClient } from "../../db/database.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { enqueueNotifications, type Notification } from "../outbox/enqueue.js";
import { eventSelect, type EventRow } from "./repository.js";

export type EventNoticeKind = "event.promoted" | "event.changed" | "event.cancelled" | "event.reminder";

/** What a notice needs to render in the recipient's language at send time. */
export function noticeData(event: EventRow): Prisma.InputJsonObject {
  return {
    eventId: event.id,
    number: event.number,
    title: event.title,
    kind: event.kind,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    location: event.location,
    onlineUrl: event.onlineUrl,
    timeZone: event.network.timeZone,
    revision: event.revision,
  };
}

export function promotedNotice(event: EventRow, personId: string, historyId: string): Notification {
  // The history id tells apart a second promotion of the same person within one revision.
  return {
    kind: "event.promoted",
    personId,
    idempotencyKey: `event:${event.id}:promoted:${event.revision}:${personId}:${historyId}`,
    data: noticeData(event),
  };
}

/** Those who expect to come or hope to: attending, waitlisted and maybe. */
export async function interestedPeople(db: DbClient, eventId: string, includeMaybe: boolean): Promise<string[]> {
  const rows = await db.rsvp.findMany({
    where: { eventId, response: { in: includeMaybe ? ["YES", "MAYBE"] : ["YES"] }, person: { erasedAt: null } },
    select: { personId: true },
    orderBy: { respondedAt: "asc" },
  });
  return rows.map((r) => r.personId);
}

export async function noticesToInterested(db: DbClient, event: EventRow, kind: "event.changed" | "event.cancelled"): Promise<Notification[]> {
  const people = await interestedPeople(db, event.id, true);
  const verb = kind === "event.changed" ? "changed" : "cancelled";
  return people.map((personId) => ({
    kind,
    personId,
    idempotencyKey: `event:${event.id}:${verb}:${event.revision}:${personId}`,
    data: noticeData(event),
  }));
}

/**
 * For the scheduler: enqueues a reminder to everyone with a place or on the waiting list.
 * Idempotent per revision, so a tick that runs twice (or two instances) sends one reminder,
 * and a moved event gets a fresh one. Returns how many were new; 0 for cancelled or past events.
 */
export async function enqueueEventReminders(db: DbClient, eventId: string, now: Date): Promise<number> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: eventSelect });
  if (!event || event.status === "CANCELLED" || event.startsAt <= now) return 0;
  const people = await interestedPeople(db, event.id, false);
  return enqueueNotifications(
    db,
    people.map((personId) => ({
      kind: "event.reminder",
      personId,
      idempotencyKey: `event:${event.id}:reminder:${event.revision}:${personId}`,
      data: noticeData(event),
    })),
  );
}
