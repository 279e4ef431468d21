import { isUniqueViolation } from "../../db/unique-violation.js";
import type { CoreDeps } from "../deps.js";
import { fail, invalidInput, notAllowed, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { isAdminOperator, type AdminOperator } from "./operator.js";
import { lockNetwork, networkBySlug, networkHoldingEmail } from "./repository.js";
import { addCoordinatorInput, removeCoordinatorInput } from "./schema.js";

export interface CoordinatorChange {
  network: { slug: string; name: string };
  person: { personId: string; name: string; email: string };
  /** True when an existing member of the network became coordinator (nobody new was added). */
  promoted: boolean;
}

/**
 * Adds a coordinator to a network. Someone already on file there with that address is promoted
 * (a person belongs to one network and exists once), keeping their employer and history.
 */
export async function addCoordinator(deps: CoreDeps, operator: AdminOperator, raw: unknown): Promise<Result<CoordinatorChange>> {
  if (!isAdminOperator(operator)) return notAllowed();
  const parsed = addCoordinatorInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { coordinator } = parsed.data;
  const found = await networkBySlug(deps.db, parsed.data.network);
  if (!found.ok) return found;
  const network = found.value;
  const elsewhere = await networkHoldingEmail(deps.db, coordinator.email, network.id);
  if (elsewhere) return fail("conflict", "networks.coordinator.otherNetwork", { email: coordinator.email, network: elsewhere.name });

  try {
    return await deps.db.$transaction(async (tx): Promise<Result<CoordinatorChange>> => {
      const existing = await tx.person.findFirst({
        where: { networkId: network.id, email: { equals: coordinator.email, mode: "insensitive" }, erasedAt: null },
        select: { id: true, name: true, email: true, role: true },
      });
      if (existing?.role === "COORDINATOR") return fail("conflict", "networks.coordinator.already", { name: existing.name, network: network.name });
      if (existing) {
        await tx.person.update({ where: { id: existing.id }, data: { role: "COORDINATOR" } });
        await audit(tx, operator, "coordinator.promote", { type: "Person", id: existing.id }, { networkId: network.id }, deps.now());
        return ok({ network, person: { personId: existing.id, name: existing.name, email: existing.email! }, promoted: true });
      }
      const person = await tx.person.create({
        data: { networkId: network.id, name: coordinator.name, email: coordinator.email, role: "COORDINATOR", welcomePending: true, createdAt: deps.now() },
        select: { id: true, name: true },
      });
      await audit(tx, operator, "coordinator.add", { type: "Person", id: person.id }, { networkId: network.id }, deps.now());
      return ok({ network, person: { personId: person.id, name: person.name, email: coordinator.email }, promoted: false });
    });
  } catch (error) {
    // The same address added twice at once: the unique index (network, e-mail) keeps one.
    if (isUniqueViolation(error)) return fail("conflict", "networks.coordinator.already", { name: coordinator.name, network: network.name });
    throw error;
  }
}

/**
 * Takes the coordinator role away (the person stays on file as a member, with their history).
 * The last coordinator of a network stays: without one nobody can accept members or see figures.
 */
export async function removeCoordinator(deps: CoreDeps, operator: AdminOperator, raw: unknown): Promise<Result<CoordinatorChange & { remaining: number }>> {
  if (!isAdminOperator(operator)) return notAllowed();
  const parsed = removeCoordinatorInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const found = await networkBySlug(deps.db, parsed.data.network);
  if (!found.ok) return found;
  const network = found.value;
  const email = parsed.data.email;

  return deps.db.$transaction(async (tx): Promise<Result<CoordinatorChange & { remaining: number }>> => {
    // Two removals at once must not both see "one other is left".
    await lockNetwork(tx, network.id);
    const person = await tx.person.findFirst({
      where: { networkId: network.id, role: "COORDINATOR", erasedAt: null, email: { equals: email, mode: "insensitive" } },
      select: { id: true, name: true, email: true },
    });
    if (!person) return fail("notFound", "networks.coordinator.notFound", { network: network.name, email });
    const coordinators = await tx.person.count({ where: { networkId: network.id, role: "COORDINATOR", erasedAt: null } });
    if (coordinators <= 1) return fail("conflict", "networks.coordinator.last", { name: person.name, network: network.name });
    await tx.person.update({ where: { id: person.id }, data: { role: "MEMBER" } });
    await audit(tx, operator, "coordinator.remove", { type: "Person", id: person.id }, { networkId: network.id }, deps.now());
    return ok({ network, person: { personId: person.id, name: person.name, email: person.email! }, promoted: false, remaining: coordinators - 1 });
  });
}
