import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, ok, type Result } from "../result.js";
import { contactsOf, type ContactPerson } from "./contacts.js";
import { findSubgroup } from "./find-subgroup.js";
import { membershipInput } from "./schema.js";

export interface SubgroupSummary {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  memberCount: number;
  contacts: ContactPerson[];
  isMember: boolean;
}

// Networks have a handful of subgroups; 50 keeps one chat message within platform block limits.
export const MAX_LISTED_SUBGROUPS = 50;

/** Every subgroup of the actor's network, with member counts and contact persons. */
export async function listSubgroups(deps: CoreDeps, actor: Actor): Promise<Result<{ subgroups: SubgroupSummary[]; total: number }>> {
  const where = { networkId: actor.networkId };
  const [total, subgroups] = await Promise.all([
    deps.db.subgroup.count({ where }),
    deps.db.subgroup.findMany({
      where,
      select: { id: true, slug: true, name: true, description: true },
      orderBy: { name: "asc" },
      take: MAX_LISTED_SUBGROUPS,
    }),
  ]);
  return ok({ subgroups: await summarise(deps, actor, subgroups), total });
}

/** One subgroup, found by id, slug or a forgiving name match, with its contacts. */
export async function showSubgroup(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<SubgroupSummary>> {
  const parsed = membershipInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const found = await findSubgroup(deps.db, actor.networkId, parsed.data.subgroup);
  if (!found.ok) return found;
  const subgroup = await deps.db.subgroup.findUniqueOrThrow({
    where: { id: found.value.id },
    select: { id: true, slug: true, name: true, description: true },
  });
  const [summary] = await summarise(deps, actor, [subgroup]);
  return ok(summary!);
}

type SubgroupRow = { id: string; slug: string; name: string; description: string | null };

async function summarise(deps: CoreDeps, actor: Actor, subgroups: SubgroupRow[]): Promise<SubgroupSummary[]> {
  const ids = subgroups.map((s) => s.id);
  const [counts, contacts, mine] = await Promise.all([
    deps.db.subgroupMembership.groupBy({
      by: ["subgroupId"],
      where: { subgroupId: { in: ids }, person: { erasedAt: null } },
      _count: { _all: true },
    }),
    contactsOf(deps.db, ids),
    deps.db.subgroupMembership.findMany({
      where: { subgroupId: { in: ids }, personId: actor.personId },
      select: { subgroupId: true },
    }),
  ]);
  const countBy = new Map(counts.map((c) => [c.subgroupId, c._count._all]));
  const memberOf = new Set(mine.map((m) => m.subgroupId));
  return subgroups.map((s) => ({
    ...s,
    memberCount: countBy.get(s.id) ?? 0,
    contacts: contacts.get(s.id) ?? [],
    isMember: memberOf.has(s.id),
  }));
}
