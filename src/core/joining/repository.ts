import type { DbClient } from "../../db/database.js";
import { currentEmployer } from "../members/archive-scope.js";

export const requestSelect = {
  id: true,
  networkId: true,
  platform: true,
  tenantId: true,
  externalUserId: true,
  name: true,
  email: true,
  function: true,
  jobTitle: true,
  locale: true,
  employerId: true,
  newEmployer: true,
  status: true,
  reason: true,
  decidedById: true,
  decidedAt: true,
  personId: true,
  network: { select: { name: true } },
} as const;

/** An employer of the network by its name as people write it: trimmed, in any case. Archived ones are not joined. */
export async function currentEmployerNamed(db: DbClient, networkId: string, name: string): Promise<{ id: string; name: string } | null> {
  return db.employer.findFirst({
    where: { networkId, ...currentEmployer, name: { equals: name.trim(), mode: "insensitive" } },
    select: { id: true, name: true },
  });
}

/** Who may decide: the network's own coordinators. */
export async function coordinatorsOf(db: DbClient, networkId: string): Promise<{ id: string }[]> {
  return db.person.findMany({ where: { networkId, role: "COORDINATOR", erasedAt: null }, select: { id: true }, orderBy: { createdAt: "asc" } });
}
