import { z } from "zod";
import type { DbClient } from "../../db/database.js";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { enqueueNotifications } from "../outbox/enqueue.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { lockEvent, lockingTransaction, findVisibleEvent, type EventRow } from "./repository.js";
import { closedReason, type RsvpOutcome } from "./rsvp.js";
import { notACoordinator } from "./save-event.js";
import { eventRef, type RsvpResponseValue } from "./schema.js";
import { countAttending, nextWaitlistMoment, positionAt, promoteFromWaitlist } from "./waitlist.js";

// A guest's address and answer are kept while they matter to the event (the attendee list, a
// question afterwards), then erased: a month after the event ends, whatever became of it.
export const GUEST_RETENTION_DAYS = 30;
// The guests of a praktijktafel are a handful (a wethouder, UWV, the WSP); a large conference
// invites its guests otherwise. More than this is a list pasted by mistake.
export const MAX_GUESTS_PER_EVENT = 50;

const inviteInput = eventRef.and(
  z.object({
    email: z.string({ required_error: "field.required" }).trim().toLowerCase().max(254, "field.invalidEmail").email("field.invalidEmail"),
    name: z.string().trim().max(120).optional().transform((v) => v || undefined),
    locale: z.enum(["nl", "en"]).optional(),
  }),
);
export type InviteGuestInput = z.input<typeof inviteInput>;

export interface InvitedGuest {
  guestId: string;
  eventId: string;
  number: number;
  title: string;
  email: string;
  /** False when this address was already invited: nothing new was stored. */
  created: boolean;
}

/** A coordinator invites someone who is no member (by e-mail address) to an event of their network. */
export async function inviteGuest(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<InvitedGuest>> {
  if (!isCoordinator(actor)) return notACoordinator();
  const parsed = inviteInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { email, name, locale, ...ref } = parsed.data;
  const found = await findVisibleEvent(deps, actor, ref, "manage");
  if (!found.ok) return found;
  const event = found.value;
  const closed = closedReason(event, deps.now());
  if (closed) return closed;
  if ((await deps.db.eventGuest.count({ where: { eventId: event.id } })) >= MAX_GUESTS_PER_EVENT) {
    return fail("conflict", "events.guest.tooMany", { max: MAX_GUESTS_PER_EVENT });
  }
  // INSERT … ON CONFLICT DO NOTHING: inviting the same address twice (or at once) keeps one guest.
  const { count } = await deps.db.eventGuest.createMany({
    data: { eventId: event.id, email, name: name ?? null, locale: locale ?? null, invitedById: actor.personId },
    skipDuplicates: true,
  });
  const guest = await deps.db.eventGuest.findUniqueOrThrow({ where: { eventId_email: { eventId: event.id, email } }, select: { id: true } });
  if (count) await audit(deps.db, actor, "event.inviteGuest", { type: "Event", id: event.id }, { guestId: guest.id });
  return ok({ guestId: guest.id, eventId: event.id, number: event.number, title: event.title, email, created: count === 1 });
}

/**
 * An external guest's answer, as respondToEvent is a member's: with the event locked, a full
 * event puts "yes" in the one line members wait in, and a place given up goes to the first in it.
 */
export async function respondAsGuest(deps: CoreDeps, guestId: string, response: RsvpResponseValue): Promise<Result<RsvpOutcome>> {
  const now = deps.now();
  const guestRow = await deps.db.eventGuest.findUnique({ where: { id: guestId }, select: { eventId: true } });
  if (!guestRow) return fail("notFound", "events.gone");
  return deps.db.$transaction(async (tx) => {
    const event = await lockEvent(tx, guestRow.eventId);
    if (!event) return fail("notFound", "events.gone");
    const closed = closedReason(event, now);
    if (closed) return closed;
    const existing = await tx.eventGuest.findUniqueOrThrow({ where: { id: guestId }, select: { response: true, waitlisted: true, waitlistedAt: true } });
    const attending = await countAttending(tx, event.id);
    const healed = await promoteFromWaitlist(tx, event, now, attending);
    const seated = attending + healed.length;
    const hadPlace = existing.response === "YES" && !existing.waitlisted;
    const place = await placeFor(tx, event, response, existing, seated, now);
    await tx.eventGuest.update({ where: { id: guestId }, data: { response, ...place, respondedAt: now } });
    const released = hadPlace && response !== "YES" ? await promoteFromWaitlist(tx, event, now, seated - 1) : [];
    await enqueueNotifications(tx, [...healed, ...released]);
    const position = place.waitlisted && place.waitlistedAt ? await positionAt(tx, event.id, place.waitlistedAt) : null;
    const promoted = hadPlace && response !== "YES" ? (await countAttending(tx, event.id)) - (seated - 1) : 0;
    return ok({ eventId: event.id, number: event.number, title: event.title, response, waitlisted: place.waitlisted, position, promoted });
  }, lockingTransaction);
}

type Place = { waitlisted: boolean; waitlistedAt: Date | null };

async function placeFor(tx: DbClient, event: EventRow, response: RsvpResponseValue, existing: { response: RsvpResponseValue | null } & Place, seated: number, now: Date): Promise<Place> {
  // Saying yes again keeps the place, or the place in line.
  if (response === "YES" && existing.response === "YES") return { waitlisted: existing.waitlisted, waitlistedAt: existing.waitlistedAt };
  if (response === "YES" && event.capacity !== null && seated >= event.capacity) return { waitlisted: true, waitlistedAt: await nextWaitlistMoment(tx, event.id, now) };
  return { waitlisted: false, waitlistedAt: null };
}

export interface GuestAttendee {
  guestId: string;
  /** The name the coordinator gave, else the address. */
  name: string;
  email: string;
  response: RsvpResponseValue | null;
  waitlisted: boolean;
  respondedAt: Date | null;
}

/** An event's external guests for its attendee list, in the order they answered. */
export async function guestsOf(db: DbClient, eventId: string): Promise<GuestAttendee[]> {
  const rows = await db.eventGuest.findMany({
    where: { eventId },
    orderBy: [{ waitlistedAt: "asc" }, { respondedAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, email: true, response: true, waitlisted: true, respondedAt: true },
  });
  return rows.map((g) => ({ guestId: g.id, name: g.name ?? g.email, email: g.email, response: g.response, waitlisted: g.waitlisted, respondedAt: g.respondedAt }));
}

/** For the scheduler: erases guests (and their links) of events that ended GUEST_RETENTION_DAYS ago. */
export async function eraseExpiredGuests(db: DbClient, now: Date): Promise<number> {
  const before = new Date(now.getTime() - GUEST_RETENTION_DAYS * 86_400_000);
  const { count } = await db.eventGuest.deleteMany({ where: { event: { endsAt: { lt: before } } } });
  return count;
}
