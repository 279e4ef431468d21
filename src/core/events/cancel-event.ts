import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import { audit } from "../shared/audit.js";
import type { CoreDeps } from "../deps.js";
import { enqueueNotifications } from "../outbox/enqueue.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { interestedPeople, noticesToInterested } from "./notices.js";
import { eventSelect, findVisibleEvent, lockEvent, lockingTransaction, type EventRow } from "./repository.js";
import { notACoordinator } from "./save-event.js";
import { eventRef } from "./schema.js";

/** Coordinators cancel an event; everyone who said yes, maybe or waits in line is told. */
export async function cancelEvent(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ event: EventRow; notified: number }>> {
  if (!isCoordinator(actor)) return notACoordinator();
  const ref = eventRef.safeParse(raw);
  if (!ref.success) return invalidInput(ref.error);
  const found = await findVisibleEvent(deps, actor, ref.data, "manage");
  if (!found.ok) return found;

  return deps.db.$transaction(async (tx) => {
    const locked = await lockEvent(tx, found.value.id);
    if (!locked || locked.status === "CANCELLED") return fail("conflict", "events.cancel.already", { title: found.value.title });
    if (locked.endsAt <= deps.now()) return fail("conflict", "events.cancel.past", { title: locked.title });
    const event = await tx.event.update({
      where: { id: locked.id },
      data: { status: "CANCELLED", revision: { increment: 1 } },
      select: eventSelect,
    });
    const notices = await noticesToInterested(tx, event, "event.cancelled");
    await enqueueNotifications(tx, notices);
    await audit(tx, actor, "event.cancel", { type: "Event", id: event.id }, { revision: event.revision, notified: notices.length });
    return ok({ event, notified: notices.length });
  }, lockingTransaction);
}

export interface CancelImpact {
  event: EventRow;
  /** Who would get the cancellation notice: yes, maybe and the waiting list. */
  toNotify: number;
}

/**
 * What cancelling would do, before it is done: the chat asks the coordinator to confirm with
 * this count ("4 deelnemers krijgen bericht"). Refuses what cancelEvent would refuse.
 */
export async function cancelImpact(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<CancelImpact>> {
  if (!isCoordinator(actor)) return notACoordinator();
  const ref = eventRef.safeParse(raw);
  if (!ref.success) return invalidInput(ref.error);
  const found = await findVisibleEvent(deps, actor, ref.data, "manage");
  if (!found.ok) return found;
  const event = found.value;
  if (event.status === "CANCELLED") return fail("conflict", "events.cancel.already", { title: event.title });
  if (event.endsAt <= deps.now()) return fail("conflict", "events.cancel.past", { title: event.title });
  return ok({ event, toNotify: (await interestedPeople(deps.db, event.id, true)).length });
}
