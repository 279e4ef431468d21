import type { z } from "zod";
import type { DbClient } from "../../db/database.js";
import { isCoordinator, type Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { eventNetworks } from "../networks/scope.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { notACoordinator } from "./save-event.js";

export const eventSelect = {
  id: true,
  networkId: true,
  number: true,
  subgroupId: true,
  kind: true,
  title: true,
  description: true,
  guests: true,
  location: true,
  onlineUrl: true,
  startsAt: true,
  endsAt: true,
  capacity: true,
  rsvpDeadline: true,
  status: true,
  revision: true,
  subgroup: { select: { name: true } },
  network: { select: { name: true, timeZone: true, defaultLocale: true } },
} as const;

export interface EventRow {
  id: string;
  networkId: string;
  number: number;
  subgroupId: string | null;
  kind: "PRAKTIJKTAFEL" | "MASTERCLASS" | "NETWERKBIJEENKOMST" | "KENNISKRING";
  title: string;
  description: string | null;
  guests: string[];
  location: string | null;
  onlineUrl: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  rsvpDeadline: Date | null;
  status: "SCHEDULED" | "CANCELLED";
  revision: number;
  subgroup: { name: string } | null;
  network: { name: string; timeZone: string; defaultLocale: "nl" | "en" };
}

/**
 * What the actor wants with an event. "attend": see and answer it (their own network's events,
 * the network-wide events of the networks above theirs, and for coordinators those of the
 * networks below). "oversee": a coordinator's read of the attendees, for their own network and
 * those below. "manage": change or cancel it, only in their own network.
 */
export type EventAccess = "attend" | "oversee" | "manage";

/**
 * Finds an event the actor may see for that purpose; for members (and for anyone, in a network
 * they do not oversee) it must be network-wide or in a subgroup they belong to. Anything else is
 * "not found", so numbers and ids of other networks reveal nothing.
 */
export async function findVisibleEvent(deps: Pick<CoreDeps, "db" | "cache">, actor: Actor, ref: { eventId?: string; number?: number }, access: EventAccess = "attend"): Promise<Result<EventRow>> {
  const { db } = deps;
  const { ids, oversee } = await eventNetworks(deps, actor);
  const networkIds = access === "attend" ? ids : ids.filter((id) => oversee.has(id));
  const candidates = await db.event.findMany({
    where: { networkId: { in: networkIds }, ...(ref.eventId !== undefined ? { id: ref.eventId } : { number: ref.number }) },
    select: eventSelect,
    take: networkIds.length,
  });
  // A typed number two networks of the tree use (events from before they were joined): the own
  // network's first, then the nearest above, then below (the order eventNetworks gives).
  const event = networkIds.map((id) => candidates.find((e) => e.networkId === id)).find(Boolean);
  if (!event || !(oversee.has(event.networkId) || (await isInAudience(db, actor, event.subgroupId)))) return eventNotFound(ref);
  if (access === "manage" && event.networkId !== actor.networkId) return fail("notAllowed", "events.otherNetwork", { network: event.network.name, title: event.title });
  return ok(event);
}

/** Typed numbers are echoed back; ids come from buttons and forms and mean nothing to people. */
export function eventNotFound(ref: { eventId?: string; number?: number }) {
  return ref.eventId !== undefined ? fail("notFound", "events.gone") : fail("notFound", "events.notFound", { number: String(ref.number) });
}

/** Whether an event's audience includes the actor: network-wide, or a subgroup they belong to. */
async function isInAudience(db: DbClient, actor: Actor, subgroupId: string | null): Promise<boolean> {
  if (!subgroupId) return true;
  const membership = await db.subgroupMembership.findUnique({
    where: { subgroupId_personId: { subgroupId, personId: actor.personId } },
    select: { id: true },
  });
  return membership !== null;
}

/**
 * Takes the event's row lock for the rest of the transaction: every RSVP, capacity change and
 * cancellation of one event runs one after the other, so places are never handed out twice.
 */
export async function lockEvent(tx: DbClient, eventId: string): Promise<EventRow | null> {
  await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`;
  return tx.event.findUnique({ where: { id: eventId }, select: eventSelect });
}

export interface RsvpCounts {
  attending: number;
  waitlisted: number;
  maybe: number;
  declined: number;
}

export async function rsvpCounts(db: DbClient, eventIds: string[]): Promise<Map<string, RsvpCounts>> {
  const groups = await db.rsvp.groupBy({
    by: ["eventId", "response", "waitlisted"],
    where: { eventId: { in: eventIds } },
    _count: { _all: true },
  });
  // External guests count like members: a guest with a place takes a seat.
  const guestGroups = await db.eventGuest.groupBy({
    by: ["eventId", "response", "waitlisted"],
    where: { eventId: { in: eventIds }, response: { not: null } },
    _count: { _all: true },
  });
  const counts = new Map<string, RsvpCounts>(eventIds.map((id) => [id, { attending: 0, waitlisted: 0, maybe: 0, declined: 0 }]));
  for (const group of [...groups, ...guestGroups]) {
    const entry = counts.get(group.eventId)!;
    const n = group._count._all;
    if (group.response === "YES") entry[group.waitlisted ? "waitlisted" : "attending"] += n;
    else if (group.response === "MAYBE") entry.maybe += n;
    else entry.declined += n;
  }
  return counts;
}

/** Prisma interactive transactions: waiting on a busy event's lock is normal, not a failure. */
export const lockingTransaction = { maxWait: 15_000, timeout: 20_000 } as const;

/**
 * A coordinator's command about an event: allowed for coordinators only, its input parsed, and
 * the event found among those the coordinator manages.
 */
export async function managedEventCommand<T extends { eventId?: string; number?: number }>(
  deps: Pick<CoreDeps, "db" | "cache">,
  actor: Actor,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  raw: unknown,
): Promise<Result<{ input: T; event: EventRow }>> {
  if (!isCoordinator(actor)) return notACoordinator();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const found = await findVisibleEvent(deps, actor, parsed.data, "manage");
  return found.ok ? ok({ input: parsed.data, event: found.value }) : found;
}
