import type { ZodTypeAny } from "zod";
import type { Offer, PersonFunction, Role, SizeBand } from "../../generated/prisma/enums.js";
import type { Message } from "../../i18n/index.js";
import { addPersonInput, emailField, employerProfileFields } from "../members/schema.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { cleanText, requiredText } from "../shared/fields.js";
import { unescapeCell } from "../shared/spreadsheet-cell.js";
import { matchHeader, REQUIRED_COLUMNS, TEMPLATE_COLUMNS, type ColumnKey, type HeaderMatch } from "./columns.js";
import type { Sheet, SheetRow } from "./read-file.js";
import { cellSchemas } from "./values.js";

export interface EmployerCells {
  name?: string;
  branche?: string;
  sizeBand?: SizeBand;
  location?: string;
  region?: string;
  offers?: Offer[];
  ambition?: number;
}
export type EmployerField = Exclude<keyof EmployerCells, "name">;

export interface PersonCells {
  name: string;
  email: string;
  function?: PersonFunction;
  role?: Role;
  reportingContact?: boolean;
}

/** A row that reads well. An empty cell is absent here: the import never empties a field. */
export interface ImportRow {
  row: number;
  employer: EmployerCells;
  /** Null for a row that holds an employer without a contact person. */
  person: PersonCells | null;
}

export interface RowProblem {
  /** The column as the file names it. */
  column?: string;
  message: Message;
}

export interface BadRow {
  row: number;
  problems: RowProblem[];
}

export interface ParsedRows {
  unknownColumns: string[];
  /** How the file names each column it has, for messages about a cell. */
  labels: Map<ColumnKey, string>;
  rows: ImportRow[];
  badRows: BadRow[];
  /** Every employer name and address in the file, bad rows included: none of them is "missing from the file". */
  mentioned: { employers: Set<string>; emails: Set<string> };
}

/** Employers are the same when their names are, ignoring case and spacing. */
export const employerKey = (name: string) => name.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("nl");
export const emailKey = (email: string) => email.trim().toLowerCase();

// As long as an employer's name may be when added by hand, so every name on file exports and imports back.
const employerName = requiredText(120);

// A title or a blank line above the header is common in hand-kept lists; further down, it is not the header.
const HEADER_SEARCH_ROWS = 10;

type Field = { key: ColumnKey; target: keyof EmployerCells | keyof PersonCells; schema: ZodTypeAny; side: "employer" | "person" };
const fields: Field[] = [
  { key: "employer", target: "name", schema: employerName, side: "employer" },
  { key: "branche", target: "branche", schema: employerProfileFields.shape.branche, side: "employer" },
  { key: "size", target: "sizeBand", schema: cellSchemas.size, side: "employer" },
  { key: "place", target: "location", schema: employerProfileFields.shape.location, side: "employer" },
  { key: "region", target: "region", schema: employerProfileFields.shape.region, side: "employer" },
  { key: "offers", target: "offers", schema: cellSchemas.offers, side: "employer" },
  { key: "ambition", target: "ambition", schema: employerProfileFields.shape.ambition, side: "employer" },
  { key: "name", target: "name", schema: addPersonInput.shape.name, side: "person" },
  { key: "email", target: "email", schema: emailField, side: "person" },
  { key: "function", target: "function", schema: cellSchemas.function, side: "person" },
  { key: "role", target: "role", schema: cellSchemas.role, side: "person" },
  { key: "reports", target: "reportingContact", schema: cellSchemas.yesNo, side: "person" },
];

/** Finds the header, reads every row below it and checks each row on its own and against the others. */
export function parseRows(sheet: Sheet): Result<ParsedRows> {
  const found = findHeader(sheet.rows);
  if (!found.ok) return found;
  const { index, header } = found.value;
  const body = sheet.rows.slice(index + 1);
  if (body.length === 0) return fail("invalid", "import.file.headerOnly");

  const parsed: ParsedRows = { unknownColumns: header.unknown, labels: header.labels, rows: [], badRows: [], mentioned: { employers: new Set(), emails: new Set() } };
  const checks = new FileChecks(header);
  for (const sheetRow of body) {
    const { row, problems } = readRow(sheetRow, header, parsed.mentioned);
    if (!row) continue;
    problems.push(...checks.against(row));
    if (problems.length > 0) parsed.badRows.push({ row: sheetRow.number, problems });
    else parsed.rows.push(row);
  }
  if (parsed.rows.length === 0 && parsed.badRows.length === 0) return fail("invalid", "import.file.headerOnly");
  return ok(parsed);
}

