import { expect, it } from "vitest";
import { employerProgress } from "../../src/core/ambition/employer-progress.js";
import { createEmployer } from "../../src/core/members/create-employer.js";
import { updateEmployerProfile } from "../../src/core/members/employer-profile.js";
import { reportHistory } from "../../src/core/reporting/history.js";
import { periodStatus } from "../../src/core/reporting/period-status.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { seedNetworkTree } from "../support/network-tree.js";

// The demo seed (src/demo/demo-data.ts): six employers with ambitions 12, 40, 60, 8, 15 and 30
// (165 together), members since Q4 2025, reports for Q4 2025..Q3 2026 of round(ambition × (i+1) / 20)
// new placements in the i-th quarter, except where (position + i) % 5 === 4.
const DEMO_AMBITION = 12 + 40 + 60 + 8 + 15 + 30;
const BAKERY_PAST = [1, 1, 2, 2]; // round(12 × 1/20), round(12 × 2/20), …: position 0 never skips

/** Issue 12: one ambition model; "not reported" is not 0; roll-up across networks. */
describeEachDatabase("figures a network can stand behind", (use) => {
  it("a quarter with few reports shows the full network ambition beside a low response rate", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    await submitReport(depsFor(db), await actor("bakeryHr"), { realised: 5 }, "SLACK");
    const sanne = await actor("coordinator");

    const status = await periodStatus(depsFor(db), sanne);
    if (!status.ok) throw new Error(status.error.key);
    expect(status.value.totals).toMatchObject({ employers: 6, reported: 1, notReported: 5, responseRate: 1 / 6, realised: 5, ambition: DEMO_AMBITION });

    const history = await reportHistory(depsFor(db), sanne, { quarters: 2 });
    if (!history.ok) throw new Error(history.error.key);
    expect(history.value.map((q) => [q.label, q.employers, q.reported, q.ambition])).toEqual([
      ["Q3 2026", 6, 5, DEMO_AMBITION], // only position 1 skips in the fourth quarter
      ["Q4 2026", 6, 1, DEMO_AMBITION],
    ]);
    // The same quarter reads the same in status and history.
    expect(history.value.at(-1)).toMatchObject(status.value.totals);
  });

  it("progress is the cumulative total of the quarters' new placements against the long-term ambition", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    await submitReport(depsFor(db), joost, { realised: 5 }, "SLACK");

    const history = await reportHistory(depsFor(db), joost, { quarters: 5 });
    if (!history.ok) throw new Error(history.error.key);
    const running = [...BAKERY_PAST, 5].map((_, i, all) => all.slice(0, i + 1).reduce((a, b) => a + b, 0));
    expect(history.value.map((q) => [q.label, q.state, q.realised, q.cumulative, q.ambition])).toEqual(
      ["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"].map((label, i) => [label, "REPORTED", [...BAKERY_PAST, 5][i], running[i], 12]),
    );

    const progress = await employerProgress(depsFor(db), joost);
    expect(progress).toMatchObject({ ok: true, value: { progress: { cumulative: 11, ambition: 12, share: 11 / 12, reached: false, targetPassed: false } } });
    const status = await periodStatus(depsFor(db), await actor("coordinator"));
    expect(status.ok && status.value.employers.find((e) => e.employerId === joost.employerId)?.progress).toMatchObject({ cumulative: 11, ambition: 12 });
  });

  it("a changed ambition keeps its history: past quarters keep the value then in force, and a passed target date shows", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");

    const changed = await updateEmployerProfile(depsFor(db), sanne, { employerId: joost.employerId, ambition: 20, ambitionTargetDate: "2026-06-30" });
    expect(changed).toMatchObject({ ok: true, value: { ambition: 20 } });

    const progress = await employerProgress(depsFor(db), joost);
    if (!progress.ok) throw new Error(progress.error.key);
    expect(progress.value.progress).toMatchObject({ ambition: 20, cumulative: 6, targetPassed: true });
    expect(progress.value.changes.map((c) => [c.ambition, c.targetDate?.toISOString().slice(0, 10), c.source, c.changedBy])).toEqual([
      [20, "2026-06-30", "PROFILE", "Sanne Coördinator"],
      [12, "2028-12-31", "PROFILE", null],
    ]);

    const before = await periodStatus(depsFor(db), sanne, { year: 2026, quarter: 1 });
    const bakeryThen = before.ok ? before.value.employers.find((e) => e.employerId === joost.employerId) : undefined;
    expect(bakeryThen?.progress).toMatchObject({ ambition: 12, targetPassed: false, cumulative: 2 });
    const now = await periodStatus(depsFor(db), sanne);
    expect(now.ok && now.value.totals.ambition).toBe(DEMO_AMBITION - 12 + 20);

    // A report may set the ambition too ("rapporteer 3 ambitie 25"): one more value in the history.
    const report = await submitReport(depsFor(db), joost, { realised: 3, ambition: 25 }, "SLACK");
    expect(report).toMatchObject({ ok: true, value: { ambition: 25, ambitionChanged: true } });
    const again = await submitReport(depsFor(db), joost, { realised: 3, ambition: 25 }, "SLACK");
    expect(again).toMatchObject({ ok: true, value: { ambition: 25, ambitionChanged: false } });
    const sources = await db.prisma.employerAmbitionChange.findMany({ where: { employerId: joost.employerId! }, orderBy: { changedAt: "asc" }, select: { source: true, ambition: true } });
    expect(sources.map((s) => `${s.source}:${s.ambition}`)).toEqual(["PROFILE:12", "PROFILE:20", "REPORT:25"]);
  });

  it("'not reported' is its own state, unlike a reported 0, and quarters before joining are marked", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const metal = await db.prisma.employer.findFirstOrThrow({ where: { name: "Metaalwerken Almelo" }, select: { id: true } });
    await submitReport(depsFor(db), sanne, { realised: 0, employerId: metal.id }, "WEB");

    const status = await periodStatus(depsFor(db), sanne);
    if (!status.ok) throw new Error(status.error.key);
    const row = (name: string) => status.value.employers.find((e) => e.name === name)!;
    expect([row("Metaalwerken Almelo").state, row("Metaalwerken Almelo").realised]).toEqual(["REPORTED", 0]);
    expect([row("Zorggroep Dinkel").state, row("Zorggroep Dinkel").realised]).toEqual(["NOT_REPORTED", null]);

    const newcomer = await createEmployer(depsFor(db), sanne, { name: "Drukkerij Hof van Twente", branche: "Grafisch", sizeBand: "SMALL", location: "Goor", region: "Twente", ambition: 4 });
    if (!newcomer.ok) throw new Error(newcomer.error.key);
    const history = await reportHistory(depsFor(db), sanne, { employerId: newcomer.value.employerId, quarters: 5 });
    if (!history.ok) throw new Error(history.error.key);
    expect(history.value.map((q) => [q.label, q.state])).toEqual([
      ["Q4 2025", "NOT_YET_MEMBER"],
      ["Q1 2026", "NOT_YET_MEMBER"],
      ["Q2 2026", "NOT_YET_MEMBER"],
      ["Q3 2026", "NOT_YET_MEMBER"],
      ["Q4 2026", "NOT_REPORTED"],
    ]);
    const network = await reportHistory(depsFor(db), sanne, { quarters: 2 });
    expect(network.ok && network.value.map((q) => [q.employers, q.ambition])).toEqual([
      [6, DEMO_AMBITION],
      [7, DEMO_AMBITION + 4],
    ]);
  });

  it("rolls up across two regions and their parent: per region and in total, the same in status and history", async () => {
    const db = use();
    const { actors } = await seedNetworkTree(db);
    const deps = depsFor(db);
    await updateEmployerProfile(deps, actors.twenteCoordinator, { employerId: actors.twenteTechMember.employerId, ambition: 10 });
    await submitReport(deps, actors.twenteTechMember, { realised: 3 }, "SLACK");
    await submitReport(deps, actors.noordMember, { realised: 1, ambition: 5 }, "TEAMS");
    await submitReport(deps, actors.amsterdamMember, { realised: 4, ambition: 20 }, "WEB");

    const parent = await periodStatus(deps, actors.dnzCoordinator);
    if (!parent.ok) throw new Error(parent.error.key);
    expect(parent.value.totals).toMatchObject({ employers: 5, reported: 3, notReported: 2, realised: 8, cumulative: 8, ambition: 35 });
    expect(parent.value.byNetwork.map((n) => [n.networkName, n.employers, n.reported, n.realised, n.ambition])).toEqual([
      ["De Normaalste Zaak", 1, 0, 0, 0],
      ["99vanAmsterdam", 1, 1, 4, 20],
      ["99vanTwente", 2, 1, 3, 10],
      ["99vanTwente Noord", 1, 1, 1, 5],
    ]);
    const region = await periodStatus(deps, actors.twenteCoordinator);
    expect(region.ok && region.value.totals).toMatchObject({ employers: 3, reported: 2, realised: 4, ambition: 15 });

    const history = await reportHistory(deps, actors.dnzCoordinator, { quarters: 1 });
    if (!history.ok) throw new Error(history.error.key);
    expect(history.value[0]).toMatchObject(parent.value.totals);
    expect(new Map(history.value[0]!.byNetwork.map((n) => [n.networkName, [n.employers, n.reported, n.realised, n.ambition]]))).toEqual(
      new Map(parent.value.byNetwork.map((n) => [n.networkName, [n.employers, n.reported, n.realised, n.ambition]])),
    );
  });
});

