import { z } from "zod";
import type { DbClient } from "../../db/database.js";
import { isCoordinator, type Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import type { Notification } from "../outbox/enqueue.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { countField } from "../shared/fields.js";
import { noticeData } from "./notices.js";
import { findVisibleEvent, type EventRow } from "./repository.js";
import { notACoordinator } from "./save-event.js";
import { eventRef, MAX_CAPACITY } from "./schema.js";
import { countAttending } from "./waitlist.js";

/** Someone holding a place: a member (named in chat) or an external guest. */
export interface PlaceHolder {
  id: string;
  guest: boolean;
  personId: string | null;
  name: string;
  respondedAt: Date;
}

/**
 * Who loses their place when the capacity drops below the number attending: the last to sign
 * up, so those who answered first keep what they were promised. Newest first.
 */
export async function lastPlaceHolders(db: DbClient, eventId: string, count: number): Promise<PlaceHolder[]> {
  if (count <= 0) return [];
  const where = { eventId, response: "YES" as const, waitlisted: false };
  const [members, guests] = await Promise.all([
    db.rsvp.findMany({ where, orderBy: [{ respondedAt: "desc" }, { id: "desc" }], take: count, select: { id: true, personId: true, respondedAt: true, person: { select: { name: true } } } }),
    db.eventGuest.findMany({ where, orderBy: [{ respondedAt: "desc" }, { id: "desc" }], take: count, select: { id: true, email: true, name: true, respondedAt: true } }),
  ]);
  const holders: PlaceHolder[] = [
    ...members.map((m) => ({ id: m.id, guest: false, personId: m.personId, name: m.person.name, respondedAt: m.respondedAt })),
    ...guests.map((g) => ({ id: g.id, guest: true, personId: null, name: g.name ?? g.email, respondedAt: g.respondedAt ?? new Date(0) })),
  ];
  holders.sort((a, b) => b.respondedAt.getTime() - a.respondedAt.getTime() || b.id.localeCompare(a.id));
  return holders.slice(0, count);
}

/**
 * Puts place holders at the front of the waiting list, in their sign-up order: they had a place,
 * so they are first when one opens again. Call with the event locked. Members are told.
 */
export async function moveToWaitlistFront(tx: DbClient, event: EventRow, holders: PlaceHolder[], now: Date): Promise<Notification[]> {
  if (holders.length === 0) return [];
  const query = { where: { eventId: event.id, waitlisted: true }, orderBy: { waitlistedAt: "asc" as const }, select: { waitlistedAt: true } };
  const heads = await Promise.all([tx.rsvp.findFirst(query), tx.eventGuest.findFirst(query)]);
  const head = Math.min(now.getTime(), ...heads.map((h) => h?.waitlistedAt?.getTime() ?? Infinity));
  // Oldest sign-up first; each a millisecond before the next, all before the current head.
  const inOrder = [...holders].reverse();
  const notices: Notification[] = [];
  for (const [index, holder] of inOrder.entries()) {
    const waitlistedAt = new Date(head - (inOrder.length - index));
    if (holder.guest) {
      await tx.eventGuest.update({ where: { id: holder.id }, data: { waitlisted: true, waitlistedAt } });
      continue;
    }
    await tx.rsvp.update({ where: { id: holder.id }, data: { waitlisted: true, waitlistedAt } });
    const history = await tx.rsvpHistory.create({ data: { eventId: event.id, personId: holder.personId!, response: "YES", waitlisted: true, at: now }, select: { id: true } });
    notices.push({
      kind: "event.movedToWaitlist",
      personId: holder.personId!,
      idempotencyKey: `event:${event.id}:movedToWaitlist:${holder.personId}:${history.id}`,
      data: { ...noticeData(event), position: index + 1 },
    });
  }
  return notices;
}

export interface CapacityImpact {
  event: EventRow;
  attending: number;
  /** Would go to the waiting list, newest sign-up first; empty when everyone still fits. */
  movers: PlaceHolder[];
}

const capacityInput = eventRef.and(z.object({ capacity: countField(MAX_CAPACITY).refine((n) => n >= 1, "field.events.capacityZero") }));

/** What a new capacity would do, before it is set: the chat asks to confirm when people lose their place. */
export async function capacityImpact(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<CapacityImpact>> {
  if (!isCoordinator(actor)) return notACoordinator();
  const parsed = capacityInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { capacity, ...ref } = parsed.data;
  const found = await findVisibleEvent(deps, actor, ref, "manage");
  if (!found.ok) return found;
  if (found.value.status === "CANCELLED") return fail("conflict", "events.update.cancelled", { title: found.value.title });
  const attending = await countAttending(deps.db, found.value.id);
  return ok({ event: found.value, attending, movers: await lastPlaceHolders(deps.db, found.value.id, attending - capacity) });
}
