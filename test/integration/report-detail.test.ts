import { describe, expect, it } from "vitest";
import { banen, banenTenths } from "../../src/core/reporting/detail.js";
import { reportHistory } from "../../src/core/reporting/history.js";
import { periodStatus } from "../../src/core/reporting/period-status.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { issueReportLink, reportLinkForm, submitReportByLink } from "../../src/core/links/index.js";
import { reportPage } from "../../src/platforms/web-forms/pages.js";
import { translator } from "../../src/i18n/index.js";
import { banenText, detailLines, reportDetailText } from "../../src/shared/figures-text.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";

const nl = translator("nl");
const en = translator("en");

describe("banen arithmetic (one baan = 25.5 hours a week)", () => {
  it.each([
    [25.5, 1.0],
    [12.75, 0.5],
    [51, 2.0],
    [38, 1.5], // 1.490… rounds up to 1.5
    [30, 1.2], // 1.176… rounds to 1.2
    [76.5, 3.0],
    [1.27, 0], // 0.0498… rounds down to 0.0
    [1.28, 0.1], // 0.0502… rounds up to 0.1
    [0, 0],
  ])("%s hours a week are %s banen", (hours, expected) => {
    expect(banen(hours)).toBe(expected);
  });

  it("counts more than 25.5 hours as more than one baan", () => {
    expect(banen(32)).toBeGreaterThan(1);
    expect(banenTenths(32)).toBe(13);
  });

  it("shows one decimal with a Dutch decimal comma, and a full stop in English", () => {
    const detail = { hoursPerWeek: 25.5, employment: 1, hiredIn: null, targetGroupYes: null, targetGroupNo: null, targetGroupUnknown: null, internships: null, workExperience: null, trialPlacements: null, bblTrajectories: null };
    expect(reportDetailText(nl, 1, detail)).toBe("1,0 baan (25,5 uur per week) · Dienstverband 1 · inleen 0 · niet opgegeven 0");
    expect(reportDetailText(en, 1, { ...detail, hoursPerWeek: 12.75 })).toBe("0.5 jobs (12.75 hours per week) · Employed 1 · hired in 0 · not given 0");
  });
});

