import type { DbClient } from "../../db/database.js";
import type { Offer, PersonFunction, Role, SizeBand } from "../../generated/prisma/enums.js";
import type { ConditionState } from "../conditions/condition-state.js";

/** The employer fields the template carries (challenges, maturity and descriptions stay in the profile). */
export interface EmployerRecord {
  id: string;
  name: string;
  branche: string;
  sizeBand: SizeBand;
  location: string;
  region: string;
  offers: Offer[];
  ambition: number;
  archivedAt: Date | null;
}

export interface PersonRecord {
  id: string;
  name: string;
  email: string;
  function: PersonFunction;
  role: Role;
  reportingContact: boolean;
  employerId: string | null;
}

/** One line of the member list: a contact person beside their employer, or either alone. */
export interface MemberListRow {
  employer: EmployerRecord | null;
  person: PersonRecord | null;
  /** The employer's membership-condition state, in the export only (the import ignores it). */
  condition?: ConditionState | null;
}

export interface NetworkMembers {
  employers: EmployerRecord[];
  /** People with an address on file; erased people have none and are never listed. */
  people: PersonRecord[];
}

const employerSelect = { id: true, name: true, branche: true, sizeBand: true, location: true, region: true, offers: true, ambition: true, archivedAt: true } as const;
const personSelect = { id: true, name: true, email: true, function: true, role: true, reportingContact: true, employerId: true } as const;

export async function loadNetworkMembers(db: DbClient, networkId: string): Promise<NetworkMembers> {
  const [employers, people] = await Promise.all([
    db.employer.findMany({ where: { networkId }, select: employerSelect, orderBy: { name: "asc" } }),
    db.person.findMany({ where: { networkId, erasedAt: null, email: { not: null } }, select: personSelect, orderBy: { name: "asc" } }),
  ]);
  return { employers, people: people.map((p) => ({ ...p, email: p.email! })) };
}

/**
 * The export's rows: every active employer by name, each with its people by name (an employer
 * without contacts gets a row of its own), then the people without an employer (coordinators).
 * Archived employers and their people are left out: they no longer take part.
 */
export function memberListRows({ employers, people }: NetworkMembers): MemberListRow[] {
  const byEmployer = new Map<string, PersonRecord[]>();
  for (const person of people) {
    const key = person.employerId ?? "";
    const list = byEmployer.get(key);
    if (list) list.push(person);
    else byEmployer.set(key, [person]);
  }
  const rows: MemberListRow[] = [];
  for (const employer of employers) {
    if (employer.archivedAt) continue;
    const contacts = byEmployer.get(employer.id) ?? [];
    if (contacts.length === 0) rows.push({ employer, person: null });
    for (const person of contacts) rows.push({ employer, person });
  }
  for (const person of byEmployer.get("") ?? []) rows.push({ employer: null, person });
  return rows;
}
