import type { Offer, PersonFunction, Role, SizeBand } from "../../generated/prisma/enums.js";
import { translate, translator, type Locale, type MessageKey, type Translate } from "../../i18n/index.js";
import { columnHeader, type ColumnKey } from "./columns.js";
import type { ChangeValue, FieldChange, ImportPlan, PersonField } from "./plan.js";
import { columnOfField, type EmployerField, type RowProblem } from "./rows.js";
import { cellWords } from "./values.js";

// The plan in words, the same for the command line and the dashboard: sections of short lines.

export type SectionId =
  | "badRows"
  | "employersAdd"
  | "employersUpdate"
  | "employersArchived"
  | "peopleAdd"
  | "peopleUpdate"
  | "employersMissing"
  | "peopleMissing";

export interface PlanSection {
  id: SectionId;
  title: string;
  lines: string[];
  /** Lines left out to keep the page readable (never for bad rows). */
  more: number;
}

export interface PlanDescription {
  /** What was read, unknown columns, unchanged counts. */
  notes: string[];
  sections: PlanSection[];
  /** "Ready to apply", "nothing changes" or "fix the bad rows first". */
  verdict: string;
  canApply: boolean;
}

const personColumn: Record<PersonField, ColumnKey> = { name: "name", function: "function", role: "role", reportingContact: "reports", employer: "employer" };

export function describePlan(plan: ImportPlan, locale: Locale, limit = Infinity): PlanDescription {
  const t = translator(locale);
  const value = valueWords(t, locale);
  const at = (row: number) => t("import.plan.row", { row });
  const changes = <F extends string>(list: Array<FieldChange<F>>, column: (field: F) => ColumnKey) =>
    list.map((c) => `${columnHeader(column(c.field), locale)}: ${value(c.field, c.from)} → ${value(c.field, c.to)}`).join("; ");
  const who = (p: { name: string; email: string }) => `${p.name} <${p.email}>`;
  const { employers, people } = plan;

  const section = (id: SectionId, key: MessageKey, lines: string[], cap = limit): PlanSection => ({
    id,
    title: t(key, { count: lines.length }),
    lines: lines.slice(0, cap),
    more: Math.max(0, lines.length - cap),
  });
  const sections = [
    section("badRows", "import.plan.badRows", plan.badRows.map((b) => `${at(b.row)}: ${b.problems.map((p) => problemText(locale, p)).join(" ")}`), Infinity),
    section("employersAdd", "import.plan.employersAdd", employers.add.map((e) => `${e.name} (${at(e.row)}): ${[e.fields.branche, value("sizeBand", e.fields.sizeBand), e.fields.location, e.fields.region, value("offers", e.fields.offers), `${columnHeader("ambition", locale)} ${e.fields.ambition}`].filter(Boolean).join(", ")}`)),
    section("employersUpdate", "import.plan.employersUpdate", employers.update.map((e) => `${e.name} (${at(e.row)}): ${changes(e.changes, (f) => columnOfField[f])}`)),
    section("employersArchived", "import.plan.employersArchived", employers.archived.map((e) => `${e.name} (${t("import.plan.rows", { count: e.rows.length, rowNumbers: e.rows.join(", ") })})`)),
    section("peopleAdd", "import.plan.peopleAdd", people.add.map((p) => `${who(p)}, ${p.employer?.name ?? t("import.plan.noEmployer")} (${at(p.row)}): ${[value("function", p.function), value("role", p.role), `${columnHeader("reports", locale)} ${value("reportingContact", p.reportingContact)}`].join(", ")}`)),
    section("peopleUpdate", "import.plan.peopleUpdate", people.update.map((p) => `${who(p)} (${at(p.row)}): ${changes(p.changes, (f) => personColumn[f])}`)),
    section("employersMissing", "import.plan.employersMissing", employers.notInFile),
    section("peopleMissing", "import.plan.peopleMissing", people.notInFile.map((p) => `${who(p)}, ${p.employer ?? t("import.plan.noEmployer")}`)),
  ].filter((s) => s.lines.length > 0);

  const notes = [t("import.plan.read", { rows: plan.rows, format: plan.format === "xlsx" ? "Excel (.xlsx)" : "CSV" })];
  if (plan.unknownColumns.length > 0) notes.push(t("import.plan.unknownColumns", { columns: plan.unknownColumns.join(", ") }));
  if (employers.unchanged > 0) notes.push(t("import.plan.employersUnchanged", { count: employers.unchanged }));
  if (people.unchanged > 0) notes.push(t("import.plan.peopleUnchanged", { count: people.unchanged }));

  const changing = employers.add.length + employers.update.length + people.add.length + people.update.length > 0;
  const canApply = plan.badRows.length === 0 && changing;
  const verdict = plan.badRows.length > 0 ? t("import.plan.fixFirst", { count: plan.badRows.length }) : changing ? t("import.plan.ready") : t("import.plan.nothing");
  return { notes, sections, verdict, canApply };
}

/** "omvang: Omvang "reuze" ken ik niet. …" — the column as the file names it, then the reason. */
export function problemText(locale: Locale, problem: RowProblem): string {
  const reason = translate(locale, problem.message);
  return problem.column ? `${problem.column}: ${reason}` : reason;
}

function valueWords(t: Translate, locale: Locale) {
  return (field: EmployerField | PersonField | string, value: ChangeValue): string => {
    if (value === null) return "—";
    if (value === "" || (Array.isArray(value) && value.length === 0)) return t("import.plan.empty");
    switch (field) {
      case "sizeBand":
        return cellWords.size(value as SizeBand, locale);
      case "offers":
        return cellWords.offers(value as Offer[], locale);
      case "function":
        return cellWords.function(value as PersonFunction, locale);
      case "role":
        return cellWords.role(value as Role, locale);
      case "reportingContact":
        return cellWords.yesNo(value as boolean, locale);
      default:
        return String(value);
    }
  };
}
