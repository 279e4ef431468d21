import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { purgeRemark } from "../../src/core/reporting/purge-remark.js";
import { sensitiveContent } from "../../src/core/reporting/remark-check.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";

const nl = translator("nl");
const ISSUE_EXAMPLE = "geplaatst: Jan de Vries (autisme, Wajong-uitkering…)";

const scrubDir = readdirSync("prisma/migrations").find((name) => name.endsWith("_scrub_report_remarks"))!;
const scrubSql = readFileSync(`prisma/migrations/${scrubDir}/migration.sql`, "utf8");
// The migration's statements, as the migrator runs them: in one transaction (pg_temp lives in it).
const scrubStatements = scrubSql
  .split(/;\s*\n\s*\n/)
  .map((chunk) => chunk.replace(/^\s*--.*$/gm, "").trim())
  .filter(Boolean);

/** Issue 15.7: a remark holds context, never personal or health data of the people placed. */
describeEachDatabase("report remarks: personal data refused, scrubbed and purged", (use) => {
  it("refuses the issue's example remark with a Dutch explanation, and stores nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const before = await snapshotCounts(db);

    const result = await submitReport(depsFor(db), await actor("bakeryHr"), { realised: 6, ambition: 12, remark: ISSUE_EXAMPLE }, "SLACK");

    expect(result).toMatchObject({ ok: false, error: { reason: "invalid", fields: { remark: { key: "reporting.remark.name" } } } });
    expect(nl("reporting.remark.name")).toContain("nooit namen (AVG)");
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it.each([
    ["autisme en begeleiding", "reporting.remark.health", "autisme"],
    ["2 Wajongers in dienst", "reporting.remark.benefit", "wajongers"],
    ["bijstandsuitkering tot juni", "reporting.remark.benefit", "bijstandsuitkering"],
    ["BSN 123.456.782", "reporting.remark.bsn", undefined],
    ["mail jan@bakkerij.example", "reporting.remark.email", undefined],
    ["bel 06-12345678", "reporting.remark.phone", undefined],
    ["+31 20 123 4567", "reporting.remark.phone", undefined],
    ["ADHD, maar gaat goed", "reporting.remark.health", "ADHD"],
    ["Geplaatst - P. Jansen", "reporting.remark.name", undefined],
  ])("refuses %j (%s)", async (remark, key, word) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await submitReport(depsFor(db), await actor("bakeryHr"), { realised: 1, ambition: 12, remark }, "TEAMS");
    expect(result).toMatchObject({ ok: false, error: { fields: { remark: { key, ...(word ? { params: { word } } : {}) } } } });
  });

  it("takes harmless remarks: context, counts, hours, programme names", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const harmless = [
      "zomerbanen",
      "3 geplaatst bij Albert Heijn via UWV en het WSP",
      "2 in dienst, 1 inleen, 25,5 uur per week",
      "doelgroep Participatiewet, banenafspraak; werkervaringsplek 12 weken, BBL-traject",
      "ambitie 2027 omhoog naar 123456789 is een grap",
      "we add more jobs in Q1 2027",
    ];
    for (const remark of harmless) {
      const result = await submitReport(depsFor(db), joost, { realised: 2, ambition: 12, remark }, "SLACK");
      expect(result.ok, remark).toBe(true);
    }
    expect((await db.prisma.placementReportRevision.findMany({ where: { report: { employerId: joost.employerId! } }, select: { remark: true } })).map((r) => r.remark)).toEqual(
      expect.arrayContaining(harmless),
    );
  });

  it("the migration scrubs stored remarks that match, in reports and revisions, with an audit row per report, and keeps the rest", async () => {
    const db = use();
    await seedDemo(db);
    const remarks = [
      ISSUE_EXAMPLE,
      "bel 06-12345678 voor details",
      "BSN 123456782",
      "contact: jan@bakkerij.example",
      "ADHD",
      "kandidaat met depressie",
      "zomerbanen, 2 via inleen",
      "3 geplaatst bij Albert Heijn",
      "25,5 uur per week, 123456789 is geen BSN",
      "Participatiewet en banenafspraak",
    ];
    const reports = await db.prisma.placementReport.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: remarks.length });
    expect(reports).toHaveLength(remarks.length);
    for (const [i, report] of reports.entries()) {
      await db.prisma.placementReport.update({ where: { id: report.id }, data: { remark: remarks[i] } });
      await db.prisma.placementReportRevision.updateMany({ where: { reportId: report.id }, data: { remark: remarks[i] } });
    }

    await db.prisma.$transaction(async (tx) => {
      for (const statement of scrubStatements) await tx.$executeRawUnsafe(statement);
    });

    const kept = await db.prisma.placementReport.findMany({ where: { id: { in: reports.map((r) => r.id) } }, select: { id: true, remark: true, revisions: { select: { remark: true } } } });
    const byId = new Map(kept.map((r) => [r.id, r]));
    const scrubbed = reports.map((r, i) => ({ remark: remarks[i]!, row: byId.get(r.id)! }));
    expect(scrubbed.filter((s) => s.row.remark === null).map((s) => s.remark)).toEqual(remarks.slice(0, 6));
    expect(scrubbed.filter((s) => s.row.remark !== null).map((s) => s.row.remark)).toEqual(remarks.slice(6));
    for (const s of scrubbed) {
      expect(s.row.revisions.every((rev) => rev.remark === s.row.remark), s.remark).toBe(true);
      // The one-time SQL rule and the check on new remarks agree on every example.
      expect(sensitiveContent(s.remark) !== null, s.remark).toBe(s.row.remark === null);
    }
    const audits = await db.prisma.auditLog.findMany({ where: { action: "report.remarkScrub" }, select: { subjectId: true, actorId: true } });
    expect(audits.map((a) => a.subjectId).sort()).toEqual(reports.slice(0, 6).map((r) => r.id).sort());

    // Running it again changes nothing.
    await db.prisma.$transaction(async (tx) => {
      for (const statement of scrubStatements) await tx.$executeRawUnsafe(statement);
    });
    expect(await db.prisma.auditLog.count({ where: { action: "report.remarkScrub" } })).toBe(6);
  });

  it("lets a coordinator purge a remark from the report and every kept version, audited without the text", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const sanne = await actor("coordinator");
    await submitReport(depsFor(db), joost, { realised: 2, ambition: 12, remark: "zomerbanen bij de bakkerij" }, "SLACK");
    await submitReport(depsFor(db), joost, { realised: 3, ambition: 12, remark: "zomerbanen, een van hen heet Piet" }, "SLACK");

    const result = await purgeRemark(depsFor(db), sanne, { employer: "Korenschoof" });

    expect(result).toMatchObject({ ok: true, value: { employerName: "Bakkerij De Korenschoof", label: "Q4 2026", purged: { report: 1, revisions: 2 } } });
    const report = await db.prisma.placementReport.findFirstOrThrow({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } }, include: { revisions: true } });
    expect(report).toMatchObject({ remark: null, realised: 3, version: 2 });
    expect(report.revisions.map((r) => r.remark)).toEqual([null, null]);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "report.remarkPurge" } });
    expect(audit).toMatchObject({ actorId: sanne.personId, subjectType: "PlacementReport", subjectId: report.id, details: { report: 1, revisions: 2 } });
    expect(JSON.stringify(audit)).not.toContain("Piet");

    expect(await purgeRemark(depsFor(db), sanne, { employer: "Korenschoof" })).toMatchObject({ ok: true, value: { purged: { report: 0, revisions: 0 } } });
    expect(await purgeRemark(depsFor(db), sanne, { employer: "Korenschoof", year: 2001, quarter: 1 })).toMatchObject({ ok: false, error: { key: "reporting.remarkPurge.noReport" } });
  });

  it("refuses the purge to a member and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    await submitReport(depsFor(db), joost, { realised: 2, ambition: 12, remark: "zomerbanen" }, "SLACK");
    const before = await snapshotCounts(db);

    expect(await purgeRemark(depsFor(db), joost, { employer: "Korenschoof" })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });

    expect(await snapshotCounts(db)).toEqual(before);
    expect((await db.prisma.placementReport.findFirstOrThrow({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } } })).remark).toBe("zomerbanen");
  });
});
