import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, ok, type Result } from "../result.js";
import { findVisibleEvent, type EventRow } from "./repository.js";
import { notACoordinator } from "./save-event.js";
import { eventRef } from "./schema.js";
import { guestsOf, type GuestAttendee } from "./guests.js";

export interface Attendee {
  personId: string;
  name: string;
  employer: string | null;
  respondedAt: Date;
  /** Marked after the event: came, did not come, or not marked (null). */
  attended: boolean | null;
}

export interface AttendeeList {
  event: EventRow;
  attending: Attendee[];
  maybe: Attendee[];
  /** In order: the first gets the next free place. */
  waitlist: Attendee[];
  declined: Attendee[];
  /** External guests (no members), each with their answer; those with a place count towards capacity. */
  guests: GuestAttendee[];
}

/** Coordinators: who comes, who might, who waits (in order) and who declined, with employers. */
export async function attendeeList(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<AttendeeList>> {
  if (!isCoordinator(actor)) return notACoordinator();
  const ref = eventRef.safeParse(raw);
  if (!ref.success) return invalidInput(ref.error);
  const found = await findVisibleEvent(deps, actor, ref.data, "oversee");
  if (!found.ok) return found;

  const rsvps = await deps.db.rsvp.findMany({
    where: { eventId: found.value.id, person: { erasedAt: null } },
    orderBy: [{ waitlistedAt: "asc" }, { respondedAt: "asc" }, { id: "asc" }],
    select: {
      response: true,
      waitlisted: true,
      respondedAt: true,
      attended: true,
      person: { select: { id: true, name: true, employer: { select: { name: true } } } },
    },
  });
  const list: AttendeeList = { event: found.value, attending: [], maybe: [], waitlist: [], declined: [], guests: await guestsOf(deps.db, found.value.id) };
  for (const r of rsvps) {
    const attendee = { personId: r.person.id, name: r.person.name, employer: r.person.employer?.name ?? null, respondedAt: r.respondedAt, attended: r.attended };
    if (r.response === "YES") list[r.waitlisted ? "waitlist" : "attending"].push(attendee);
    else list[r.response === "MAYBE" ? "maybe" : "declined"].push(attendee);
  }
  return ok(list);
}
