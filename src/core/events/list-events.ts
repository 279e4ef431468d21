import type { DbClient } from "../../db/database.js";
import type { Actor } from "../actor.js";
import { eventNetworks } from "../networks/scope.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, ok, type Result } from "../result.js";
import { eventSelect, findVisibleEvent, rsvpCounts, type EventRow, type RsvpCounts } from "./repository.js";
import { eventRef, type RsvpResponseValue } from "./schema.js";
import { waitlistPosition } from "./waitlist.js";

// A chat message lists a handful of events with buttons; Slack allows 50 blocks per message.
export const MAX_LISTED_EVENTS = 10;

export interface MyRsvp {
  response: RsvpResponseValue;
  waitlisted: boolean;
  position: number | null;
}

export interface EventView extends EventRow {
  counts: RsvpCounts;
  mine: MyRsvp | null;
}

/**
 * Upcoming events the actor may attend, soonest first, with counts and their own answer: their
 * network's, the network-wide ones of the networks above it (a parent's events are meant for
 * the members of its regions), and for coordinators those of the networks below. In a network
 * the actor does not oversee, subgroup events show only to that subgroup's members.
 */
export async function listUpcomingEvents(deps: CoreDeps, actor: Actor): Promise<Result<EventView[]>> {
  const { ids, oversee } = await eventNetworks(deps, actor);
  const audience = ids.filter((id) => !oversee.has(id));
  const subgroupIds = audience.length > 0 ? await memberSubgroups(deps.db, actor.personId) : [];
  const events = await deps.db.event.findMany({
    where: {
      status: "SCHEDULED",
      endsAt: { gt: deps.now() },
      OR: [
        { networkId: { in: [...oversee] } },
        { networkId: { in: audience }, OR: [{ subgroupId: null }, { subgroupId: { in: subgroupIds } }] },
      ],
    },
    orderBy: [{ startsAt: "asc" }, { number: "asc" }],
    take: MAX_LISTED_EVENTS,
    select: eventSelect,
  });
  return ok(await withRsvps(deps.db, actor, events));
}

/** One event as the actor sees it (announcements, after an RSVP). */
export async function viewEvent(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<EventView>> {
  const ref = eventRef.safeParse(raw);
  if (!ref.success) return invalidInput(ref.error);
  const found = await findVisibleEvent(deps, actor, ref.data);
  if (!found.ok) return found;
  const [view] = await withRsvps(deps.db, actor, [found.value]);
  return ok(view!);
}

async function withRsvps(db: DbClient, actor: Actor, events: EventRow[]): Promise<EventView[]> {
  const ids = events.map((e) => e.id);
  const [counts, mine] = await Promise.all([
    rsvpCounts(db, ids),
    db.rsvp.findMany({ where: { eventId: { in: ids }, personId: actor.personId }, select: { eventId: true, response: true, waitlisted: true } }),
  ]);
  const byEvent = new Map(mine.map((r) => [r.eventId, r]));
  return Promise.all(
    events.map(async (event) => {
      const rsvp = byEvent.get(event.id);
      const position = rsvp?.waitlisted ? await waitlistPosition(db, event.id, actor.personId) : null;
      return { ...event, counts: counts.get(event.id)!, mine: rsvp ? { response: rsvp.response, waitlisted: rsvp.waitlisted, position } : null };
    }),
  );
}

async function memberSubgroups(db: DbClient, personId: string): Promise<string[]> {
  const rows = await db.subgroupMembership.findMany({ where: { personId }, select: { subgroupId: true } });
  return rows.map((r) => r.subgroupId);
}
