import type { DbClient } from "../../db/database.js";
import { Prisma } from "../../generated/prisma/client.js";
import { normalise } from "../subgroups/match.js";

/**
 * Whether another employer of the network already has this name, compared as people read it
 * (any case, accents and punctuation aside): "bakkerij de korenschoof" is the same employer.
 */
export async function nameTaken(db: DbClient, networkId: string, name: string, exceptId?: string): Promise<boolean> {
  const wanted = normalise(name);
  const employers = await db.employer.findMany({ where: { networkId, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { name: true } });
  return employers.some((e) => normalise(e.name) === wanted);
}

/**
 * Runs a create or update whose name the unique index guards: two coordinators saving the same
 * name at once get one success and one null (the caller answers "name taken"), not an error.
 */
export async function saveEmployer<T>(write: () => Promise<T>): Promise<T | null> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}
