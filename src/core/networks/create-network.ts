import { isUniqueViolation } from "../../db/unique-violation.js";
import type { CoreDeps } from "../deps.js";
import { fail, invalidInput, notAllowed, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { isAdminOperator, type AdminOperator } from "./operator.js";
import { networkBySlug, networkHoldingEmail } from "./repository.js";
import { createNetworkInput } from "./schema.js";

export interface CreatedNetwork {
  network: { id: string; slug: string; name: string; parent: { slug: string; name: string } | null };
  coordinator: { personId: string; name: string; email: string };
}

/**
 * The self-hoster sets up a network and its first coordinator in one step: a network without
 * a coordinator could be bound and joined, but nobody could accept anyone or see its figures.
 */
export async function createNetwork(deps: CoreDeps, operator: AdminOperator, raw: unknown): Promise<Result<CreatedNetwork>> {
  if (!isAdminOperator(operator)) return notAllowed();
  const parsed = createNetworkInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;

  const parent = input.parent ? await networkBySlug(deps.db, input.parent, "networks.parentNotFound") : null;
  if (parent && !parent.ok) return parent;
  const elsewhere = await networkHoldingEmail(deps.db, input.coordinator.email);
  if (elsewhere) return fail("conflict", "networks.coordinator.otherNetwork", { email: input.coordinator.email, network: elsewhere.name });

  try {
    const created = await deps.db.$transaction(async (tx) => {
      const network = await tx.network.create({
        data: {
          slug: input.slug,
          name: input.name,
          parentId: parent?.value.id ?? null,
          ...(input.timeZone ? { timeZone: input.timeZone } : {}),
          ...(input.language ? { defaultLocale: input.language } : {}),
          ...(input.condition ? { membershipCondition: input.condition } : {}),
          createdAt: deps.now(),
        },
        select: { id: true, slug: true, name: true },
      });
      const person = await tx.person.create({
        data: { networkId: network.id, name: input.coordinator.name, email: input.coordinator.email, role: "COORDINATOR", welcomePending: true, createdAt: deps.now() },
        select: { id: true, name: true, email: true },
      });
      await audit(tx, operator, "network.create", { type: "Network", id: network.id }, { slug: network.slug, parentId: parent?.value.id ?? null }, deps.now());
      await audit(tx, operator, "coordinator.add", { type: "Person", id: person.id }, { networkId: network.id }, deps.now());
      return { network, person };
    });
    return ok({
      network: { ...created.network, parent: parent ? { slug: parent.value.slug, name: parent.value.name } : null },
      coordinator: { personId: created.person.id, name: created.person.name, email: created.person.email! },
    });
  } catch (error) {
    // Two set-ups of one slug at once: the unique index decides, the loser gets the same answer as a taken slug.
    if (isUniqueViolation(error)) return fail("conflict", "networks.slugTaken", { slug: input.slug });
    throw error;
  }
}
