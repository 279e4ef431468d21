import { createEvent, type EventAttributes } from "ics";
import { translator } from "../../i18n/index.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, ok, type Result } from "../result.js";
import { findVisibleEvent, type EventRow } from "./repository.js";
import { eventRef } from "./schema.js";

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
  return ok({ filename: `evenement-${event.number}.ics`, content: icsFor(event, actor, deps.now()), event });
}

export function icsFor(event: EventRow, actor: Actor, now: Date): string {
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
    method: "PUBLISH",
    productId: "netwerkbot/events",
    calName: event.network.name,
  };
  // DTSTAMP from our clock, not the process clock: supported at runtime, missing from the typings.
  const { error, value } = createEvent({ ...attributes, timestamp: now.getTime() } as EventAttributes);
  // Our own attributes are validated before they are stored; an error here is a bug.
  if (error || !value) throw error ?? new Error("ics produced no calendar");
  return value.replace(/\r\nMETHOD:PUBLISH\r\n/, `\r\nMETHOD:PUBLISH\r\nX-WR-TIMEZONE:${event.network.timeZone}\r\n`);
}
