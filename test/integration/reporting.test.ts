import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { myReports } from "../../src/core/reporting/my-reports.js";
import { periodStatus } from "../../src/core/reporting/period-status.js";
import { reportHistory } from "../../src/core/reporting/history.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";

const nl = translator("nl");

describeEachDatabase("reporting", (use) => {
  it("stores this quarter's report for the member's own employer", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");

    const result = await submitReport(depsFor(db), joost, { realised: "3", ambition: 12, remark: " zomerbanen " }, "SLACK");

    expect(result).toMatchObject({ ok: true, value: { label: "Q4 2026", realised: 3, ambition: 12, version: 1, corrected: false } });
    const stored = await db.prisma.placementReport.findFirstOrThrow({
      where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } },
    });
    expect(stored).toMatchObject({ realised: 3, remark: "zomerbanen", submittedById: joost.personId, submittedVia: "SLACK" });
    // The ambition is the employer's (issue 12), unchanged by a report giving the same value.
    expect(await db.prisma.employer.findUniqueOrThrow({ where: { id: joost.employerId! }, select: { ambition: true } })).toEqual({ ambition: 12 });
  });

  it("keeps the earlier version when a report is corrected", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const els = await actor("bakeryDirector");

    await submitReport(depsFor(db), joost, { realised: 3, ambition: 12 }, "SLACK");
    // A colleague's figure is replaced after a yes (issue 12; the question itself: figures.test.ts).
    const correction = await submitReport(depsFor(db), els, { realised: 4, ambition: 12, confirmReplace: true }, "TEAMS");

    expect(correction).toMatchObject({ ok: true, value: { version: 2, corrected: true, realised: 4 } });
    const revisions = await db.prisma.placementReportRevision.findMany({
      where: { report: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } } },
      orderBy: { version: "asc" },
    });
    expect(revisions.map((r) => [r.version, r.realised, r.submittedById])).toEqual([
      [1, 3, joost.personId],
      [2, 4, els.personId],
    ]);
  });

  it("lets two simultaneous first reports of one employer both land as versions", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const [joost, els] = [await actor("bakeryHr"), await actor("bakeryDirector")];
    // Both already confirmed replacing a colleague's figure: otherwise whoever starts after the
    // other's commit is asked first (issue 12), and the race this test is about does not happen.
    const results = await Promise.all([
      submitReport(depsFor(db), joost, { realised: 1, ambition: 12, confirmReplace: true }, "SLACK"),
      submitReport(depsFor(db), els, { realised: 2, ambition: 12, confirmReplace: true }, "TEAMS"),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.prisma.placementReportRevision.count({ where: { report: { employerId: joost.employerId! , period: { year: 2026, quarter: 4 } } } })).toBe(2);
  });

  it("refuses reporting for another employer and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const mo = await actor("logisticsHr");
    const before = await snapshotCounts(db);

    const result = await submitReport(depsFor(db), joost, { realised: 3, ambition: 12, employerId: mo.employerId }, "SLACK");

    expect(result).toMatchObject({ ok: false, error: { reason: "notAllowed", key: "reporting.otherEmployer" } });
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it.each([
    ["empty", { realised: "", ambition: "" }, "realised", "field.required"],
    ["negative", { realised: -1, ambition: 5 }, "realised", "field.negative"],
    ["absurdly large", { realised: 10, ambition: 1e12 }, "ambition", "field.tooLarge"],
    ["fractional", { realised: 1.5, ambition: 5 }, "realised", "field.notANumber"],
    ["wrong type", { realised: { $gt: 1 }, ambition: 5 }, "realised", "field.notANumber"],
    ["text", { realised: "drie", ambition: 5 }, "realised", "field.notANumber"],
    ["huge remark", { realised: 1, ambition: 5, remark: "x".repeat(5000) }, "remark", "field.tooLong"],
    ["unknown quarter", { realised: 1, ambition: 5, year: 2026, quarter: 9 }, "quarter", "field.quarter"],
    ["year before 2000 (status Q1 1999)", { realised: 1, ambition: 5, year: 1999, quarter: 1 }, "year", "field.year"],
  ])("rejects %s input with a field error and changes nothing", async (_name, input, field, key) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const before = await snapshotCounts(db);

    const result = await submitReport(depsFor(db), joost, input, "SLACK");

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fields?.[field]?.key).toBe(key);
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("refuses a future quarter and, for members, a closed one", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const before = await snapshotCounts(db);
    expect(await submitReport(depsFor(db), joost, { realised: 1, ambition: 5, year: 2027, quarter: 1 }, "SLACK")).toMatchObject({
      ok: false,
      error: { key: "reporting.futurePeriod" },
    });
    expect(await submitReport(depsFor(db), joost, { realised: 1, ambition: 5, year: 2026, quarter: 3 }, "SLACK")).toMatchObject({
      ok: false,
      error: { key: "reporting.periodClosed" },
    });
    expect(await snapshotCounts(db)).toEqual(before);
    const coordinator = await actor("coordinator");
    const correction = await submitReport(depsFor(db), coordinator, { realised: 1, ambition: 5, year: 2026, quarter: 2, employerId: joost.employerId }, "WEB");
    expect(correction.ok).toBe(true);
  });

  describe("which quarters a member may report for (issue 15.6)", () => {
    it("refuses a member a quarter older than the previous one, with a Dutch explanation, and creates no period", async () => {
      const db = use();
      const { actor } = await seedDemo(db);
      const joost = await actor("bakeryHr");
      const before = await snapshotCounts(db);

      const never = await submitReport(depsFor(db), joost, { realised: 7, ambition: 7, year: 2001, quarter: 1 }, "SLACK");
      const closedAndOld = await submitReport(depsFor(db), joost, { realised: 7, ambition: 7, year: 2026, quarter: 2 }, "SLACK");

      expect(never).toMatchObject({ ok: false, error: { reason: "notAllowed", key: "reporting.periodTooOld", params: { quarter: "Q1 2001", current: "Q4 2026" } } });
      expect(closedAndOld).toMatchObject({ ok: false, error: { key: "reporting.periodTooOld" } });
      expect(nl("reporting.periodTooOld", { quarter: "Q1 2001", current: "Q4 2026" })).toBe(
        "Je kunt alleen rapporteren over het lopende kwartaal (Q4 2026) en het kwartaal ervoor. Voor Q1 2001 kan alleen je netwerkcoördinator een rapportage invoeren of corrigeren.",
      );
      expect(await snapshotCounts(db)).toEqual(before);
      expect(await db.prisma.reportingPeriod.count({ where: { year: 2001 } })).toBe(0);
    });

    it("lets a member report late for the previous quarter while its period is open, not once it is closed", async () => {
      const db = use();
      const { actor, networkId } = await seedDemo(db);
      const joost = await actor("bakeryHr");
      const q3 = { networkId_year_quarter: { networkId, year: 2026, quarter: 3 } };
      await db.prisma.reportingPeriod.update({ where: q3, data: { status: "OPEN" } });

      const late = await submitReport(depsFor(db), joost, { realised: 2, ambition: 12, year: 2026, quarter: 3 }, "SLACK");
      expect(late).toMatchObject({ ok: true, value: { label: "Q3 2026" } });

      await db.prisma.reportingPeriod.update({ where: q3, data: { status: "CLOSED" } });
      expect(await submitReport(depsFor(db), joost, { realised: 3, ambition: 12, year: 2026, quarter: 3 }, "SLACK")).toMatchObject({ ok: false, error: { key: "reporting.periodClosed" } });
    });

    it("refuses a member the previous quarter when the network never opened it, but takes the open quarter", async () => {
      const db = use();
      const { actor, networkId } = await seedDemo(db);
      const joost = await actor("bakeryHr");
      const inQ1 = depsFor(db, new Date("2027-02-10T10:00:00Z"));
      await db.prisma.reportingPeriod.deleteMany({ where: { networkId, year: 2026, quarter: 4 } });
      const before = await snapshotCounts(db);

      expect(await submitReport(inQ1, joost, { realised: 2, ambition: 12, year: 2026, quarter: 4 }, "SLACK")).toMatchObject({
        ok: false,
        error: { key: "reporting.periodNeverOpened", params: { quarter: "Q4 2026", current: "Q1 2027" } },
      });
      expect(await snapshotCounts(db)).toEqual(before);
      expect(await submitReport(inQ1, joost, { realised: 2, ambition: 12 }, "SLACK")).toMatchObject({ ok: true, value: { label: "Q1 2027" } });
    });

    it("lets a coordinator report for any past quarter, also one never opened", async () => {
      const db = use();
      const { actor } = await seedDemo(db);
      const joost = await actor("bakeryHr");
      const coordinator = await actor("coordinator");

      const result = await submitReport(depsFor(db), coordinator, { realised: 7, ambition: 7, year: 2001, quarter: 1, employerId: joost.employerId }, "WEB");

      expect(result).toMatchObject({ ok: true, value: { label: "Q1 2001", realised: 7 } });
      expect(await db.prisma.reportingPeriod.count({ where: { year: 2001 } })).toBe(1);
    });
  });

  it("gives coordinators the period status and refuses it to members", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    await submitReport(depsFor(db), await actor("bakeryHr"), { realised: 5, ambition: 12 }, "SLACK");
    await submitReport(depsFor(db), await actor("logisticsHr"), { realised: 10, ambition: 40 }, "TEAMS");

    const status = await periodStatus(depsFor(db), await actor("coordinator"));
    expect(status.ok).toBe(true);
    if (!status.ok) return;
    expect(status.value.label).toBe("Q4 2026");
    // The ambition of all six employers, not only of the two that reported (issue 12).
    expect(status.value.totals).toMatchObject({ employers: 6, reported: 2, notReported: 4, responseRate: 2 / 6, ambition: 165, realised: 15 });
    expect(status.value.employers.filter((e) => !e.reported).map((e) => e.name)).toContain("Zorggroep Dinkel");

    expect(await periodStatus(depsFor(db), await actor("bakeryHr"))).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
  });

  it("shows a member only their own employer's reports and history", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const mine = await myReports(depsFor(db), joost);
    expect(mine).toMatchObject({ ok: true, value: { employerName: "Bakkerij De Korenschoof", current: { label: "Q4 2026", reported: false } } });

    const history = await reportHistory(depsFor(db), joost, { quarters: 4 });
    expect(history.ok && history.value.map((q) => q.label)).toEqual(["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026"]);
    expect(history.ok && history.value.every((q) => q.reported <= 1)).toBe(true);

    const mo = await actor("logisticsHr");
    expect(await reportHistory(depsFor(db), joost, { employerId: mo.employerId })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });

    const network = await reportHistory(depsFor(db), await actor("coordinator"), { quarters: 4 });
    expect(network.ok && network.value.some((q) => q.reported > 1)).toBe(true);
  });
});