function findHeader(rows: SheetRow[]): Result<{ index: number; header: HeaderMatch }> {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS).map((row) => matchHeader(row.cells));
  const index = candidates.findIndex((c) => REQUIRED_COLUMNS.every((key) => c.columns.has(key)));
  if (index === -1) {
    const first = candidates[0]!;
    const missing = REQUIRED_COLUMNS.filter((key) => !first.columns.has(key)).map(bothHeaders);
    return fail("invalid", "import.file.missingColumns", { count: missing.length, columns: missing.join(", "), found: rows[0]!.cells.filter((c) => c.trim()).join(", ") || "—" });
  }
  const header = candidates[index]!;
  if (header.duplicates.length > 0) return fail("invalid", "import.file.duplicateColumn", { columns: header.duplicates.join(", ") });
  return ok({ index, header });
}

const bothHeaders = (key: ColumnKey) => {
  const column = TEMPLATE_COLUMNS.find((c) => c.key === key)!;
  return `${column.header.nl} (${column.header.en})`;
};

/** One cell as a coordinator meant it: no formula escape, no control characters, one line. */
const cellValue = (raw: string | undefined) => cleanText(unescapeCell((raw ?? "").trim())).replace(/\s+/g, " ");

function readRow(sheetRow: SheetRow, header: HeaderMatch, mentioned: ParsedRows["mentioned"]): { row?: ImportRow; problems: RowProblem[] } {
  const values = new Map<ColumnKey, string>();
  for (const [key, index] of header.columns) {
    const value = cellValue(sheetRow.cells[index]);
    if (value !== "") values.set(key, value);
  }
  if (values.size === 0) return { problems: [] };
  const employerName = values.get("employer");
  const email = values.get("email");
  if (employerName) mentioned.employers.add(employerKey(employerName));
  if (email) mentioned.emails.add(emailKey(email));

  const problems: RowProblem[] = [];
  const employer: Record<string, unknown> = {};
  const person: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values.get(field.key);
    if (value === undefined) continue;
    const result = field.schema.safeParse(value);
    if (result.success) (field.side === "employer" ? employer : person)[field.target] = result.data;
    else problems.push({ column: header.labels.get(field.key), message: cellMessage(result.error, value) });
  }
  const hasPerson = values.has("name") || values.has("email");
  if (hasPerson && !values.has("name")) problems.push({ column: header.labels.get("name"), message: { key: "import.row.missingName" } });
  if (hasPerson && !values.has("email")) problems.push({ column: header.labels.get("email"), message: { key: "import.row.missingEmail" } });
  if (!hasPerson && !employerName) problems.push({ column: header.labels.get("employer"), message: { key: "import.row.missingEmployer" } });
  const row: ImportRow = { row: sheetRow.number, employer: employer as EmployerCells, person: hasPerson ? (person as unknown as PersonCells) : null };
  return { row, problems };
}

function cellMessage(error: Parameters<typeof invalidInput>[0], value: string): Message {
  const custom = error.issues.find((issue) => issue.message.startsWith("import."));
  if (custom) return { key: custom.message as Message["key"], params: { value } };
  const message = invalidInput(error).error.fields?._ ?? { key: "field.invalid" };
  return message.key === "field.invalidEmail" ? { key: "import.row.invalidEmail", params: { value } } : message;
}

/** What no single row shows: an address twice, or one employer described two ways. */
class FileChecks {
  private readonly emails = new Map<string, number>();
  private readonly employerValues = new Map<string, Map<EmployerField, { value: string; row: number }>>();

  constructor(private readonly header: HeaderMatch) {}

  against(row: ImportRow): RowProblem[] {
    const problems: RowProblem[] = [];
    if (row.person?.email) {
      const key = emailKey(row.person.email);
      const first = this.emails.get(key);
      if (first === undefined) this.emails.set(key, row.row);
      else problems.push({ column: this.header.labels.get("email"), message: { key: "import.row.duplicateEmail", params: { row: first } } });
    }
    if (row.employer.name) problems.push(...this.sameEmployer(employerKey(row.employer.name), row));
    return problems;
  }

  private sameEmployer(key: string, row: ImportRow): RowProblem[] {
    const seen = this.employerValues.get(key) ?? new Map<EmployerField, { value: string; row: number }>();
    this.employerValues.set(key, seen);
    const problems: RowProblem[] = [];
    for (const [field, value] of Object.entries(row.employer) as Array<[keyof EmployerCells, unknown]>) {
      if (field === "name") continue;
      const text = Array.isArray(value) ? value.join(",") : String(value);
      const earlier = seen.get(field);
      if (!earlier) seen.set(field, { value: text, row: row.row });
      else if (earlier.value !== text) {
        problems.push({ column: this.header.labels.get(columnOfField[field as EmployerField]), message: { key: "import.row.conflictingEmployer", params: { row: earlier.row } } });
      }
    }
    return problems;
  }
}

export const columnOfField: Record<EmployerField, ColumnKey> = { branche: "branche", sizeBand: "size", location: "place", region: "region", offers: "offers", ambition: "ambition" };
