import { expect, it } from "vitest";
import type { Actor } from "../../src/core/actor.js";
import { attendeesSpreadsheet } from "../../src/core/events/attendee-export.js";
import { inviteGuest, respondAsGuest } from "../../src/core/events/guests.js";
import { respondToEvent } from "../../src/core/events/rsvp.js";
import { exportMemberList } from "../../src/core/import/export-members.js";
import { personDataSpreadsheet } from "../../src/core/members/person-data-file.js";
import { reportsSpreadsheet } from "../../src/core/reporting/export-reports.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import type { Result } from "../../src/core/result.js";
import { describeEachDatabase } from "../support/databases.js";
import { expectSameTable, readCsv } from "../support/export-files.js";
import { depsFor, fixedNow, seedDemo } from "../support/fixtures.js";

const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.key}`);
  return result.value;
};

// 25 November 2026, 10:00 UTC: 11:00 in Amsterdam (winter time).
const submittedAt = fixedNow;
const later = new Date("2026-11-27T16:30:00Z");

const DUTCH_REPORT_HEADER = ["Netwerk", "Kwartaal", "Werkgever", "Branche", "Regio", "Status", "Nieuwe plaatsingen", "Plaatsingen tot en met kwartaal", "Ambitie", "Versie", "Ingevuld op", "Via", "Opmerking"];
const ENGLISH_REPORT_HEADER = ["Network", "Quarter", "Employer", "Sector", "Region", "Status", "New placements", "Placements up to the quarter", "Ambition", "Version", "Submitted at", "Via", "Remark"];

describeEachDatabase("exports a Dutch coordinator can open", (use) => {
  async function seeded() {
    const { actor } = await seedDemo(use());
    const coordinator = await actor("coordinator");
    const joost = await actor("bakeryHr");
    // Q4 2026: the bakery reports 3 (with a remark Excel would run as a formula), the others not yet.
    unwrap(await submitReport(depsFor(use(), submittedAt), joost, { realised: 3, remark: '=HYPERLINK("http://evil.example","klik")' }, "SLACK"));
    return { actor, coordinator, joost };
  }
  const forLocale = (actor: Actor, locale: "nl" | "en"): Actor => ({ ...actor, locale });

  it("writes the report export as Dutch Excel reads it: ;, BOM, CRLF, Dutch headers, words, local times, a row per quarter not reported", async () => {
    const { coordinator } = await seeded();
    const file = unwrap(await reportsSpreadsheet(depsFor(use()), coordinator));
    expect(file).toMatchObject({ filename: "rapportages-2026-11-25.csv", mimeType: "text/csv; charset=utf-8" });
    const rows = readCsv(file.content);
    expect(rows[0]).toEqual(DUTCH_REPORT_HEADER);
    const q4 = rows.filter((r) => r[1] === "Q4 2026");
    expect(q4.find((r) => r[2] === "Bakkerij De Korenschoof")).toEqual([
      "99vanDemo (Twente, fictief)", "Q4 2026", "Bakkerij De Korenschoof", "Voeding", "Twente", "gerapporteerd", "3", "9", "12", "1", "25-11-2026 11:00", "Slack", `'=HYPERLINK("http://evil.example","klik")`,
    ]);
    // The other five counted in Q4 2026 without reporting: "niet gerapporteerd", never a 0.
    const missing = q4.filter((r) => r[2] !== "Bakkerij De Korenschoof");
    expect(missing).toHaveLength(5);
    for (const row of missing) expect(row.slice(5, 8)).toEqual(["niet gerapporteerd", "niet gerapporteerd", row[7]]);
    expect(missing.find((r) => r[2] === "Zorggroep Dinkel")!.slice(5, 13)).toEqual(["niet gerapporteerd", "niet gerapporteerd", "21", "60", "", "", "", ""]);
    expect(file.reports).toBe(rows.filter((r) => r[5] === "gerapporteerd").length);
  });

  it("writes English headers and words, and ISO-ordered local times, for an English reader", async () => {
    const { coordinator } = await seeded();
    const file = unwrap(await reportsSpreadsheet(depsFor(use()), forLocale(coordinator, "en")));
    expect(file.filename).toBe("reports-2026-11-25.csv");
    const rows = readCsv(file.content);
    expect(rows[0]).toEqual(ENGLISH_REPORT_HEADER);
    expect(rows.find((r) => r[1] === "Q4 2026" && r[2] === "Bakkerij De Korenschoof")!.slice(5, 12)).toEqual(["reported", "3", "9", "12", "1", "2026-11-25 11:00", "Slack"]);
    expect(rows.find((r) => r[1] === "Q4 2026" && r[2] === "Zorggroep Dinkel")!.slice(5, 7)).toEqual(["not reported", "not reported"]);
  });

  it("gives the same report table as .xlsx, numbers as numbers and times as real dates, in both languages", async () => {
    const { coordinator } = await seeded();
    for (const locale of ["nl", "en"] as const) {
      const reader = forLocale(coordinator, locale);
      const csv = unwrap(await reportsSpreadsheet(depsFor(use()), reader));
      const xlsx = unwrap(await reportsSpreadsheet(depsFor(use()), reader, { format: "xlsx" }));
      expect(xlsx).toMatchObject({ filename: locale === "nl" ? "rapportages-2026-11-25.xlsx" : "reports-2026-11-25.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
      const { xlsx: sheet } = await expectSameTable(csv.content, xlsx.content, locale);
      const bakery = sheet.rows.findIndex((r) => r[1] === "Q4 2026" && r[2] === "Bakkerij De Korenschoof");
      const row = sheet.rows[bakery]!;
      expect(row.slice(6, 10)).toEqual([3, 9, 12, 1]);
      // The wall-clock time in Amsterdam, shown with the reader's date order.
      expect(row[10]).toEqual(new Date(Date.UTC(2026, 10, 25, 11, 0)));
      expect(sheet.numFmts[bakery]![10]).toBe(locale === "nl" ? "dd-mm-yyyy hh:mm" : "yyyy-mm-dd hh:mm");
      // Text, not a formula: exceljs reads it back as the string it is.
      expect(row[12]).toBe('=HYPERLINK("http://evil.example","klik")');
    }
  });

  it("makes the same bytes for the same data whatever the clock says (the .xlsx carries no moment of writing)", async () => {
    const { coordinator } = await seeded();
    for (const format of ["csv", "xlsx"] as const) {
      const first = unwrap(await reportsSpreadsheet(depsFor(use(), fixedNow), coordinator, { format }));
      const second = unwrap(await reportsSpreadsheet(depsFor(use(), later), coordinator, { format }));
      expect(Buffer.from(second.content).equals(Buffer.from(first.content))).toBe(true);
    }
  });

  it("writes an evenement's attendee list with answers and kinds in words, guests marked, in CSV and .xlsx", async () => {
    const { actor, coordinator, joost } = await seeded();
    unwrap(await respondToEvent(depsFor(use(), submittedAt), joost, { number: 1, response: "ja" }));
    unwrap(await respondToEvent(depsFor(use(), later), await actor("logisticsHr"), { number: 1, response: "misschien" }));
    unwrap(await respondToEvent(depsFor(use(), later), await actor("careBuyer"), { number: 1, response: "nee" }));
    const guest = unwrap(await inviteGuest(depsFor(use()), coordinator, { number: 1, email: "wethouder@gemeente.example", name: "Wethouder Jansen" }));
    unwrap(await respondAsGuest(depsFor(use(), later), guest.guestId, "YES"));

    const csv = unwrap(await attendeesSpreadsheet(depsFor(use()), coordinator, { number: "1" }));
    expect(csv.filename).toBe("deelnemers-1.csv");
    const rows = readCsv(csv.content);
    expect(rows).toEqual([
      ["Naam", "Werkgever", "Antwoord", "Geantwoord op", "Soort"],
      ["Joost Bakker", "Bakkerij De Korenschoof", "Ja", "25-11-2026 11:00", "Lid"],
      ["Mo Yilmaz", "Hengelo Logistiek BV", "Misschien", "27-11-2026 17:30", "Lid"],
      ["Fleur Jansen", "Zorggroep Dinkel", "Nee", "27-11-2026 17:30", "Lid"],
      ["Wethouder Jansen", "", "Ja", "27-11-2026 17:30", "Gast"],
    ]);
    const english = unwrap(await attendeesSpreadsheet(depsFor(use()), forLocale(coordinator, "en"), { number: "1" }));
    expect(readCsv(english.content)[0]).toEqual(["Name", "Employer", "Answer", "Answered at", "Kind"]);
    expect(readCsv(english.content)[4]).toEqual(["Wethouder Jansen", "", "Yes", "2026-11-27 17:30", "Guest"]);
    for (const locale of ["nl", "en"] as const) {
      const reader = forLocale(coordinator, locale);
      const pair = await Promise.all([attendeesSpreadsheet(depsFor(use()), reader, { number: "1" }), attendeesSpreadsheet(depsFor(use()), reader, { number: "1", format: "xlsx" })]);
      const { xlsx } = await expectSameTable(unwrap(pair[0]).content, unwrap(pair[1]).content, locale);
      expect(xlsx.rows[1]![3]).toEqual(new Date(Date.UTC(2026, 10, 25, 11, 0)));
    }
    expect(await attendeesSpreadsheet(depsFor(use()), joost, { number: "1" })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
  });

  it("writes a person's data (AVG) as rows of part, what, value, date, in words, as CSV and .xlsx; JSON stays for other programs", async () => {
    const { joost } = await seeded();
    unwrap(await respondToEvent(depsFor(use(), submittedAt), joost, { number: 1, response: "ja" }));
    const csv = unwrap(await personDataSpreadsheet(depsFor(use()), joost));
    expect(csv.filename).toBe("gegevens-2026-11-25.csv");
    const rows = readCsv(csv.content);
    expect(rows[0]).toEqual(["Onderdeel", "Wat", "Waarde", "Datum", "Toelichting"]);
    expect(rows).toContainEqual(["Persoon", "Naam", "Joost Bakker", "", ""]);
    expect(rows).toContainEqual(["Persoon", "Rapporteert", "Ja", "", ""]);
    expect(rows).toContainEqual(["Persoon", "Rol", "lid", "", ""]);
    expect(rows).toContainEqual(["Aanmelding", "#1 Praktijktafel met de wethouder Werk en Inkomen (16-12-2026 15:00)", "Ja", "25-11-2026 11:00", ""]);
    expect(rows).toContainEqual(["Rapportage", "Bakkerij De Korenschoof, Q4 2026, versie 1", "3", "25-11-2026 11:00", `via Slack; opmerking: =HYPERLINK("http://evil.example","klik")`]);
    expect(rows).toContainEqual(["Export", "Gemaakt op", "", "25-11-2026 11:00", ""]);
    const xlsx = unwrap(await personDataSpreadsheet(depsFor(use()), joost, { format: "xlsx" }));
    const { xlsx: sheet } = await expectSameTable(csv.content, xlsx.content, "nl");
    expect(sheet.rows.find((r) => r[0] === "Rapportage")![2]).toBe(3);
    const english = readCsv(unwrap(await personDataSpreadsheet(depsFor(use()), joost, { locale: "en" })).content);
    expect(english).toContainEqual(["Person", "Reports", "Yes", "", ""]);
    const json = unwrap(await personDataSpreadsheet(depsFor(use()), joost, { format: "json" }));
    expect(json).toMatchObject({ filename: "gegevens-2026-11-25.json", mimeType: "application/json" });
    expect(JSON.parse(String(json.content)).person).toMatchObject({ name: "Joost Bakker" });
  });

  it("gives the member list the same table in CSV and .xlsx, in both languages", async () => {
    const { coordinator } = await seeded();
    for (const locale of ["nl", "en"] as const) {
      const csv = unwrap(await exportMemberList(depsFor(use()), coordinator, { locale }));
      const xlsx = unwrap(await exportMemberList(depsFor(use()), coordinator, { locale, format: "xlsx" }));
      await expectSameTable(csv.content, xlsx.content, locale);
    }
  });
});
