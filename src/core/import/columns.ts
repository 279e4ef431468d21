import type { Locale } from "../../i18n/index.js";
import { cellWords } from "./values.js";
import type { MemberListRow } from "./member-list.js";
import { translator } from "../../i18n/index.js";
import { csvText } from "../exports/cells.js";

/**
 * The member-list template, in one place: the import reads these columns, the export and the
 * template download write them in this order. A column the export adds for information only
 * (the membership-condition state, for instance) gets `imported: false`: the import then
 * recognises its header and ignores it instead of listing it as unknown.
 */
export type ColumnKey =
  | "employer"
  | "branche"
  | "size"
  | "place"
  | "region"
  | "offers"
  | "ambition"
  | "name"
  | "email"
  | "function"
  | "role"
  | "reports"
  | "condition";

export interface TemplateColumn {
  key: ColumnKey;
  header: Record<Locale, string>;
  /** Other headers coordinators use for the same thing; matched like the headers themselves. */
  aliases: string[];
  imported: boolean;
  /** Written by the export only: the empty template keeps the columns a coordinator fills in. */
  exportOnly?: boolean;
  /** The cell the export writes for one row (numbers stay numbers in .xlsx). */
  cell(row: MemberListRow, locale: Locale, timeZone: string): string | number;
}

const text = (value: string | null | undefined) => value ?? "";

/** "voldaan sinds 01-12-2026": the local date as every other export writes it. Empty where nothing is confirmed. */
function conditionCell(row: MemberListRow, locale: Locale, timeZone: string): string {
  if (!row.condition) return "";
  const date = csvText({ day: row.condition.since }, { locale, timeZone });
  return translator(locale)(row.condition.status === "met" ? "conditions.state.met" : "conditions.state.open", { date });
}

export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { key: "employer", header: { nl: "werkgever", en: "employer" }, aliases: ["organisatie", "bedrijf", "organisation", "organization", "company"], imported: true, cell: (r) => text(r.employer?.name) },
  { key: "branche", header: { nl: "branche", en: "sector" }, aliases: ["branch", "industry"], imported: true, cell: (r) => text(r.employer?.branche) },
  { key: "size", header: { nl: "omvang", en: "size" }, aliases: ["grootte", "aantal medewerkers", "medewerkers", "employees", "headcount"], imported: true, cell: (r, l) => (r.employer ? cellWords.size(r.employer.sizeBand, l) : "") },
  { key: "place", header: { nl: "plaats", en: "place" }, aliases: ["vestigingsplaats", "vestiging", "locatie", "location", "city"], imported: true, cell: (r) => text(r.employer?.location) },
  { key: "region", header: { nl: "regio", en: "region" }, aliases: [], imported: true, cell: (r) => text(r.employer?.region) },
  { key: "offers", header: { nl: "biedt", en: "offers" }, aliases: ["aanbod", "offer"], imported: true, cell: (r, l) => (r.employer ? cellWords.offers(r.employer.offers, l) : "") },
  { key: "ambition", header: { nl: "ambitie", en: "ambition" }, aliases: [], imported: true, cell: (r) => r.employer?.ambition ?? "" },
  { key: "name", header: { nl: "naam", en: "name" }, aliases: ["contactpersoon", "contact", "contact person"], imported: true, cell: (r) => text(r.person?.name) },
  { key: "email", header: { nl: "e-mail", en: "email" }, aliases: ["e-mailadres", "emailadres", "mail", "e-mail address", "email address"], imported: true, cell: (r) => text(r.person?.email) },
  { key: "function", header: { nl: "functie", en: "function" }, aliases: [], imported: true, cell: (r, l) => (r.person ? cellWords.function(r.person.function, l) : "") },
  { key: "role", header: { nl: "rol", en: "role" }, aliases: [], imported: true, cell: (r, l) => (r.person ? cellWords.role(r.person.role, l) : "") },
  { key: "reports", header: { nl: "rapporteert", en: "reports" }, aliases: ["rapportage", "rapporteur", "reporting", "reporting contact"], imported: true, cell: (r, l) => (r.person ? cellWords.yesNo(r.person.reportingContact, l) : "") },
  { key: "condition", header: { nl: "voorwaarde", en: "condition" }, aliases: ["lidmaatschapsvoorwaarde", "membership condition"], imported: false, exportOnly: true, cell: conditionCell },
];

export const TEMPLATE_ONLY_COLUMNS = TEMPLATE_COLUMNS.filter((column) => !column.exportOnly);

/** Without these a row means nothing: who, at which address, for which employer. */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ["employer", "name", "email"];

export const columnHeader = (key: ColumnKey, locale: Locale) => TEMPLATE_COLUMNS.find((c) => c.key === key)!.header[locale];

/** "E-mail adres ", "e_mail" and "Émail" all become "emailadres" / "email": case, accents, spaces and punctuation do not count. */
export function normaliseHeader(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

const byHeader = new Map<string, TemplateColumn>(
  TEMPLATE_COLUMNS.flatMap((column) => [column.header.nl, column.header.en, ...column.aliases].map((h) => [normaliseHeader(h), column] as const)),
);

export interface HeaderMatch {
  /** Index of the cell that holds each recognised, imported column. */
  columns: Map<ColumnKey, number>;
  /** Headers the import does not know, as written in the file. */
  unknown: string[];
  /** Headers that name a column a second time, as written in the file. */
  duplicates: string[];
  /** How the file itself names each column, for messages about a cell. */
  labels: Map<ColumnKey, string>;
}

export function matchHeader(cells: string[]): HeaderMatch {
  const match: HeaderMatch = { columns: new Map(), unknown: [], duplicates: [], labels: new Map() };
  cells.forEach((cell, index) => {
    const label = cell.trim();
    if (label === "") return;
    const column = byHeader.get(normaliseHeader(label));
    if (!column) return void match.unknown.push(label);
    if (!column.imported) return;
    if (match.columns.has(column.key)) return void match.duplicates.push(label);
    match.columns.set(column.key, index);
    match.labels.set(column.key, label);
  });
  return match;
}