describeEachDatabase("report detail (counts only)", (use) => {
  it("stores the detail with the report and its revision, and a one-line correction of the same figure keeps it", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const deps = depsFor(db);

    const first = await submitReport(deps, joost, { realised: 3, hoursPerWeek: "76,5", employment: "2", hiredIn: "1", targetGroupYes: 2, targetGroupNo: 1, internships: 1, bblTrajectories: 2 }, "SLACK");
    expect(first).toMatchObject({ ok: true, value: { realised: 3, detail: { hoursPerWeek: 76.5, employment: 2, hiredIn: 1, targetGroupYes: 2, targetGroupNo: 1, targetGroupUnknown: null, internships: 1, workExperience: null, bblTrajectories: 2 } } });

    // Same placements, a remark only: the detail stays (the one-line path gives none).
    const remark = await submitReport(deps, joost, { realised: 3, remark: "zomer" }, "TEAMS");
    expect(remark).toMatchObject({ ok: true, value: { version: 2, detail: { hoursPerWeek: 76.5, employment: 2 } } });
    // Other placements: the parts described other people, so they are dropped.
    const changed = await submitReport(deps, joost, { realised: 4 }, "SLACK");
    expect(changed).toMatchObject({ ok: true, value: { version: 3, detail: { hoursPerWeek: null, employment: null, bblTrajectories: null } } });

    const revisions = await db.prisma.placementReportRevision.findMany({
      where: { report: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } } },
      orderBy: { version: "asc" },
      select: { version: true, realised: true, hoursPerWeek: true, employment: true, hiredIn: true, internships: true },
    });
    expect(revisions).toEqual([
      { version: 1, realised: 3, hoursPerWeek: 76.5, employment: 2, hiredIn: 1, internships: 1 },
      { version: 2, realised: 3, hoursPerWeek: 76.5, employment: 2, hiredIn: 1, internships: 1 },
      { version: 3, realised: 4, hoursPerWeek: null, employment: null, hiredIn: null, internships: null },
    ]);
  });

  it("keeps the one-line path as it was: no detail, nothing required", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const result = await submitReport(depsFor(db), joost, { realised: "3" }, "SLACK");
    expect(result).toMatchObject({ ok: true, value: { realised: 3, version: 1, detail: { hoursPerWeek: null, employment: null } } });
    const stored = await db.prisma.placementReport.findFirstOrThrow({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } } });
    expect(stored).toMatchObject({ realised: 3, hoursPerWeek: null, employment: null, hiredIn: null, targetGroupYes: null, internships: null });
  });

  it.each([
    ["split above the placements", { realised: 3, employment: 2, hiredIn: 2 }, ["employment", "hiredIn"], "field.splitTooMany", "Dienstverband en inleen samen (4) is meer dan het aantal plaatsingen (3). Iemand telt maar één keer."],
    ["target group above the placements", { realised: 2, targetGroupYes: 2, targetGroupUnknown: 1 }, ["targetGroupYes", "targetGroupUnknown"], "field.targetGroupTooMany", "Doelgroep ja, niet en onbekend samen (3) is meer dan het aantal plaatsingen (2)."],
    ["more than 60 hours a person", { realised: 2, hoursPerWeek: "120,5" }, ["hoursPerWeek"], "field.hoursTooMany", "Bij 2 plaatsingen kan dat hoogstens 120 uur per week zijn (60 uur per persoon). Vul de uren per week in, niet per maand."],
    ["hours without placements", { realised: 0, hoursPerWeek: 10 }, ["hoursPerWeek"], "field.hoursTooMany", "Bij 0 plaatsingen kan dat hoogstens 0 uur per week zijn (60 uur per persoon). Vul de uren per week in, niet per maand."],
    ["three decimals", { realised: 2, hoursPerWeek: "1.020" }, ["hoursPerWeek"], "field.hours", "Vul een aantal uren per week in, bijvoorbeeld 76,5 (hoogstens twee cijfers achter de komma)."],
    ["negative hours", { realised: 2, hoursPerWeek: -3 }, ["hoursPerWeek"], "field.negative", "Een aantal kan niet negatief zijn."],
    ["a fraction of a person", { realised: 2, employment: "1,5" }, ["employment"], "field.notANumber", "Vul een heel getal in."],
    ["negative trajectories", { realised: 0, internships: -1 }, ["internships"], "field.negative", "Een aantal kan niet negatief zijn."],
  ])("refuses %s with a Dutch error on each field and changes nothing", async (_name, input, fields, key, dutch) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const before = await snapshotCounts(db);

    const result = await submitReport(depsFor(db), joost, input, "SLACK");

    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const field of fields) {
      const message = result.error.fields?.[field];
      expect(message?.key).toBe(key);
      expect(nl(message!.key, message!.params)).toBe(dutch);
    }
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("accepts parts that fill the whole exactly, and 60 hours a person", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const result = await submitReport(depsFor(db), joost, { realised: 2, employment: 1, hiredIn: 1, targetGroupYes: 1, targetGroupNo: 0, targetGroupUnknown: 1, hoursPerWeek: 120 }, "SLACK");
    expect(result.ok).toBe(true);
  });

  it("gives coordinators totals in persons and banen in status and history", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const deps = depsFor(db);
    const coordinator = await actor("coordinator");
    const before = await periodStatus(deps, coordinator);
    if (!before.ok) throw new Error("status failed");

    // Bakery: 3 people, 76.5 h (3,0 banen); logistics: 2 people, 12.75 h given for them; the
    // first report without detail stays out of the banen but counts as persons.
    await submitReport(deps, await actor("bakeryHr"), { realised: 3, hoursPerWeek: "76,5", employment: 2, hiredIn: 1, targetGroupYes: 2, internships: 1 }, "SLACK");
    await submitReport(deps, await actor("logisticsHr"), { realised: 2, hoursPerWeek: "12,75", hiredIn: 2, targetGroupNo: 1, workExperience: 3 }, "TEAMS");

    const status = await periodStatus(deps, coordinator);
    if (!status.ok) throw new Error("status failed");
    const d = status.value.totals.detail;
    const b = before.value.totals.detail;
    expect(d.hoursPerWeek - b.hoursPerWeek).toBeCloseTo(89.25);
    expect(d.peopleWithHours - b.peopleWithHours).toBe(5);
    expect(d.employment - b.employment).toBe(2);
    expect(d.hiredIn - b.hiredIn).toBe(3);
    expect(d.internships - b.internships).toBe(1);
    expect(d.workExperience - b.workExperience).toBe(3);
    // The banen of the summed hours (89.25 / 25.5 = 3.5), not a sum of rounded banen.
    expect(b.hoursPerWeek).toBe(0);
    expect(d.banen).toBe(3.5);
    const persons = status.value.totals.realised;
    expect(banenText(nl, persons, d)).toBe(`3,5 (uren van 5 van ${persons} personen)`);
    expect(detailLines(nl, persons, d)).toEqual([
      `Dienstverband 2 · inleen 3 · niet opgegeven ${persons - 5}`,
      `Doelgroep banenafspraak: ja 2 · niet 1 · onbekend ${persons - 3}`,
      "Trajecten (geen banen): stage 1 · werkervaringsplek 3 · proefplaatsing 0 · BBL 0",
    ]);

    const history = await reportHistory(deps, coordinator, {});
    if (!history.ok) throw new Error("history failed");
    const q4 = history.value.find((q) => q.label === "Q4 2026")!;
    expect(q4.realised).toBe(persons);
    expect(q4.detail).toEqual(d);
  });

  it("takes the optional detail on the e-mail form, refuses a split above the whole, and shows what was given", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const deps = depsFor(db);
    const issued = await issueReportLink(deps, { personId: joost.personId, year: 2026, quarter: 4 });
    if (!issued.ok) throw new Error("no link");
    const token = issued.value.token;

    const blank = await reportLinkForm(deps, token);
    if (!blank.ok) throw new Error("no form");
    // Folded away: the two fields stay the fast path.
    expect(reportPage(blank.value)).toMatch(/<details id="report-detail"><summary>Details toevoegen<\/summary>/);

    const before = await snapshotCounts(db);
    const refused = await submitReportByLink(deps, token, { send: "0", realised: "2", ambition: "12", employment: "2", hiredIn: "1" });
    expect(refused).toMatchObject({ ok: false, error: { fields: { employment: { key: "field.splitTooMany" }, hiredIn: { key: "field.splitTooMany" } } } });
    expect(await snapshotCounts(db)).toEqual(before);

    const sent = await submitReportByLink(deps, token, { send: "0", realised: "2", ambition: "12", hoursPerWeek: "12,75", employment: "1", hiredIn: "", trialPlacements: "1" });
    expect(sent).toMatchObject({ ok: true, value: { report: { realised: 2, detail: { hoursPerWeek: 12.75, employment: 1, hiredIn: null, trialPlacements: 1 } } } });
    const again = await reportLinkForm(deps, token);
    if (!again.ok) throw new Error("no form");
    const html = reportPage(again.value);
    expect(html).toContain('<details id="report-detail" open>');
    expect(html).toContain('name="hoursPerWeek" type="text" inputmode="decimal" maxlength="12" value="12,75"');
    expect(html).toContain('name="employment" type="number" inputmode="numeric" min="0" max="10000" value="1"');
  });
});
