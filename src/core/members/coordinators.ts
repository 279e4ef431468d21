import type { DbClient } from "../../db/database.js";

/**
 * Thrown inside a transaction that would leave the network without a coordinator, so the
 * transaction rolls back; the use case turns it into its "last coordinator" answer.
 */
export class LastCoordinatorError extends Error {
  constructor() {
    super("the network's last coordinator cannot be removed or made a member");
  }
}

/**
 * Call inside the transaction that removes or demotes `personId`. Locks the network row first,
 * so two coordinators demoting each other at the same moment cannot both succeed.
 */
export async function keepOneCoordinator(tx: DbClient, networkId: string, personId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Network" WHERE id = ${networkId} FOR UPDATE`;
  const person = await tx.person.findUnique({ where: { id: personId }, select: { role: true, erasedAt: true } });
  if (person?.role !== "COORDINATOR" || person.erasedAt) return;
  const others = await tx.person.count({ where: { networkId, role: "COORDINATOR", erasedAt: null, id: { not: personId } } });
  if (others === 0) throw new LastCoordinatorError();
}
