import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, ok, type Result } from "../result.js";
import { findSubgroup, type SubgroupRef } from "./find-subgroup.js";
import { membershipInput } from "./schema.js";

/** Joins a subgroup of the actor's network; joining twice is fine and says so. */
export async function joinSubgroup(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ subgroup: SubgroupRef; alreadyMember: boolean }>> {
  const parsed = membershipInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const found = await findSubgroup(deps.db, actor.networkId, parsed.data.subgroup);
  if (!found.ok) return found;
  // ON CONFLICT DO NOTHING: a double click or two devices at once still make one membership.
  const created = await deps.db.subgroupMembership.createMany({
    data: { subgroupId: found.value.id, personId: actor.personId, joinedAt: deps.now() },
    skipDuplicates: true,
  });
  return ok({ subgroup: found.value, alreadyMember: created.count === 0 });
}

/** Leaves a subgroup; leaving one you were not in is fine and says so. Contacts stop being one. */
export async function leaveSubgroup(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ subgroup: SubgroupRef; wasMember: boolean }>> {
  const parsed = membershipInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const found = await findSubgroup(deps.db, actor.networkId, parsed.data.subgroup);
  if (!found.ok) return found;
  const removed = await deps.db.subgroupMembership.deleteMany({
    where: { subgroupId: found.value.id, personId: actor.personId },
  });
  return ok({ subgroup: found.value, wasMember: removed.count > 0 });
}
