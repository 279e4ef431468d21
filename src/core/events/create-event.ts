import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import { audit } from "../shared/audit.js";
import type { CoreDeps } from "../deps.js";
import { ok, type Result } from "../result.js";
import { eventSelect, type EventRow } from "./repository.js";
import { eventData, notACoordinator, retryOnNumberConflict, validateEventFields } from "./save-event.js";

/** Coordinators announce a new event in their own network; it gets the next short number. */
export async function createEvent(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<EventRow>> {
  if (!isCoordinator(actor)) return notACoordinator();
  const fields = await validateEventFields(deps, actor, raw, { startMustBeFuture: true });
  if (!fields.ok) return fields;

  const event = await retryOnNumberConflict(() =>
    deps.db.$transaction(async (tx) => {
      const last = await tx.event.aggregate({ where: { networkId: actor.networkId }, _max: { number: true } });
      const created = await tx.event.create({
        data: { ...eventData(fields.value), networkId: actor.networkId, number: (last._max.number ?? 0) + 1, createdById: actor.personId },
        select: eventSelect,
      });
      await audit(tx, actor, "event.create", { type: "Event", id: created.id }, { number: created.number, title: created.title });
      return created;
    }),
  );
  return ok(event);
}
