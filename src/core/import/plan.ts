import { createHash } from "node:crypto";
import type { Offer, PersonFunction, Role, SizeBand } from "../../generated/prisma/enums.js";
import type { Actor } from "../actor.js";
import { columnHeader } from "./columns.js";
import type { EmployerRecord, NetworkMembers, PersonRecord } from "./member-list.js";
import type { SheetFormat } from "./read-file.js";
import { columnOfField, emailKey, employerKey, type BadRow, type EmployerCells, type EmployerField, type ImportRow, type ParsedRows, type RowProblem } from "./rows.js";

export type ChangeValue = string | number | boolean | null | Offer[];
export interface FieldChange<F extends string = string> {
  field: F;
  from: ChangeValue;
  to: ChangeValue;
}

export type PersonField = "name" | "function" | "role" | "reportingContact" | "employer";
/** Where a person goes: an employer on file (id), or one this import adds (by name only). */
export type EmployerRef = { id: string | null; name: string };

export interface EmployerAdd {
  row: number;
  name: string;
  fields: { branche: string; sizeBand: SizeBand; location: string; region: string; offers: Offer[]; ambition: number };
}
export interface PersonAdd {
  row: number;
  name: string;
  email: string;
  function: PersonFunction;
  role: Role;
  reportingContact: boolean;
  employer: EmployerRef | null;
}

/** What an import would change, and what it would leave alone or could not read. */
export interface ImportPlan {
  format: SheetFormat;
  /** Rows below the header with something in them. */
  rows: number;
  unknownColumns: string[];
  employers: {
    add: EmployerAdd[];
    update: Array<{ id: string; name: string; row: number; changes: Array<FieldChange<EmployerField>> }>;
    unchanged: number;
    /** Archived employers in the file: their rows are skipped, never revived (see planImport). */
    archived: Array<{ name: string; rows: number[] }>;
    notInFile: string[];
  };
  people: {
    add: PersonAdd[];
    update: Array<{ id: string; name: string; email: string; row: number; changes: Array<FieldChange<PersonField>>; employer: EmployerRef | null }>;
    unchanged: number;
    notInFile: Array<{ name: string; email: string; employer: string | null }>;
  };
  badRows: BadRow[];
  /** Fingerprint of what applying would write: apply refuses when it no longer matches what was shown. */
  digest: string;
}

const NEW_EMPLOYER_FIELDS: EmployerField[] = ["branche", "sizeBand", "location", "region"];
const EMPLOYER_FIELDS: EmployerField[] = ["branche", "sizeBand", "location", "region", "offers", "ambition"];

export const hasChanges = (plan: ImportPlan) =>
  plan.employers.add.length + plan.employers.update.length + plan.people.add.length + plan.people.update.length > 0;

interface Group {
  key: string;
  name: string;
  rows: ImportRow[];
  fields: EmployerCells;
}

/**
 * Compares the file with the network's member list. People are matched by address, employers
 * by name (both ignoring case and spacing). Nothing is deleted: what the file lacks is listed.
 * An archived employer is not brought back by a row that names it (a stale copy of the list
 * would otherwise revive every employer archived since): its rows are listed and skipped, and
 * restoring it stays a deliberate act of a coordinator.
 */
export function planImport(parsed: ParsedRows, members: NetworkMembers, actor: Actor, format: SheetFormat): ImportPlan {
  const plan: ImportPlan = {
    format,
    rows: parsed.rows.length + parsed.badRows.length,
    unknownColumns: parsed.unknownColumns,
    employers: { add: [], update: [], unchanged: 0, archived: [], notInFile: [] },
    people: { add: [], update: [], unchanged: 0, notInFile: [] },
    badRows: [...parsed.badRows],
    digest: "",
  };
  const onFile = indexBy(members.employers, (e) => employerKey(e.name));
  const resolved = new Map<string, EmployerRef>();
  const skipped = new Set<ImportRow>();

  for (const group of groupByEmployer(parsed.rows)) {
    const matches = onFile.get(group.key) ?? [];
    const existing = matches[0];
    if (matches.length > 1) reject(plan, skipped, group.rows, { message: { key: "import.row.ambiguousEmployer", params: { name: group.name } } });
    else if (existing?.archivedAt) {
      plan.employers.archived.push({ name: existing.name, rows: group.rows.map((r) => r.row) });
      group.rows.forEach((r) => skipped.add(r));
    } else if (existing) {
      resolved.set(group.key, { id: existing.id, name: existing.name });
      const changes = employerChanges(existing, group.fields);
      if (changes.length > 0) plan.employers.update.push({ id: existing.id, name: existing.name, row: group.rows[0]!.row, changes });
      else plan.employers.unchanged++;
    } else {
      const missing = NEW_EMPLOYER_FIELDS.filter((field) => group.fields[field] === undefined);
      const columns = missing.map((field) => columnLabel(parsed, field)).join(", ");
      if (missing.length > 0) reject(plan, skipped, group.rows, { message: { key: "import.row.newEmployerIncomplete", params: { name: group.name, columns } } });
      else {
        resolved.set(group.key, { id: null, name: group.name });
        const { branche, sizeBand, location, region, offers = [], ambition = 0 } = group.fields;
        plan.employers.add.push({ row: group.rows[0]!.row, name: group.name, fields: { branche: branche!, sizeBand: sizeBand!, location: location!, region: region!, offers, ambition } });
      }
    }
  }

  const peopleOnFile = new Map(members.people.map((p) => [emailKey(p.email), p] as const));
  const employerNames = new Map(members.employers.map((e) => [e.id, e.name] as const));
  for (const row of parsed.rows) {
    if (!row.person || skipped.has(row)) continue;
    const target = row.employer.name ? resolved.get(employerKey(row.employer.name))! : null;
    const existing = peopleOnFile.get(emailKey(row.person.email));
    const problem = existing ? ownRoleProblem(existing, row, actor) : newPersonProblem(row, target);
    if (problem) reject(plan, skipped, [row], problem);
    else if (!existing) plan.people.add.push(personAdd(row, target));
    else {
      const changes = personChanges(existing, row, target, employerNames);
      if (changes.length > 0) plan.people.update.push({ id: existing.id, name: existing.name, email: existing.email, row: row.row, changes, employer: target });
      else plan.people.unchanged++;
    }
  }

  listMissing(plan, members, parsed.mentioned);
  plan.badRows.sort((a, b) => a.row - b.row);
  plan.digest = digestOf(plan);
  return plan;
}

