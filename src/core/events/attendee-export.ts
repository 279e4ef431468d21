import { translator, type MessageKey } from "../../i18n/index.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { exportOptions, type ExportOptions, type SpreadsheetFile } from "../exports/schema.js";
import { spreadsheetFile, type Cell } from "../exports/sheet-file.js";
import { invalidInput, ok, type Result } from "../result.js";
import { attendeeList, type AttendeeList } from "./attendees.js";

const COLUMNS = ["name", "employer", "answer", "respondedAt", "kind"] as const;

const answerKey = { YES: "exports.yes", NO: "exports.no", MAYBE: "exports.maybe" } as const satisfies Record<string, MessageKey>;

/**
 * An evenement's attendee list as a file, for chat (`deelnemers 3 export`) and the dashboard
 * alike: who comes, who waits (in order), who might, who declined, then the external guests.
 */
export async function attendeesSpreadsheet(deps: CoreDeps, actor: Actor, raw: { number?: unknown; eventId?: unknown } & ExportOptions): Promise<Result<SpreadsheetFile & { list: AttendeeList }>> {
  const { number, eventId, ...rest } = raw;
  const options = exportOptions.safeParse(rest);
  if (!options.success) return invalidInput(options.error);
  const found = await attendeeList(deps, actor, { number, eventId });
  if (!found.ok) return found;
  const list = found.value;
  const locale = options.data.locale ?? actor.locale;
  const t = translator(locale);
  const member = t("exports.member");
  const rows: Cell[][] = [
    ...list.attending.map((a) => [a.name, a.employer, t("exports.yes"), { at: a.respondedAt }, member]),
    ...list.waitlist.map((a) => [a.name, a.employer, t("exports.waitlist"), { at: a.respondedAt }, member]),
    ...list.maybe.map((a) => [a.name, a.employer, t("exports.maybe"), { at: a.respondedAt }, member]),
    ...list.declined.map((a) => [a.name, a.employer, t("exports.no"), { at: a.respondedAt }, member]),
    // External guests, marked as such: no employer of the network.
    ...list.guests.map((g): Cell[] => [
      g.name,
      null,
      t(g.waitlisted ? "exports.waitlist" : g.response ? answerKey[g.response] : "exports.noAnswer"),
      g.respondedAt ? { at: g.respondedAt } : null,
      t("exports.guest"),
    ]),
  ];
  const network = await deps.db.network.findUniqueOrThrow({ where: { id: list.event.networkId }, select: { timeZone: true } });
  const file = await spreadsheetFile(
    { name: t("exports.attendees.sheet"), header: COLUMNS.map((c) => t(`exports.attendees.${c}`)), rows },
    options.data.format,
    `${t("exports.attendees.fileName")}-${list.event.number}`,
    { locale, timeZone: network.timeZone },
  );
  return ok({ ...file, list });
}
