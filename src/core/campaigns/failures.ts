import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { notAllowed, ok, type Result } from "../result.js";

export interface DeliveryFailures {
  dead: Array<{ id: string; name: string; kind: string; attempts: number; error: string }>;
  pending: number;
  /** Pending after at least one failed attempt. */
  retrying: number;
  /** People whose e-mail address the mail server refused (5xx), most recent first. */
  failingAddresses: Array<{ name: string; email: string; since: Date; reason: string }>;
}

// A chat reply is not a report: the most recent 20 are what a coordinator can act on.
const SHOWN = 20;

/** Coordinators: messages to their network's people that could not be delivered, and why. */
export async function deliveryFailures(deps: CoreDeps, actor: Actor): Promise<Result<DeliveryFailures>> {
  if (!isCoordinator(actor)) return notAllowed();
  const inNetwork = { personId: { in: (await deps.db.person.findMany({ where: { networkId: actor.networkId }, select: { id: true } })).map((p) => p.id) } };
  const [dead, pending, retrying, failing] = await Promise.all([
    deps.db.outboxMessage.findMany({
      where: { ...inNetwork, status: "DEAD" },
      select: { id: true, kind: true, attempts: true, lastError: true, personId: true },
      orderBy: { createdAt: "desc" },
      take: SHOWN,
    }),
    deps.db.outboxMessage.count({ where: { ...inNetwork, status: { in: ["PENDING", "SENDING"] } } }),
    deps.db.outboxMessage.count({ where: { ...inNetwork, status: "PENDING", lastError: { not: null } } }),
    deps.db.person.findMany({
      where: { networkId: actor.networkId, erasedAt: null, emailFailingSince: { not: null }, email: { not: null } },
      select: { name: true, email: true, emailFailingSince: true, emailFailure: true },
      orderBy: { emailFailingSince: "desc" },
      take: SHOWN,
    }),
  ]);
  const names = new Map(
    (await deps.db.person.findMany({ where: { id: { in: dead.map((d) => d.personId!) } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]),
  );
  return ok({
    dead: dead.map((d) => ({ id: d.id, name: names.get(d.personId!) ?? "?", kind: d.kind, attempts: d.attempts, error: d.lastError ?? "" })),
    pending,
    retrying,
    failingAddresses: failing.map((p) => ({ name: p.name, email: p.email!, since: p.emailFailingSince!, reason: p.emailFailure ?? "" })),
  });
}
