import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import { audit } from "../shared/audit.js";
import type { CoreDeps } from "../deps.js";
import { enqueueNotifications } from "../outbox/enqueue.js";
import { fail, failOnField, invalidInput, ok, type Result } from "../result.js";
import { lastPlaceHolders, moveToWaitlistFront } from "./capacity.js";
import { noticesToInterested } from "./notices.js";
import { eventSelect, findVisibleEvent, lockEvent, lockingTransaction, type EventRow } from "./repository.js";
import { eventData, notACoordinator, validateEventFields } from "./save-event.js";
import { eventFieldNames, eventRef } from "./schema.js";
import { countAttending, promoteFromWaitlist } from "./waitlist.js";
import { toLocalInput } from "./datetime.js";

export interface UpdatedEvent {
  event: EventRow;
  /** Time or place changed: people who said yes or maybe are notified. */
  timeOrPlaceChanged: boolean;
  notified: number;
  /** Lost their place to a lower capacity (only with moveToWaitlist): now first in line. */
  moved: number;
}

/**
 * Coordinators change an event. Fields left out keep their value; a field sent empty is
 * cleared. Every change raises the revision, so notices and reminders know the version.
 * A capacity below the number attending is refused with that number, unless the coordinator
 * confirmed `moveToWaitlist`: then the last to sign up go to the front of the waiting list.
 */
export async function updateEvent(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<UpdatedEvent>> {
  if (!isCoordinator(actor)) return notACoordinator();
  if (typeof raw !== "object" || raw === null) return fail("invalid", "error.invalidInput", { details: "" });
  const input = raw as Record<string, unknown>;
  const ref = eventRef.safeParse({ eventId: input.eventId, number: input.number });
  if (!ref.success) return invalidInput(ref.error);
  const found = await findVisibleEvent(deps, actor, ref.data, "manage");
  if (!found.ok) return found;
  const current = found.value;
  if (current.status === "CANCELLED") return fail("conflict", "events.update.cancelled", { title: current.title });

  const merged: Record<string, unknown> = { ...currentValues(current) };
  for (const name of eventFieldNames) if (name in input) merged[name] = input[name];
  const startMoved = "startsAt" in input && !sameInstant(merged.startsAt, current.startsAt, current.network.timeZone);
  const fields = await validateEventFields(deps, actor, merged, { startMustBeFuture: startMoved });
  if (!fields.ok) return fields;
  const data = eventData(fields.value);
  const moveToWaitlist = input.moveToWaitlist === true;

  return deps.db.$transaction(async (tx) => {
    const locked = await lockEvent(tx, current.id);
    if (!locked || locked.status === "CANCELLED") return fail("conflict", "events.update.cancelled", { title: current.title });
    const attending = data.capacity === null ? 0 : await countAttending(tx, current.id);
    const excess = data.capacity === null ? 0 : attending - data.capacity;
    if (excess > 0 && !moveToWaitlist) {
      return failOnField("conflict", "capacity", "field.events.capacityBelowAttending", { attending, capacity: data.capacity ?? 0, excess, number: current.number });
    }
    const movers = await lastPlaceHolders(tx, current.id, excess);
    const event = await tx.event.update({ where: { id: current.id }, data: { ...data, revision: { increment: 1 } }, select: eventSelect });
    const moved = await moveToWaitlistFront(tx, event, movers, deps.now());
    const timeOrPlaceChanged =
      event.startsAt.getTime() !== locked.startsAt.getTime() ||
      event.endsAt.getTime() !== locked.endsAt.getTime() ||
      event.location !== locked.location ||
      event.onlineUrl !== locked.onlineUrl;
    const promoted = await promoteFromWaitlist(tx, event, deps.now());
    const changed = timeOrPlaceChanged ? await noticesToInterested(tx, event, "event.changed") : [];
    await enqueueNotifications(tx, [...moved, ...promoted, ...changed]);
    await audit(tx, actor, "event.update", { type: "Event", id: event.id }, { revision: event.revision, fields: eventFieldNames.filter((name) => name in input), movedToWaitlist: movers.length });
    return ok({ event, timeOrPlaceChanged, notified: changed.length, moved: movers.length });
  }, lockingTransaction);
}

function currentValues(event: EventRow): Record<string, unknown> {
  return {
    kind: event.kind,
    title: event.title,
    description: event.description ?? undefined,
    guests: event.guests,
    location: event.location ?? undefined,
    onlineUrl: event.onlineUrl ?? undefined,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    capacity: event.capacity ?? undefined,
    rsvpDeadline: event.rsvpDeadline ?? undefined,
    subgroupId: event.subgroupId ?? undefined,
  };
}

// A prefilled form sends the unchanged start back as local text; that is not a move.
function sameInstant(value: unknown, current: Date, timeZone: string): boolean {
  if (value instanceof Date) return value.getTime() === current.getTime();
  if (typeof value !== "string") return false;
  const trimmed = value.trim();
  return trimmed === current.toISOString() || trimmed === toLocalInput(current, timeZone);
}
