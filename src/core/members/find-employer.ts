import type { DbClient } from "../../db/database.js";
import { fail, notFound, ok, type Result } from "../result.js";
import { matchByName } from "../subgroups/match.js";

export interface EmployerRef {
  id: string;
  name: string;
  archivedAt: Date | null;
}

// More than this many candidates is not a useful "which one do you mean" list.
const MAX_SUGGESTIONS = 5;

/**
 * An employer of the network (archived ones included, so they can be shown and restored) by
 * id, by name in any case and without accents, or by a unique part of its name ("Korenschoof").
 * Several candidates are named rather than guessed. Never looks outside the network.
 */
export async function findEmployer(db: DbClient, networkId: string, ref: string): Promise<Result<EmployerRef>> {
  const wanted = ref.trim();
  // A network has hundreds of employers at most: matching their names in memory is cheap and
  // forgives accents and spacing the way SQL's ILIKE would not.
  const employers = await db.employer.findMany({
    where: { networkId },
    select: { id: true, name: true, archivedAt: true },
    orderBy: { name: "asc" },
  });
  const byId = employers.find((e) => e.id === wanted);
  if (byId) return ok(byId);
  const match = matchByName(employers.map((e) => ({ ...e, slug: e.name })), wanted);
  if (match.kind === "one") return ok({ id: match.item.id, name: match.item.name, archivedAt: match.item.archivedAt });
  const shown = wanted.slice(0, 100);
  if (match.kind === "none") return notFound("members.employerNotFound", { employer: shown });
  const names = match.items.slice(0, MAX_SUGGESTIONS).map((e) => e.name).join(", ");
  return fail("invalid", "members.employerAmbiguous", { employer: shown, names });
}
