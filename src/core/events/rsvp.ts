import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { enqueueNotifications, type Notification } from "../outbox/enqueue.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { findVisibleEvent, lockEvent, lockingTransaction, type EventRow } from "./repository.js";
import { rsvpInput, type RsvpResponseValue } from "./schema.js";
import { countAttending, nextWaitlistMoment, positionAt, promoteFromWaitlist } from "./waitlist.js";

export interface RsvpOutcome {
  eventId: string;
  number: number;
  title: string;
  response: RsvpResponseValue;
  waitlisted: boolean;
  /** 1-based place in the waiting list, when waitlisted. */
  position: number | null;
  /** How many people from the waiting list got a place because of this answer. */
  promoted: number;
}

/** Yes / no / maybe for an event, or a change of answer; a full event puts "yes" in line. */
export async function respondToEvent(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<RsvpOutcome>> {
  const parsed = rsvpInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { response, ...ref } = parsed.data;

  const visible = await findVisibleEvent(deps, actor, ref);
  if (!visible.ok) return visible;
  const now = deps.now();

  return deps.db.$transaction(async (tx) => {
    const event = await lockEvent(tx, visible.value.id);
    if (!event) return fail("notFound", "events.gone");
    const closed = closedReason(event, now);
    if (closed) return closed;
    // A place freed outside this module (a person erased, a row removed by hand) must go to the
    // line first, not to whoever presses next.
    const attending = await countAttending(tx, event.id);
    const healed = await promoteFromWaitlist(tx, event, now, attending);
    const seated = attending + healed.length;

    const existing = await tx.rsvp.findUnique({
      where: { eventId_personId: { eventId: event.id, personId: actor.personId } },
      select: { response: true, waitlisted: true, waitlistedAt: true },
    });
    const hadPlace = existing?.response === "YES" && !existing.waitlisted;
    let waitlisted = false;
    let waitlistedAt: Date | null = null;
    if (response === "YES" && existing?.response === "YES") {
      // Saying yes again keeps the place, or the place in line.
      waitlisted = existing.waitlisted;
      waitlistedAt = existing.waitlistedAt;
    } else if (response === "YES" && event.capacity !== null && seated >= event.capacity) {
      waitlisted = true;
      waitlistedAt = await nextWaitlistMoment(tx, event.id, now);
    }

    await tx.rsvp.upsert({
      where: { eventId_personId: { eventId: event.id, personId: actor.personId } },
      create: { eventId: event.id, personId: actor.personId, response, waitlisted, waitlistedAt, respondedAt: now },
      update: { response, waitlisted, waitlistedAt, respondedAt: now },
    });
    await tx.rsvpHistory.create({ data: { eventId: event.id, personId: actor.personId, response, waitlisted, at: now } });

    const released = hadPlace && response !== "YES" ? await promoteFromWaitlist(tx, event, now, seated - 1) : [];
    const notices: Notification[] = [...healed, ...released];
    await enqueueNotifications(tx, notices);
    const position = waitlisted && waitlistedAt ? await positionAt(tx, event.id, waitlistedAt) : null;
    // Counted, not taken from the notices: a promoted external guest gets no chat notice.
    const promoted = hadPlace && response !== "YES" ? (await countAttending(tx, event.id)) - (seated - 1) : 0;
    return ok({ eventId: event.id, number: event.number, title: event.title, response, waitlisted, position, promoted });
  }, lockingTransaction);
}

export function closedReason(event: EventRow, now: Date) {
  if (event.status === "CANCELLED") return fail("conflict", "events.rsvp.cancelled", { title: event.title });
  if (event.startsAt <= now) return fail("conflict", "events.rsvp.past", { title: event.title });
  if (event.rsvpDeadline && event.rsvpDeadline < now) return fail("conflict", "events.rsvp.deadlinePassed", { title: event.title });
  return null;
}
