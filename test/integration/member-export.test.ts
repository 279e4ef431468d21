import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { exportMemberList, memberListTemplate } from "../../src/core/import/export-members.js";
import { applyImport, previewImport } from "../../src/core/import/import-members.js";
import type { Result } from "../../src/core/result.js";
import { translate } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { snapshotAll } from "../support/members-fixtures.js";
import { csvOf, DUTCH_HEADER, ENGLISH_HEADER } from "../support/member-sheets.js";

const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.key}`);
  return result.value;
};
const bytes = (content: string | Uint8Array) => (typeof content === "string" ? new TextEncoder().encode(content) : content);

async function xlsxRows(content: Uint8Array, sheet: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(content) as never);
  const rows: string[][] = [];
  workbook.getWorksheet(sheet)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  return rows;
}

describeEachDatabase("member-list export", (use) => {
  const deps = () => depsFor(use());

  it("writes CSV as Dutch Excel does: BOM, ; and CRLF, one row per contact, employer columns beside it", async () => {
    const { actor } = await seedDemo(use());
    const file = unwrap(await exportMemberList(deps(), await actor("coordinator")));
    expect(file.filename).toBe("ledenlijst-99vandemo-2026-11-25.csv");
    const text = file.content as string;
    expect(text.startsWith("\uFEFFwerkgever;branche;omvang;plaats;regio;biedt;ambitie;naam;e-mail;functie;rol;rapporteert\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const rows: string[][] = parse(text, { delimiter: ";", bom: true });
    expect(rows[0]).toEqual(DUTCH_HEADER);
    expect(rows).toContainEqual(["Hengelo Logistiek BV", "Logistiek", "groot", "Hengelo", "Twente", "werkplek", "40", "Mo Yilmaz", "mo.hr@hengelo-logistiek.example", "HR", "lid", "ja"]);
    expect(rows).toContainEqual(["", "", "", "", "", "", "", "Sanne Coördinator", "sanne.coordinator@example.nl", "overig", "coördinator", "nee"]);
    expect(file.rows).toBe(rows.length - 1);
    const audit = await use().prisma.auditLog.findFirstOrThrow({ where: { action: "members.export" }, select: { details: true } });
    expect(audit.details).toEqual({ format: "csv", rows: file.rows });
  });

  it("export → import changes nothing, as CSV and as .xlsx, in Dutch and in English", async () => {
    const { actor } = await seedDemo(use());
    const coordinator = await actor("coordinator");
    // A name Excel would run as a formula is written escaped and read back as it was.
    await use().prisma.person.updateMany({ where: { email: "mo.hr@hengelo-logistiek.example" }, data: { name: "=Mo Yilmaz" } });
    await use().prisma.employer.create({ data: { networkId: coordinator.networkId, name: "Nog Zonder Contact BV", branche: "Bouw", sizeBand: "MICRO", location: "Goor", region: "Twente" } });
    const before = await snapshotAll(use());
    for (const format of ["csv", "xlsx"] as const) {
      for (const locale of ["nl", "en"] as const) {
        const file = unwrap(await exportMemberList(deps(), coordinator, { format, locale }));
        const outcome = unwrap(await applyImport(deps(), coordinator, bytes(file.content)));
        expect({ format, locale, changed: outcome.changed, bad: outcome.plan.badRows, missing: outcome.plan.people.notInFile }).toEqual({ format, locale, changed: false, bad: [], missing: [] });
        expect(outcome.plan.employers.notInFile).toEqual([]);
      }
    }
    const after = await snapshotAll(use());
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect(after.audit - before.audit).toBe(4); // the four exports, no import
  });

  it("an edit made in the exported sheet imports as exactly that edit", async () => {
    const { actor } = await seedDemo(use());
    const coordinator = await actor("coordinator");
    const exported = unwrap(await exportMemberList(deps(), coordinator));
    const rows: string[][] = parse(exported.content as string, { delimiter: ";", bom: true });
    const mo = rows.find((r) => r[8] === "mo.hr@hengelo-logistiek.example")!;
    mo[2] = "1.250";
    mo[11] = "nee";
    const plan = unwrap(await previewImport(deps(), coordinator, csvOf(rows)));
    expect(plan.employers.update.map((u) => [u.name, u.changes])).toEqual([["Hengelo Logistiek BV", [{ field: "sizeBand", from: "LARGE", to: "VERY_LARGE" }]]]);
    expect(plan.people.update.map((u) => [u.email, u.changes])).toEqual([["mo.hr@hengelo-logistiek.example", [{ field: "reportingContact", from: true, to: false }]]]);
    expect(plan.people.add).toEqual([]);
  });

  it("writes .xlsx with the member list on the first sheet and a help sheet that the import does not read", async () => {
    const { actor } = await seedDemo(use());
    const file = unwrap(await exportMemberList(deps(), await actor("coordinator"), { format: "xlsx" }));
    expect(file.filename).toBe("ledenlijst-99vandemo-2026-11-25.xlsx");
    const content = file.content as Uint8Array;
    expect([...content.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const rows = await xlsxRows(content, "Leden");
    expect(rows[0]).toEqual(DUTCH_HEADER);
    expect(rows).toContainEqual(["Zorggroep Dinkel", "Zorg", "zeer groot", "Oldenzaal", "Twente", "werkplek, kennis", "60", "Fleur Jansen", "fleur.inkoop@zorggroep-dinkel.example", "inkoop", "lid", "ja"]);
    const help = await xlsxRows(content, "Uitleg");
    expect(help[0]).toEqual(["Kolom", "Wat erin hoort"]);
    expect(help.map((r) => r[0])).toEqual(expect.arrayContaining(DUTCH_HEADER));
  });

  it("offers the empty template in both formats and languages", async () => {
    const csv = unwrap(await memberListTemplate());
    expect(csv).toMatchObject({ filename: "ledenlijst-sjabloon.csv", content: `\uFEFF${DUTCH_HEADER.join(";")}\r\n` });
    const english = unwrap(await memberListTemplate({ format: "xlsx", locale: "en" }));
    expect(english.filename).toBe("member-list-template.xlsx");
    expect(await xlsxRows(english.content as Uint8Array, "Members")).toEqual([ENGLISH_HEADER]);
  });

  it("is for coordinators only", async () => {
    const { actor } = await seedDemo(use());
    const result = await exportMemberList(deps(), await actor("bakeryHr"));
    expect(result.ok ? "" : translate("nl", result.error)).toBe("Dat mag alleen een netwerkcoördinator.");
  });
});