function groupByEmployer(rows: ImportRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    if (!row.employer.name) continue;
    const key = employerKey(row.employer.name);
    const group = groups.get(key) ?? { key, name: row.employer.name, rows: [], fields: {} };
    groups.set(key, group);
    group.rows.push(row);
    // Rows were checked to agree, so any row may fill a field another left empty.
    for (const field of EMPLOYER_FIELDS) if (row.employer[field] !== undefined) (group.fields as Record<string, unknown>)[field] ??= row.employer[field];
  }
  return [...groups.values()];
}

function reject(plan: ImportPlan, skipped: Set<ImportRow>, rows: ImportRow[], problem: RowProblem) {
  for (const row of rows) {
    skipped.add(row);
    plan.badRows.push({ row: row.row, problems: [problem] });
  }
}

/** The column as the file names it, or as the template does when the file lacks it. */
function columnLabel(parsed: ParsedRows, field: EmployerField): string {
  const key = columnOfField[field];
  return parsed.labels.get(key) ?? columnHeader(key, "nl");
}


// Offers are a set: "tijd, werkplek" is what the database holds as [WERKPLEK, TIJD].
const same = (a: ChangeValue, b: ChangeValue) => (Array.isArray(a) && Array.isArray(b) ? [...a].sort().join() === [...b].sort().join() : a === b);

function employerChanges(existing: EmployerRecord, fields: EmployerCells): Array<FieldChange<EmployerField>> {
  const changes: Array<FieldChange<EmployerField>> = [];
  for (const field of EMPLOYER_FIELDS) {
    const to = fields[field];
    if (to !== undefined && !same(existing[field], to)) changes.push({ field, from: existing[field], to });
  }
  return changes;
}

function personChanges(existing: PersonRecord, row: ImportRow, target: EmployerRef | null, employerNames: Map<string, string>): Array<FieldChange<PersonField>> {
  const person = row.person!;
  const changes: Array<FieldChange<PersonField>> = [];
  if (person.name !== existing.name) changes.push({ field: "name", from: existing.name, to: person.name });
  for (const field of ["function", "role", "reportingContact"] as const) {
    const to = person[field];
    if (to !== undefined && to !== existing[field]) changes.push({ field, from: existing[field], to });
  }
  if (target && target.id !== existing.employerId) {
    changes.push({ field: "employer", from: existing.employerId ? employerNames.get(existing.employerId) ?? null : null, to: target.name });
  }
  return changes;
}

function personAdd(row: ImportRow, employer: EmployerRef | null): PersonAdd {
  const p = row.person!;
  return { row: row.row, name: p.name, email: emailKey(p.email), function: p.function ?? "OVERIG", role: p.role ?? "MEMBER", reportingContact: p.reportingContact ?? false, employer };
}

/** As when adding a person by hand: a member without an employer cannot report or be found. */
function newPersonProblem(row: ImportRow, employer: EmployerRef | null): RowProblem | undefined {
  if (employer || row.person!.role === "COORDINATOR") return undefined;
  return { message: { key: "import.row.missingEmployer" } };
}

/** A coordinator's own row cannot make them a member: they would lock themselves out mid-import. */
function ownRoleProblem(existing: PersonRecord, row: ImportRow, actor: Actor): RowProblem | undefined {
  if (existing.id !== actor.personId || row.person!.role !== "MEMBER" || existing.role !== "COORDINATOR") return undefined;
  return { message: { key: "import.row.ownRole" } };
}

function listMissing(plan: ImportPlan, members: NetworkMembers, mentioned: ParsedRows["mentioned"]) {
  const archived = new Set(members.employers.filter((e) => e.archivedAt).map((e) => e.id));
  const names = new Map(members.employers.map((e) => [e.id, e.name] as const));
  plan.employers.notInFile = members.employers.filter((e) => !e.archivedAt && !mentioned.employers.has(employerKey(e.name))).map((e) => e.name);
  plan.people.notInFile = members.people
    .filter((p) => !(p.employerId && archived.has(p.employerId)) && !mentioned.emails.has(emailKey(p.email)))
    .map((p) => ({ name: p.name, email: p.email, employer: p.employerId ? names.get(p.employerId) ?? null : null }));
}

function indexBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = index.get(k);
    if (list) list.push(item);
    else index.set(k, [item]);
  }
  return index;
}

function digestOf(plan: ImportPlan): string {
  const { employers, people, badRows } = plan;
  const writes = { employers: { add: employers.add, update: employers.update, archived: employers.archived }, people: { add: people.add, update: people.update }, badRows };
  return createHash("sha256").update(JSON.stringify(writes)).digest("base64url");
}
