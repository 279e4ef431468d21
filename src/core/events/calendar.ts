import { createEvent, type Attendee, type EventAttributes } from "ics";
import { translator } from "../../i18n/index.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, ok, type Result } from "../result.js";
import { findVisibleEvent, type EventRow } from "./repository.js";
import { eventRef } from "./schema.js";
import { escapeText, refoldByOctets } from "./ics-lines.js";

export interface CalendarFile {
  filename: string;
  content: string;
  event: EventRow;
}

/** An .ics entry for an event; the same UID with a higher SEQUENCE updates or cancels it. */
export async function eventCalendar(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<CalendarFile>> {
  const ref = eventRef.safeParse(raw);
  if (!ref.success) return invalidInput(ref.error);
  const found = await findVisibleEvent(deps, actor, ref.data);
  if (!found.ok) return found;
  const event = found.value;
  const organizer = await organizerOf(deps, event);
  return ok({ filename: `evenement-${event.number}.ics`, content: icsFor(event, organizer, actor, deps.now()), event });
}

export interface Organizer {
  name: string;
  email: string;
}

/**
 * RFC 5546 requires an ORGANIZER for METHOD:PUBLISH and CANCEL: the coordinator who created the
 * event, or else the network's first coordinator with an address (coordinators are who members
 * write to about an event anyway). A network without any gets a non-deliverable address
 * (`.invalid`, RFC 2606), so the file stays valid without inventing someone's mailbox.
 */
export async function organizerOf(deps: Pick<CoreDeps, "db">, event: EventRow): Promise<Organizer> {
  const visible = { erasedAt: null, email: { not: null } };
  const creatorId = (await deps.db.event.findUnique({ where: { id: event.id }, select: { createdById: true } }))?.createdById;
  const creator = creatorId ? await deps.db.person.findFirst({ where: { id: creatorId, ...visible }, select: { name: true, email: true } }) : null;
  const person =
    creator ??
    (await deps.db.person.findFirst({ where: { networkId: event.networkId, role: "COORDINATOR", ...visible }, orderBy: { createdAt: "asc" }, select: { name: true, email: true } }));
  return person?.email ? { name: person.name, email: person.email } : { name: event.network.name, email: "coordinator@netwerkbot.invalid" };
}

export function icsFor(event: EventRow, organizer: Organizer, actor: Pick<Actor, "locale">, now: Date, itip?: { method: "REQUEST"; attendees: Attendee[] }): string {
  const t = translator(actor.locale);
  const description = [event.description, event.guests.length ? `${t("events.label.guests")}: ${event.guests.join(", ")}` : null, event.onlineUrl]
    .filter(Boolean)
    .join("\n\n");
  const attributes: EventAttributes = {
    // Instants in UTC are exact whatever the reader's zone; X-WR-TIMEZONE below tells
    // calendar apps the event's home zone (Europe/Amsterdam) for display.
    start: event.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: event.title,
    description: description || undefined,
    location: event.location ?? event.onlineUrl ?? undefined,
    url: event.onlineUrl ?? undefined,
    uid: `event-${event.id}@netwerkbot`,
    sequence: event.revision,
    status: event.status === "CANCELLED" ? "CANCELLED" : "CONFIRMED",
    // A cancelled event as iTIP CANCEL (same UID, the raised SEQUENCE of the cancellation), so a
    // calendar that imported it removes it instead of keeping a second, struck-through copy.
    method: event.status === "CANCELLED" ? "CANCEL" : itip?.method ?? "PUBLISH",
    attendees: itip?.attendees,
    organizer,
    productId: "netwerkbot/events",
    // `ics` writes the calendar name verbatim; a comma in it must be escaped like any TEXT value.
    calName: escapeText(event.network.name),
  };
  // DTSTAMP from our clock, not the process clock: supported at runtime, missing from the typings.
  const { error, value } = createEvent({ ...attributes, timestamp: now.getTime() } as EventAttributes);
  // Our own attributes are validated before they are stored; an error here is a bug.
  if (error || !value) throw error ?? new Error("ics produced no calendar");
  return refoldByOctets(value.replace(/\r\n(METHOD:[A-Z]+)\r\n/, `\r\n$1\r\nX-WR-TIMEZONE:${event.network.timeZone}\r\n`));
}
