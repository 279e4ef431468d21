import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import { audit } from "../shared/audit.js";
import type { CoreDeps } from "../deps.js";
import { lockNetworkTree } from "../networks/scope.js";
import { ok, type Result } from "../result.js";
import { eventSelect, type EventRow } from "./repository.js";
import { eventData, notACoordinator, retryOnNumberConflict, validateEventFields } from "./save-event.js";

export interface CreatedEvent {
  event: EventRow;
  /** False when this form had created the event already (a double click, a platform's retry). */
  created: boolean;
}

/**
 * Coordinators announce a new event in their own network; it gets the next short number of the
 * whole tree of networks it is in, so a number people type means one event to everyone who sees
 * it (a parent's events show in its regions). `formKey` names the form it came from: the same
 * form submitted again returns its event.
 */
export async function createEvent(deps: CoreDeps, actor: Actor, raw: unknown, formKey?: string): Promise<Result<CreatedEvent>> {
  if (!isCoordinator(actor)) return notACoordinator();
  const fields = await validateEventFields(deps, actor, raw, { startMustBeFuture: true });
  if (!fields.ok) return fields;

  // Two submits of one form racing: the loser's insert conflicts on formKey, and its retry finds the winner's event.
  const outcome = await retryOnNumberConflict(() =>
    deps.db.$transaction(async (tx): Promise<CreatedEvent> => {
      const earlier = formKey ? await tx.event.findFirst({ where: { formKey, networkId: actor.networkId }, select: eventSelect }) : null;
      if (earlier) return { event: earlier, created: false };
      const tree = await lockNetworkTree(tx, actor.networkId);
      const last = await tx.event.aggregate({ where: { networkId: { in: tree } }, _max: { number: true } });
      const event = await tx.event.create({
        data: { ...eventData(fields.value), networkId: actor.networkId, number: (last._max.number ?? 0) + 1, createdById: actor.personId, formKey },
        select: eventSelect,
      });
      await audit(tx, actor, "event.create", { type: "Event", id: event.id }, { number: event.number, title: event.title });
      return { event, created: true };
    }),
  );
  return ok(outcome);
}