describeEachDatabase("a colleague's figure", (use) => {
  it("is shown before it is replaced, replaced only after a yes, and its submitter is told through the outbox", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const [joost, els] = [await actor("bakeryHr"), await actor("bakeryDirector")];
    await submitReport(depsFor(db), joost, { realised: 3 }, "SLACK");

    const asked = await submitReport(depsFor(db), els, { realised: 4 }, "TEAMS");
    expect(asked).toMatchObject({ ok: true, value: { needsConfirmation: true, label: "Q4 2026", current: { realised: 3, submittedBy: "Joost Bakker" } } });
    const stored = () => db.prisma.placementReport.findFirstOrThrow({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } }, select: { realised: true, version: true } });
    expect(await stored()).toEqual({ realised: 3, version: 1 });
    expect(await db.prisma.outboxMessage.count({ where: { kind: "report.replaced" } })).toBe(0);

    const replaced = await submitReport(depsFor(db), els, { realised: 4, confirmReplace: "true" }, "TEAMS");
    expect(replaced).toMatchObject({ ok: true, value: { realised: 4, version: 2, corrected: true } });
    expect(await stored()).toEqual({ realised: 4, version: 2 });
    const notices = await db.prisma.outboxMessage.findMany({ where: { kind: "report.replaced" }, select: { personId: true, payload: true } });
    expect(notices).toEqual([{ personId: joost.personId, payload: { employerName: "Bakkerij De Korenschoof", label: "Q4 2026", before: 3, after: 4, by: "Els Meel" } }]);

    // Correcting one's own figure, or giving the same figure again, asks nothing and tells no one.
    expect(await submitReport(depsFor(db), els, { realised: 5 }, "TEAMS")).toMatchObject({ ok: true, value: { version: 3 } });
    expect(await submitReport(depsFor(db), joost, { realised: 5 }, "SLACK")).toMatchObject({ ok: true, value: { version: 4 } });
    expect(await db.prisma.outboxMessage.count({ where: { kind: "report.replaced" } })).toBe(1);
  });
});
