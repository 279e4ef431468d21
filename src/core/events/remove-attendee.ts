import { z } from "zod";
import type { DbClient } from "../../db/database.js";
import type { Actor } from "../actor.js";
import { audit } from "../shared/audit.js";
import type { CoreDeps } from "../deps.js";
import { enqueueNotifications, type Notification } from "../outbox/enqueue.js";
import { fail, ok, type Result } from "../result.js";
import { idField } from "../shared/fields.js";
import { noticeData } from "./notices.js";
import { lockEvent, managedEventCommand, lockingTransaction, type EventRow } from "./repository.js";
import { eventRef } from "./schema.js";
import { promoteFromWaitlist } from "./waitlist.js";

const removeInput = eventRef.and(z.object({ personId: idField }));

/**
 * Coordinators take someone off an event (a no-show policy, a double registration): their answer
 * becomes "no" (kept in history), they are told through the outbox, and a freed place goes to
 * the first in line.
 */
export async function removeAttendee(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ promoted: number; told: boolean; name: string; number: number }>> {
  const found = await managedEventCommand(deps, actor, removeInput, raw);
  if (!found.ok) return found;
  const { personId } = found.value.input;
  const now = deps.now();

  return deps.db.$transaction(async (tx) => {
    const event = await lockEvent(tx, found.value.event.id);
    const rsvp = await tx.rsvp.findUnique({ where: { eventId_personId: { eventId: found.value.event.id, personId } }, select: { id: true, response: true, waitlisted: true, person: { select: { name: true } } } });
    if (!event || !rsvp || rsvp.response === "NO") return fail("notFound", "events.attendee.notFound");
    await tx.rsvp.update({ where: { id: rsvp.id }, data: { response: "NO", waitlisted: false, waitlistedAt: null, respondedAt: now } });
    const history = await tx.rsvpHistory.create({ data: { eventId: event.id, personId, response: "NO", waitlisted: false, at: now }, select: { id: true } });
    const upcoming = event.status === "SCHEDULED" && event.startsAt > now;
    const hadPlace = rsvp.response === "YES" && !rsvp.waitlisted;
    const notices = hadPlace && upcoming ? await promoteFromWaitlist(tx, event, now) : [];
    // Nobody should turn up at the door expecting a place they no longer have.
    const told = upcoming ? [removedNotice(event, personId, history.id)] : [];
    await enqueueNotifications(tx, [...notices, ...told]);
    await audit(tx, actor, "event.removeAttendee", { type: "Event", id: event.id }, { personId, previous: rsvp.response, waitlisted: rsvp.waitlisted });
    return ok({ promoted: notices.length, told: told.length > 0, name: rsvp.person.name, number: event.number });
  }, lockingTransaction);
}

function removedNotice(event: EventRow, personId: string, historyId: string): Notification {
  return { kind: "event.removed", personId, idempotencyKey: `event:${event.id}:removed:${personId}:${historyId}`, data: noticeData(event) };
}

/**
 * For erasing a person (AVG): call inside the erase transaction *before* their RSVPs are
 * deleted. Every upcoming event where they held a place gives it to the first in line, so an
 * erasure never leaves a seat empty while others wait. Returns the promotion notices enqueued.
 */
export async function releasePlacesOf(tx: DbClient, personId: string, now: Date): Promise<number> {
  const held = await tx.rsvp.findMany({
    where: { personId, response: "YES", waitlisted: false, event: { status: "SCHEDULED", startsAt: { gt: now } } },
    select: { id: true, eventId: true },
    orderBy: { eventId: "asc" }, // one lock order for everyone, so two erasures cannot deadlock
  });
  const notices: Notification[] = [];
  for (const rsvp of held) {
    const event = await lockEvent(tx, rsvp.eventId);
    if (!event) continue;
    await tx.rsvp.delete({ where: { id: rsvp.id } });
    notices.push(...(await promoteFromWaitlist(tx, event, now)));
  }
  return enqueueNotifications(tx, notices);
}
