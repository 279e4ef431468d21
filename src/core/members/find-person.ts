import type { DbClient } from "../../db/database.js";
import { fail, notFound, ok, type Result } from "../result.js";
import { matchByName } from "../subgroups/match.js";

export interface PersonRef {
  id: string;
  name: string;
  networkId: string;
}

// More than this many candidates is not a useful "which one do you mean" list.
const MAX_SUGGESTIONS = 5;

/**
 * A living (not erased) person of a network by e-mail address, id, name (any case, accents
 * optional) or a unique part of a name. Never looks outside the network, so a coordinator
 * cannot reach people of another network by guessing an address.
 */
export async function findPerson(db: DbClient, networkId: string, ref: string): Promise<Result<PersonRef>> {
  const trimmed = ref.trim();
  const shown = trimmed.slice(0, 254);
  if (trimmed.includes("@")) {
    const person = await db.person.findFirst({
      where: { networkId, erasedAt: null, email: { equals: trimmed, mode: "insensitive" } },
      select: { id: true, name: true, networkId: true },
    });
    return person ? ok(person) : notFound("members.personNotFound", { person: shown });
  }
  if (/^[a-z0-9]{20,40}$/.test(trimmed)) {
    const byId = await db.person.findFirst({ where: { networkId, erasedAt: null, id: trimmed }, select: { id: true, name: true, networkId: true } });
    if (byId) return ok(byId);
  }
  // Names are matched in memory, like subgroup names: a network has a few thousand people at
  // most, and only coordinators look people up by name.
  const people = await db.person.findMany({
    where: { networkId, erasedAt: null },
    select: { id: true, name: true, networkId: true, email: true },
    orderBy: { name: "asc" },
  });
  const match = matchByName(people.map((p) => ({ ...p, slug: "" })), trimmed);
  if (match.kind === "one") return ok({ id: match.item.id, name: match.item.name, networkId: match.item.networkId });
  if (match.kind === "none") return notFound("members.personNotFound", { person: shown });
  const names = match.items.slice(0, MAX_SUGGESTIONS).map((p) => (p.email ? `${p.name} (${p.email})` : p.name)).join(", ");
  return fail("invalid", "members.personAmbiguous", { person: shown, names });
}
