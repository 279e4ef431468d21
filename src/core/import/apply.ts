import type { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";
import { audit } from "../shared/audit.js";
import type { EmployerRef, FieldChange, ImportPlan, PersonField } from "./plan.js";
import { employerKey, type EmployerField } from "./rows.js";

// PostgreSQL takes at most 65,535 parameters in one statement; a person row has about twenty.
const INSERT_CHUNK = 1_000;

export interface AppliedCounts {
  employersAdded: number;
  employersUpdated: number;
  peopleAdded: number;
  peopleUpdated: number;
}

/** Writes a checked plan inside the caller's transaction; returns the new people's ids (for their welcome). */
export async function writePlan(tx: Prisma.TransactionClient, actor: Actor, plan: ImportPlan, now: Date): Promise<{ counts: AppliedCounts; createdPersonIds: string[] }> {
  const employerIds = await addEmployers(tx, actor.networkId, plan, now);
  const idOf = (ref: EmployerRef | null) => (ref ? ref.id ?? employerIds.get(employerKey(ref.name))! : null);

  for (const { ids, data } of sameChanges(plan.employers.update.map((u) => ({ id: u.id, data: employerData(u.changes) })))) {
    await tx.employer.updateMany({ where: { id: { in: ids } }, data });
    if (typeof data.ambition === "number") await ambitionHistoryOf(tx, ids, data.ambition, actor, now);
  }
  const createdPersonIds: string[] = [];
  for (let i = 0; i < plan.people.add.length; i += INSERT_CHUNK) {
    const created = await tx.person.createManyAndReturn({
      data: plan.people.add.slice(i, i + INSERT_CHUNK).map((p) => ({
        networkId: actor.networkId,
        employerId: idOf(p.employer),
        name: p.name,
        email: p.email,
        function: p.function,
        role: p.role,
        reportingContact: p.reportingContact,
        welcomePending: true,
        createdAt: now,
      })),
      select: { id: true },
    });
    createdPersonIds.push(...created.map((p) => p.id));
  }
  for (const { ids, data } of sameChanges(plan.people.update.map((u) => ({ id: u.id, data: personData(u.changes, idOf(u.employer)) })))) {
    await tx.person.updateMany({ where: { id: { in: ids } }, data });
  }

  const counts = {
    employersAdded: plan.employers.add.length,
    employersUpdated: plan.employers.update.length,
    peopleAdded: plan.people.add.length,
    peopleUpdated: plan.people.update.length,
  };
  // Counts only: the audit log outlives an erasure, so it never holds a name or an address.
  await audit(tx, actor, "members.import", { type: "Network", id: actor.networkId }, { format: plan.format, rows: plan.rows, ...counts }, now);
  return { counts, createdPersonIds };
}

async function addEmployers(tx: Prisma.TransactionClient, networkId: string, plan: ImportPlan, now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < plan.employers.add.length; i += INSERT_CHUNK) {
    const created = await tx.employer.createManyAndReturn({
      data: plan.employers.add.slice(i, i + INSERT_CHUNK).map((e) => ({ networkId, name: e.name, ...e.fields, createdAt: now, joinedAt: now })),
      select: { id: true, name: true, ambition: true },
    });
    for (const employer of created) ids.set(employerKey(employer.name), employer.id);
    await tx.employerAmbitionChange.createMany({
      data: created.map((e) => ({ employerId: e.id, ambition: e.ambition, source: "PROFILE" as const, changedAt: now })),
    });
  }
  return ids;
}

// The employers were updated in one statement; their ambition history gets one row each.
async function ambitionHistoryOf(tx: Prisma.TransactionClient, employerIds: string[], ambition: number, actor: Actor, now: Date) {
  const employers = await tx.employer.findMany({ where: { id: { in: employerIds } }, select: { id: true, ambitionTargetDate: true } });
  await tx.employerAmbitionChange.createMany({
    data: employers.map((e) => ({ employerId: e.id, ambition, targetDate: e.ambitionTargetDate, source: "PROFILE" as const, changedById: actor.personId, changedAt: now })),
  });
}

/**
 * Rows that change the same way (reporting contact off, moved to one employer) are updated in
 * one statement: an edited list often flips one column for hundreds of people, and one UPDATE
 * per row is what makes such a file slow. Names differ per person and stay one statement each.
 */
function sameChanges<T extends object>(updates: Array<{ id: string; data: T }>): Array<{ ids: string[]; data: T }> {
  const groups = new Map<string, { ids: string[]; data: T }>();
  for (const { id, data } of updates) {
    const key = JSON.stringify(data);
    const group = groups.get(key);
    if (group) group.ids.push(id);
    else groups.set(key, { ids: [id], data });
  }
  return [...groups.values()];
}

function employerData(changes: Array<FieldChange<EmployerField>>): Prisma.EmployerUpdateManyMutationInput {
  return Object.fromEntries(changes.map((c) => [c.field, c.to]));
}

function personData(changes: Array<FieldChange<PersonField>>, employerId: string | null): Prisma.PersonUncheckedUpdateManyInput {
  const data: Record<string, unknown> = {};
  for (const change of changes) {
    if (change.field === "employer") data.employerId = employerId;
    else data[change.field] = change.to;
  }
  return data;
}
