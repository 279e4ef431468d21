import { z } from "zod";
import { isCoordinator, type Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { idField } from "../shared/fields.js";
import { eventSelect, managedEventCommand, type EventRow } from "./repository.js";
import { notACoordinator } from "./save-event.js";
import { eventRef } from "./schema.js";

const markInput = eventRef.and(z.object({ personId: idField, attended: z.boolean() }));

/**
 * Coordinators mark afterwards who came and who did not: attendance is the health signal of a
 * network (quality over quantity). Only once the event has begun, and only for people who said
 * yes or maybe (someone on the waiting list may still have come).
 */
export async function markAttendance(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ number: number; attended: boolean }>> {
  const command = await managedEventCommand(deps, actor, markInput, raw);
  if (!command.ok) return command;
  const { input: { personId, attended }, event } = command.value;
  const now = deps.now();
  if (event.status === "CANCELLED") return fail("conflict", "events.update.cancelled", { title: event.title });
  if (event.startsAt > now) return fail("conflict", "events.attendance.notYet", { title: event.title });
  const rsvp = await deps.db.rsvp.findUnique({ where: { eventId_personId: { eventId: event.id, personId } }, select: { id: true, response: true } });
  if (!rsvp || rsvp.response === "NO") return fail("notFound", "events.attendee.notFound");
  await deps.db.$transaction(async (tx) => {
    await tx.rsvp.update({ where: { id: rsvp.id }, data: { attended, attendanceMarkedAt: now } });
    await audit(tx, actor, "event.attendance", { type: "Event", id: event.id }, { personId, attended }, now);
  });
  return ok({ number: event.number, attended });
}

export interface PastEvent {
  event: EventRow;
  /** Held a place when it began. */
  signedUp: number;
  came: number;
  absent: number;
  unmarked: number;
}

// A coordinator looks back a season, not years: older events are in the dashboard's export.
const PAST_SHOWN = 10;

/** Coordinators: the latest past events of their network with who came, newest first. */
export async function pastEvents(deps: CoreDeps, actor: Actor): Promise<Result<PastEvent[]>> {
  if (!isCoordinator(actor)) return notACoordinator();
  const events = await deps.db.event.findMany({
    where: { networkId: actor.networkId, status: "SCHEDULED", endsAt: { lte: deps.now() } },
    orderBy: [{ startsAt: "desc" }, { number: "desc" }],
    take: PAST_SHOWN,
    select: eventSelect,
  });
  const groups = await deps.db.rsvp.groupBy({
    by: ["eventId", "attended", "response", "waitlisted"],
    where: { eventId: { in: events.map((e) => e.id) }, response: { in: ["YES", "MAYBE"] }, person: { erasedAt: null } },
    _count: { _all: true },
  });
  return ok(
    events.map((event) => {
      const mine = groups.filter((g) => g.eventId === event.id);
      const sum = (keep: (g: (typeof mine)[number]) => boolean) => mine.filter(keep).reduce((n, g) => n + g._count._all, 0);
      const holder = (g: (typeof mine)[number]) => g.response === "YES" && !g.waitlisted;
      // Someone who said maybe or waited and came anyway counts as came.
      return { event, signedUp: sum(holder), came: sum((g) => g.attended === true), absent: sum((g) => g.attended === false), unmarked: sum((g) => holder(g) && g.attended === null) };
    }),
  );
}
