import { z } from "zod";
import { translator, type Locale, type Translate } from "../../i18n/index.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { csvText, type Cell } from "../exports/cells.js";
import type { SpreadsheetFile } from "../exports/schema.js";
import { spreadsheetFile } from "../exports/sheet-file.js";
import { cellWords } from "../import/values.js";
import { invalidInput, ok, type Result } from "../result.js";
import { exportPersonData, type PersonDataExport } from "./export-data.js";

const input = z.object({
  person: z.unknown().optional(),
  // CSV and Excel to read; JSON, the same data for another program (the right to data portability).
  format: z.enum(["csv", "xlsx", "json"], { errorMap: () => ({ message: "members.export.format" }) }).default("csv"),
  locale: z.enum(["nl", "en"]).optional(),
});

const COLUMNS = ["part", "item", "value", "date", "detail"] as const;
type Row = [part: string, item: string, value: Cell, date: Cell, detail: Cell];

/**
 * Everything the bot keeps about one person (exportPersonData) as one file: chat's `mijn
 * gegevens [xlsx|json]` and the dashboard's download are this function, so the same bytes. One
 * row per fact (part, what, value, date, details), so CSV and Excel carry the same columns.
 */
export async function personDataSpreadsheet(deps: CoreDeps, actor: Actor, raw: z.input<typeof input> = {}): Promise<Result<SpreadsheetFile & { data: PersonDataExport }>> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { person, format } = parsed.data;
  const result = await exportPersonData(deps, actor, person === undefined ? {} : { person });
  if (!result.ok) return result;
  const data = result.value;
  const locale = parsed.data.locale ?? actor.locale;
  const t = translator(locale);
  const date = deps.now().toISOString().slice(0, 10);
  const basename = `${t("exports.person.fileName")}-${date}`;
  if (format === "json") return ok({ filename: `${basename}.json`, mimeType: "application/json", content: JSON.stringify(data, null, 2), data });
  const network = await deps.db.person.findUniqueOrThrow({ where: { id: data.person.id }, select: { network: { select: { timeZone: true } } } });
  const style = { locale, timeZone: network.network.timeZone };
  const file = await spreadsheetFile(
    { name: t("exports.person.sheet"), header: COLUMNS.map((c) => t(`exports.person.${c}`)), rows: rowsOf(data, t, locale, (cell) => csvText(cell, style)) },
    format,
    basename,
    style,
  );
  return ok({ ...file, data });
}

type PersonRecord = PersonDataExport["person"] & Record<string, unknown>;

function rowsOf(data: PersonDataExport, t: Translate, locale: Locale, text: (cell: Cell) => string): Row[] {
  const p = data.person as PersonRecord;
  const yesNo = (b: boolean) => t(b ? "exports.yes" : "exports.no");
  const at = (d: Date | string | null | undefined): Cell => (d ? { at: new Date(d) } : null);
  const person = (key: Parameters<typeof personItem>[0], value: Cell): Row => [t("exports.person.part.person"), personItem(key, t), value, null, null];
  const hours = typeof p.quietHoursStart === "number" && typeof p.quietHoursEnd === "number" ? `${pad(p.quietHoursStart)}:00–${pad(p.quietHoursEnd)}:00` : null;
  const via = (platform: string) => t(`exports.platform.${platform as "SLACK" | "TEAMS" | "WEB" | "EMAIL"}`);
  return [
    person("name", p.name),
    person("email", p.email),
    person("function", p.function ? cellWords.function(p.function as never, locale) : null),
    person("jobTitle", (p.jobTitle as string | null) ?? null),
    person("role", cellWords.role(p.role as never, locale)),
    person("locale", p.locale ? t(`exports.locale.${p.locale as Locale}`) : t("exports.locale.default")),
    person("reportingContact", yesNo(Boolean(p.reportingContact))),
    person("quietHours", hours),
    person("snoozedUntil", at(p.snoozedUntil as Date | null)),
    person("channel", p.channel ? via(p.channel as string) : t("exports.channel.auto")),
    person("emailFailingSince", at(p.emailFailingSince as Date | null)),
    person("emailFailure", (p.emailFailure as string | null) ?? null),
    person("createdAt", at(p.createdAt as Date)),
    person("network", p.network as string),
    person("employer", (p.employer as string | null) ?? null),
    ...data.identities.map((i): Row => [t("exports.person.part.identity"), via(i.platform), i.externalUserId, at(i.linkedAt), i.tenantId]),
    ...data.subgroupMemberships.map((m): Row => [t("exports.person.part.subgroup"), m.subgroup, t(m.isContact ? "exports.person.contact" : "exports.person.subgroupMember"), at(m.joinedAt), null]),
    ...data.rsvps.map((r): Row => [t("exports.person.part.rsvp"), `${t("exports.person.eventItem", { number: r.event, title: r.title })} (${text(at(r.startsAt))})`, answer(t, r.response, r.waitlisted), at(r.respondedAt), null]),
    ...data.rsvpHistory.map((h): Row => [t("exports.person.part.rsvpHistory"), t("exports.person.eventItem", { number: h.event, title: h.title }), answer(t, h.response, h.waitlisted), at(h.at), null]),
    ...data.reportsSubmitted.map((r): Row => [
      t("exports.person.part.report"),
      t("exports.person.reportItem", { employer: r.employer, quarter: r.quarter, version: r.version }),
      r.realised,
      at(r.submittedAt),
      r.remark ? t("exports.person.viaRemark", { via: via(r.submittedVia), remark: r.remark }) : t("exports.person.via", { via: via(r.submittedVia) }),
    ]),
    ...data.eventsCreated.map((e): Row => [t("exports.person.part.event"), t("exports.person.eventItem", { number: e.number, title: e.title }), null, at(e.createdAt), null]),
    ...data.ambitionsSet.map((a): Row => [t("exports.person.part.ambition"), a.employer, a.ambition, at(a.changedAt), a.targetDate ? t("exports.person.targetDate", { date: text({ day: a.targetDate }) }) : null]),
    [t("exports.person.part.export"), t("exports.person.exportedAt"), null, at(data.exportedAt), null],
  ];
}

const pad = (n: number) => String(n).padStart(2, "0");

const personItems = ["name", "email", "function", "jobTitle", "role", "locale", "reportingContact", "quietHours", "snoozedUntil", "channel", "emailFailingSince", "emailFailure", "createdAt", "network", "employer"] as const;
function personItem(key: (typeof personItems)[number], t: Translate): string {
  return t(`exports.person.${key}`);
}

function answer(t: Translate, response: string, waitlisted: boolean): string {
  if (waitlisted) return t("exports.waitlist");
  return t(response === "YES" ? "exports.yes" : response === "MAYBE" ? "exports.maybe" : "exports.no");
}
