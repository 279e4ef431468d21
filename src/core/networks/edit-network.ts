import type { CoreDeps } from "../deps.js";
import { fail, invalidInput, notAllowed, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { isAdminOperator, type AdminOperator } from "./operator.js";
import { lockNetwork, lockTree, networkBySlug, type NetworkRow } from "./repository.js";
import { editNetworkInput } from "./schema.js";
import { networksBelow } from "./scope.js";

const EDITABLE = ["name", "parent", "timeZone", "language", "condition"] as const;

/** Renames a network, moves it in the tree (or to the top), or changes its zone, language or condition. */
export async function editNetwork(deps: CoreDeps, operator: AdminOperator, raw: unknown): Promise<Result<{ network: NetworkRow; changed: string[] }>> {
  if (!isAdminOperator(operator)) return notAllowed();
  const parsed = editNetworkInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  const changed = EDITABLE.filter((field) => input[field] !== undefined);
  if (changed.length === 0) return fail("invalid", "networks.edit.nothing");

  const found = await networkBySlug(deps.db, input.slug);
  if (!found.ok) return found;
  const network = found.value;

  return deps.db.$transaction(async (tx) => {
    await lockNetwork(tx, network.id);
    if (input.parent) await lockTree(tx);
    let parentId: string | null | undefined;
    if (input.parent === null) parentId = null;
    else if (input.parent !== undefined) {
      const parent = await networkBySlug(tx, input.parent, "networks.parentNotFound");
      if (!parent.ok) return parent;
      if (parent.value.id === network.id) return fail("invalid", "networks.ownParent", { network: network.slug });
      const below = await networksBelow(tx, network.id);
      if (below.includes(parent.value.id)) return fail("invalid", "networks.cycle", { network: network.slug, parent: parent.value.slug });
      parentId = parent.value.id;
    }
    const updated = await tx.network.update({
      where: { id: network.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(parentId !== undefined ? { parentId } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.language !== undefined ? { defaultLocale: input.language } : {}),
        ...(input.condition !== undefined ? { membershipCondition: input.condition } : {}),
      },
      select: { id: true, slug: true, name: true, parentId: true, timeZone: true, defaultLocale: true, membershipCondition: true },
    });
    await audit(tx, operator, "network.edit", { type: "Network", id: network.id }, { fields: changed, ...(parentId !== undefined ? { parentId } : {}) }, deps.now());
    return ok({ network: updated, changed });
  });
}
