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

  for (const update of plan.employers.update) {
    await tx.employer.update({ where: { id: update.id }, data: employerData(update.changes) });
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
        createdAt: now,
      })),
      select: { id: true },
    });
    createdPersonIds.push(...created.map((p) => p.id));
  }
  for (const update of plan.people.update) {
    await tx.person.update({ where: { id: update.id }, data: personData(update.changes, idOf(update.employer)) });
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
      data: plan.employers.add.slice(i, i + INSERT_CHUNK).map((e) => ({ networkId, name: e.name, ...e.fields, createdAt: now })),
      select: { id: true, name: true },
    });
    for (const employer of created) ids.set(employerKey(employer.name), employer.id);
  }
  return ids;
}

function employerData(changes: Array<FieldChange<EmployerField>>): Prisma.EmployerUpdateInput {
  return Object.fromEntries(changes.map((c) => [c.field, c.to]));
}

function personData(changes: Array<FieldChange<PersonField>>, employerId: string | null): Prisma.PersonUncheckedUpdateInput {
  const data: Record<string, unknown> = {};
  for (const change of changes) {
    if (change.field === "employer") data.employerId = employerId;
    else data[change.field] = change.to;
  }
  return data;
}
