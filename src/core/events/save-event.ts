import { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { eventFields, type EventFields } from "./schema.js";

/** Validates all fields of an event and checks the audience subgroup belongs to the network. */
export async function validateEventFields(
  deps: CoreDeps,
  actor: Actor,
  raw: unknown,
  options: { startMustBeFuture: boolean },
): Promise<Result<EventFields & { timeZone: string }>> {
  const network = await deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { timeZone: true } });
  const parsed = eventFields(network.timeZone, deps.now(), options).safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  if (parsed.data.subgroupId) {
    const subgroup = await deps.db.subgroup.findFirst({ where: { id: parsed.data.subgroupId, networkId: actor.networkId }, select: { id: true } });
    if (!subgroup) {
      return { ok: false, error: { reason: "invalid", key: "error.invalidInput", params: { details: "" }, fields: { subgroupId: { key: "field.events.unknownSubgroup" } } } };
    }
  }
  return ok({ ...parsed.data, timeZone: network.timeZone });
}

export function eventData(fields: EventFields) {
  return {
    kind: fields.kind,
    title: fields.title,
    description: fields.description ?? null,
    guests: fields.guests,
    location: fields.location ?? null,
    onlineUrl: fields.onlineUrl ?? null,
    startsAt: fields.startsAt,
    endsAt: fields.endsAt,
    capacity: fields.capacity ?? null,
    rsvpDeadline: fields.rsvpDeadline ?? null,
    subgroupId: fields.subgroupId ?? null,
  };
}


/** Runs `work` again when a concurrent create took the same per-network number or form key (P2002). */
export async function retryOnNumberConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const conflict = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!conflict || attempt >= attempts) throw error;
    }
  }
}

export const notACoordinator = () => fail("notAllowed", "events.coordinatorOnly");
