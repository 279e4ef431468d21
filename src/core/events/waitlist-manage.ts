import { z } from "zod";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { enqueueNotifications } from "../outbox/enqueue.js";
import { fail, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { idField } from "../shared/fields.js";
import { promotedNotice } from "./notices.js";
import { lockEvent, managedEventCommand, lockingTransaction } from "./repository.js";
import { eventRef } from "./schema.js";
import { countAttending, positionAt } from "./waitlist.js";

const personOnEvent = eventRef.and(z.object({ personId: idField }));
const moveInput = personOnEvent.and(z.object({ direction: z.enum(["up", "down"]) }));

/**
 * Coordinators reorder the waiting list by hand (someone from a member organisation that has no
 * one at the table yet goes first): the person swaps places with the neighbour above or below.
 * Members and guests wait in one line, so the neighbour may be a guest.
 */
export async function moveInWaitlist(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ position: number; number: number }>> {
  const command = await managedEventCommand(deps, actor, moveInput, raw);
  if (!command.ok) return command;
  const { input: { personId, direction }, event: found } = command.value;

  return deps.db.$transaction(async (tx) => {
    const event = await lockEvent(tx, found.id);
    const mine = await tx.rsvp.findUnique({ where: { eventId_personId: { eventId: found.id, personId } }, select: { id: true, response: true, waitlisted: true, waitlistedAt: true } });
    if (!event || !mine || mine.response !== "YES" || !mine.waitlisted || !mine.waitlistedAt) return fail("notFound", "events.waitlist.notWaiting");
    const up = direction === "up";
    const where = { eventId: event.id, response: "YES" as const, waitlisted: true, waitlistedAt: up ? { lt: mine.waitlistedAt } : { gt: mine.waitlistedAt } };
    const query = { where, orderBy: { waitlistedAt: up ? ("desc" as const) : ("asc" as const) }, select: { id: true, waitlistedAt: true } };
    const [member, guest] = await Promise.all([tx.rsvp.findFirst(query), tx.eventGuest.findFirst(query)]);
    const candidates = [member && { ...member, guest: false }, guest && { ...guest, guest: true }].filter((c): c is NonNullable<typeof c> => Boolean(c?.waitlistedAt));
    candidates.sort((a, b) => (up ? b.waitlistedAt!.getTime() - a.waitlistedAt!.getTime() : a.waitlistedAt!.getTime() - b.waitlistedAt!.getTime()));
    const neighbour = candidates[0];
    if (!neighbour) return fail("conflict", up ? "events.waitlist.alreadyFirst" : "events.waitlist.alreadyLast");
    // Swapping the two moments keeps every moment unique, so the line keeps one order.
    if (neighbour.guest) await tx.eventGuest.update({ where: { id: neighbour.id }, data: { waitlistedAt: mine.waitlistedAt } });
    else await tx.rsvp.update({ where: { id: neighbour.id }, data: { waitlistedAt: mine.waitlistedAt } });
    await tx.rsvp.update({ where: { id: mine.id }, data: { waitlistedAt: neighbour.waitlistedAt } });
    const position = await positionAt(tx, event.id, neighbour.waitlistedAt!);
    await audit(tx, actor, "event.waitlist.move", { type: "Event", id: event.id }, { personId, direction, position });
    return ok({ position, number: event.number });
  }, lockingTransaction);
}

/**
 * Coordinators give someone on the waiting list a place, also when the event is full: the
 * coordinator decides (an extra chair), and the answer says the capacity is now exceeded.
 * The person is told as when a place opens up.
 */
export async function givePlace(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ number: number; attending: number; capacity: number | null }>> {
  const command = await managedEventCommand(deps, actor, personOnEvent, raw);
  if (!command.ok) return command;
  const { input: { personId }, event: found } = command.value;
  const now = deps.now();

  return deps.db.$transaction(async (tx) => {
    const event = await lockEvent(tx, found.id);
    if (!event || event.status === "CANCELLED") return fail("conflict", "events.update.cancelled", { title: found.title });
    if (event.startsAt <= now) return fail("conflict", "events.waitlist.started", { title: event.title });
    const mine = await tx.rsvp.findUnique({ where: { eventId_personId: { eventId: event.id, personId } }, select: { id: true, response: true, waitlisted: true } });
    if (!mine || mine.response !== "YES" || !mine.waitlisted) return fail("notFound", "events.waitlist.notWaiting");
    await tx.rsvp.update({ where: { id: mine.id }, data: { waitlisted: false, waitlistedAt: null } });
    const history = await tx.rsvpHistory.create({ data: { eventId: event.id, personId, response: "YES", waitlisted: false, at: now }, select: { id: true } });
    await enqueueNotifications(tx, [promotedNotice(event, personId, history.id)]);
    const attending = await countAttending(tx, event.id);
    await audit(tx, actor, "event.waitlist.givePlace", { type: "Event", id: event.id }, { personId, attending, capacity: event.capacity });
    return ok({ number: event.number, attending, capacity: event.capacity });
  }, lockingTransaction);
}
