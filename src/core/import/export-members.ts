import { translator, type Locale } from "../../i18n/index.js";
import { isCoordinator, type Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { conditionStates } from "../conditions/condition-state.js";
import { TEMPLATE_COLUMNS, TEMPLATE_ONLY_COLUMNS, type TemplateColumn } from "./columns.js";
import { loadNetworkMembers, memberListRows } from "./member-list.js";
import { exportOptions, type ExportOptions, type SpreadsheetFile } from "../exports/schema.js";
import { spreadsheetFile, type SheetContent } from "../exports/sheet-file.js";

export { XLSX_MIME, type SpreadsheetFile } from "../exports/schema.js";

export const exportInput = exportOptions;
export type ExportInput = ExportOptions;

/**
 * The network's member list in the import template, so it can be edited in Excel and imported
 * again: unchanged, it imports as "no changes". Coordinators only; the columns follow the
 * coordinator's language unless another is asked for, and the import reads either.
 */
export async function exportMemberList(deps: CoreDeps, actor: Actor, raw: ExportInput = {}): Promise<Result<SpreadsheetFile & { rows: number }>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = exportInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const locale = parsed.data.locale ?? actor.locale;
  const [network, members] = await Promise.all([
    deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { slug: true, timeZone: true } }),
    loadNetworkMembers(deps.db, actor.networkId),
  ]);
  const states = await conditionStates(deps.db, actor.networkId, await employerDates(deps, actor.networkId));
  const rows = memberListRows(members).map((row) => ({ ...row, condition: row.employer ? states?.byEmployer.get(row.employer.id) ?? null : null }));
  // The condition column only where there is something to confirm: for placement reporting it would stay empty.
  const columns = states ? TEMPLATE_COLUMNS : TEMPLATE_ONLY_COLUMNS;
  const content = sheetContent(locale, columns, rows.map((row) => columns.map((column) => column.cell(row, locale, network.timeZone))));
  // Who took the whole list out, and how much of it: counts only, like every audit row.
  await audit(deps.db, actor, "members.export", { type: "Network", id: actor.networkId }, { format: parsed.data.format, rows: rows.length });
  const date = deps.now().toISOString().slice(0, 10);
  const file = await spreadsheetFile(content, parsed.data.format, `${translator(locale)("import.file.exportName")}-${network.slug}-${date}`, { locale, timeZone: network.timeZone });
  return ok({ ...file, rows: rows.length });
}

/** The empty template with its header row; the .xlsx has a second sheet explaining each column. */
export async function memberListTemplate(raw: ExportInput = {}): Promise<Result<SpreadsheetFile>> {
  const parsed = exportInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const locale = parsed.data.locale ?? "nl";
  return ok(await spreadsheetFile(sheetContent(locale, TEMPLATE_ONLY_COLUMNS, []), parsed.data.format, translator(locale)("import.file.templateName"), { locale, timeZone: "Europe/Amsterdam" }));
}

const employerDates = (deps: CoreDeps, networkId: string) => deps.db.employer.findMany({ where: { networkId, archivedAt: null }, select: { id: true, createdAt: true } });

function sheetContent(locale: Locale, columns: readonly TemplateColumn[], rows: SheetContent["rows"]): SheetContent {
  const t = translator(locale);
  return {
    name: t("import.sheet.name"),
    header: columns.map((column) => column.header[locale]),
    rows,
    help: {
      name: t("import.sheet.helpName"),
      lines: [
        [t("import.sheet.helpColumn"), t("import.sheet.helpMeaning")],
        ...columns.map((column) => [column.header[locale], t(`import.column.${column.key}`)]),
        [],
        [t("import.sheet.helpRules")],
      ],
    },
  };
}
