import { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { audit } from "../shared/audit.js";
import { findPerson, type PersonRef } from "../members/find-person.js";
import { fail, invalidInput, notAllowed, ok, type Result } from "../result.js";
import { findSubgroup, type SubgroupRef } from "./find-subgroup.js";
import { normalise, slugify } from "./match.js";
import { contactInput, createSubgroupInput } from "./schema.js";

/** Coordinators: a new subgroup (deelnetwerk, kenniskring) in their network. */
export async function createSubgroup(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<SubgroupRef>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = createSubgroupInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { name, description } = parsed.data;
  const slug = slugify(name);

  const existing = await deps.db.subgroup.findMany({ where: { networkId: actor.networkId }, select: { slug: true, name: true } });
  if (existing.some((s) => s.slug === slug || normalise(s.name) === normalise(name))) {
    return fail("conflict", "subgroups.exists", { name });
  }
  try {
    return ok(
      await deps.db.$transaction(async (tx) => {
        const created = await tx.subgroup.create({
          data: { networkId: actor.networkId, slug, name, description: description ?? null, createdAt: deps.now() },
          select: { id: true, slug: true, name: true },
        });
        await audit(tx, actor, "subgroup.create", { type: "Subgroup", id: created.id }, { slug });
        return created;
      }),
    );
  } catch (error) {
    // Two coordinators creating the same subgroup at once: the unique slug decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return fail("conflict", "subgroups.exists", { name });
    }
    throw error;
  }
}

type ContactChange = { subgroup: SubgroupRef; person: PersonRef; changed: boolean };

/** Coordinators: makes a person of the network a contact of a subgroup (and so a member). */
export async function appointContact(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<ContactChange>> {
  const target = await resolveContactTarget(deps, actor, raw);
  if (!target.ok) return target;
  const { subgroup, person } = target.value;
  const changed = await deps.db.$transaction(async (tx) => {
    const before = await tx.subgroupMembership.findUnique({
      where: { subgroupId_personId: { subgroupId: subgroup.id, personId: person.id } },
      select: { isContact: true },
    });
    if (before?.isContact) return false;
    await tx.subgroupMembership.upsert({
      where: { subgroupId_personId: { subgroupId: subgroup.id, personId: person.id } },
      create: { subgroupId: subgroup.id, personId: person.id, isContact: true, joinedAt: deps.now() },
      update: { isContact: true },
    });
    await audit(tx, actor, "subgroup.contact.appoint", { type: "Subgroup", id: subgroup.id }, { personId: person.id });
    return true;
  });
  return ok({ subgroup, person, changed });
}

/** Coordinators: the person stops being a contact but stays a member of the subgroup. */
export async function removeContact(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<ContactChange>> {
  const target = await resolveContactTarget(deps, actor, raw);
  if (!target.ok) return target;
  const { subgroup, person } = target.value;
  const changed = await deps.db.$transaction(async (tx) => {
    const updated = await tx.subgroupMembership.updateMany({
      where: { subgroupId: subgroup.id, personId: person.id, isContact: true },
      data: { isContact: false },
    });
    if (updated.count === 0) return false;
    await audit(tx, actor, "subgroup.contact.remove", { type: "Subgroup", id: subgroup.id }, { personId: person.id });
    return true;
  });
  return ok({ subgroup, person, changed });
}

async function resolveContactTarget(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ subgroup: SubgroupRef; person: PersonRef }>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = contactInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const subgroup = await findSubgroup(deps.db, actor.networkId, parsed.data.subgroup);
  if (!subgroup.ok) return subgroup;
  const person = await findPerson(deps.db, actor.networkId, parsed.data.person);
  if (!person.ok) return person;
  return ok({ subgroup: subgroup.value, person: person.value });
}
