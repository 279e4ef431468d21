import type { Attendee } from "ics";
import { z } from "zod";
import type { DbClient } from "../../db/database.js";
import type { Locale } from "../../i18n/index.js";
import type { CoreDeps } from "../deps.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { idField } from "../shared/fields.js";
import { icsFor, organizerOf } from "./calendar.js";
import { eventSelect, type EventRow } from "./repository.js";
import type { RsvpResponseValue } from "./schema.js";

/**
 * An iTIP invitation (RFC 5546) for one recipient's e-mail: METHOD:REQUEST with ORGANIZER and
 * the recipient as ATTENDEE, the event's stable UID and its revision as SEQUENCE. Every change
 * raises the revision (update-event.ts, cancel-event.ts), so a calendar that has the entry
 * updates it; a cancelled event is METHOD:CANCEL with the same UID, so the entry is removed.
 * A METHOD:PUBLISH file would make Outlook add a second entry instead.
 */
export interface Invitation {
  method: "REQUEST" | "CANCEL";
  uid: string;
  sequence: number;
  filename: string;
  /** For the MIME part: `text/calendar; method=…` is what makes mail clients offer to update. */
  contentType: string;
  content: string;
  /** The address the invitation is for (the attendee). */
  email: string;
  locale: Locale;
}

const invitationInput = z.union([z.object({ eventId: idField, personId: idField }), z.object({ eventId: idField, guestId: idField })]);
export type InvitationInput = z.input<typeof invitationInput>;

/** The invitation for a member or an external guest of an event, in their language. */
export async function eventInvitation(deps: Pick<CoreDeps, "db" | "now">, raw: unknown): Promise<Result<Invitation>> {
  const parsed = invitationInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  const event = await deps.db.event.findUnique({ where: { id: input.eventId }, select: eventSelect });
  if (!event) return fail("notFound", "events.gone");
  const attendee = "personId" in input ? await memberAttendee(deps.db, event, input.personId) : await guestAttendee(deps.db, event, input.guestId);
  if (!attendee) return fail("notFound", "links.personGone");
  return ok(invitationFor(event, await organizerOf(deps, event), attendee, deps.now()));
}

export interface InvitationAttendee {
  name: string | null;
  email: string;
  response: RsvpResponseValue | null;
  locale: Locale;
}

export function invitationFor(event: EventRow, organizer: { name: string; email: string }, attendee: InvitationAttendee, now: Date): Invitation {
  const method = event.status === "CANCELLED" ? "CANCEL" : "REQUEST";
  const entry: Attendee = { email: attendee.email, name: attendee.name ?? undefined, rsvp: method === "REQUEST", partstat: partstatOf(attendee.response), role: "REQ-PARTICIPANT" };
  const content = icsFor(event, organizer, { locale: attendee.locale }, now, { method: "REQUEST", attendees: [entry] });
  return {
    method,
    uid: `event-${event.id}@netwerkbot`,
    sequence: event.revision,
    filename: method === "CANCEL" ? "afzegging.ics" : "uitnodiging.ics",
    contentType: `text/calendar; method=${method}; charset=UTF-8`,
    content,
    email: attendee.email,
    locale: attendee.locale,
  };
}

function partstatOf(response: RsvpResponseValue | null): Attendee["partstat"] {
  if (response === "YES") return "ACCEPTED";
  if (response === "MAYBE") return "TENTATIVE";
  if (response === "NO") return "DECLINED";
  return "NEEDS-ACTION";
}

async function memberAttendee(db: DbClient, event: EventRow, personId: string): Promise<InvitationAttendee | null> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { name: true, email: true, locale: true, erasedAt: true } });
  if (!person?.email || person.erasedAt) return null;
  const rsvp = await db.rsvp.findUnique({ where: { eventId_personId: { eventId: event.id, personId } }, select: { response: true } });
  return { name: person.name, email: person.email, response: rsvp?.response ?? null, locale: person.locale ?? event.network.defaultLocale };
}

async function guestAttendee(db: DbClient, event: EventRow, guestId: string): Promise<InvitationAttendee | null> {
  const guest = await db.eventGuest.findFirst({ where: { id: guestId, eventId: event.id }, select: { name: true, email: true, locale: true, response: true } });
  return guest ? { name: guest.name, email: guest.email, response: guest.response, locale: guest.locale ?? event.network.defaultLocale } : null;
}
