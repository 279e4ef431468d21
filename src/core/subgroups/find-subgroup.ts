import type { DbClient } from "../../db/database.js";
import { fail, notFound, ok, type Result } from "../result.js";
import { matchByName } from "./match.js";

export interface SubgroupRef {
  id: string;
  slug: string;
  name: string;
}

// More than this many candidates is not a useful "did you mean" list.
const MAX_SUGGESTIONS = 5;

/** A subgroup of the actor's network by id, slug or forgiving name match. */
export async function findSubgroup(db: DbClient, networkId: string, ref: string): Promise<Result<SubgroupRef>> {
  // A network has tens of subgroups at most, so matching in memory is cheaper than clever SQL.
  const subgroups = await db.subgroup.findMany({
    where: { networkId },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
  const byId = subgroups.find((s) => s.id === ref);
  if (byId) return ok(byId);
  const match = matchByName(subgroups, ref);
  if (match.kind === "one") return ok(match.item);
  if (match.kind === "none") return notFound("subgroups.notFound", { name: ref });
  const names = match.items.slice(0, MAX_SUGGESTIONS).map((s) => s.name).join(", ");
  return fail("invalid", "subgroups.ambiguous", { name: ref, names });
}
