import { expect, it } from "vitest";
import { createSignInLink, redeemSignInLink, sessionHolder, LINK_LIFETIME_MS, SESSION_LIFETIME_MS } from "../../src/core/dashboard/sign-in.js";
import { employerFigures } from "../../src/core/insights/employer-figures.js";
import { exportReports } from "../../src/core/reporting/export-reports.js";
import { dashboardOverview } from "../../src/core/insights/overview.js";
import { publicFigures } from "../../src/core/insights/public-figures.js";
import { mergeSmallGroups } from "../../src/core/insights/suppression.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, fixedNow, seedDemo } from "../support/fixtures.js";

/** Adds `count` employers in one branche, each reporting `realised` for Q3 2026. */
async function addReportingEmployers(db: Database, networkId: string, branche: string, count: number, realised: number) {
  const period = await db.prisma.reportingPeriod.findUniqueOrThrow({ where: { networkId_year_quarter: { networkId, year: 2026, quarter: 3 } } });
  for (let i = 0; i < count; i++) {
    const employer = await db.prisma.employer.create({
      data: { networkId, name: `${branche} ${i}`, branche, sizeBand: "SMALL", location: "Enschede", region: "Twente", ambition: 10 },
    });
    await db.prisma.placementReport.create({ data: { employerId: employer.id, periodId: period.id, realised, submittedVia: "WEB" } });
  }
}

describeEachDatabase("insights", (use) => {
  it("public figures merge branches smaller than five into one 'other' group and never show a small group", async () => {
    const db = use();
    const { networkId, actor } = await seedDemo(db);
    await addReportingEmployers(db, networkId, "Bouw", 5, 2);
    const result = await publicFigures(depsFor(db), await actor("coordinator"));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const groups = result.value.groups;
    // The demo's six employers are each alone in their branche: they may only appear merged.
    expect(groups.map((g) => g.name)).toEqual(["Bouw", null]);
    expect(groups.every((g) => g.employers >= 5)).toBe(true);
    expect(groups.find((g) => g.name === "Bouw")).toMatchObject({ employers: 5, realised: 10 });
    expect(groups.reduce((n, g) => n + g.realised, 0)).toBe(result.value.totals!.realised);
  });

  it("suppresses a quarter in which fewer than five employers reported, and leaves it out of the totals", async () => {
    const db = use();
    const { networkId, actor } = await seedDemo(db);
    const q2 = await db.prisma.reportingPeriod.findUniqueOrThrow({ where: { networkId_year_quarter: { networkId, year: 2026, quarter: 2 } }, include: { reports: true } });
    // Leave four reports in Q2 2026: a sum over four employers must not be published.
    await db.prisma.placementReport.deleteMany({ where: { id: { in: q2.reports.slice(4).map((r) => r.id) } } });
    const result = await publicFigures(depsFor(db), await actor("coordinator"));

    if (!result.ok) throw new Error("expected figures");
    const q2Row = result.value.trend.find((q) => q.label === "Q2 2026");
    expect(q2Row).toMatchObject({ reporting: 4, realised: null });
    const shown = result.value.trend.filter((q) => q.realised !== null);
    expect(shown.length).toBeGreaterThan(0);
    expect(result.value.totals!.realised).toBe(shown.reduce((n, q) => n + q.realised!, 0));
  });

  it("shows no figures at all for a network with fewer employers than the minimum", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await publicFigures(depsFor(db), await actor("coordinator"), { minGroupSize: 7 });
    expect(result).toMatchObject({ ok: true, value: { employers: 6, suppressedAll: true, totals: null, trend: [], groups: [] } });
  });

  it("refuses public figures to members and a minimum below three", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    expect(await publicFigures(depsFor(db), await actor("bakeryHr"))).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await publicFigures(depsFor(db), await actor("coordinator"), { minGroupSize: 1 })).toMatchObject({ ok: false, error: { reason: "invalid" } });
  });

  it("gives a member's dashboard only their own employer", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const overview = await dashboardOverview(depsFor(db), joost);
    expect(overview).toMatchObject({ ok: true, value: { scope: "employer", employerName: "Bakkerij De Korenschoof" } });
    expect(JSON.stringify(overview)).not.toContain("Hengelo Logistiek");

    const exported = await exportReports(depsFor(db), joost);
    if (!exported.ok) throw new Error("expected rows");
    expect(exported.value.rows.length).toBeGreaterThan(0);
    expect(new Set(exported.value.rows.map((r) => r.employer))).toEqual(new Set(["Bakkerij De Korenschoof"]));
  });

  it("answers a member asking for another employer exactly as for an unknown employer", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const mo = await actor("logisticsHr");
    const other = await employerFigures(depsFor(db), joost, mo.employerId!);
    const unknown = await employerFigures(depsFor(db), joost, "doesnotexist0000");
    expect(other).toEqual(unknown);
    expect(other).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await employerFigures(depsFor(db), await actor("coordinator"), mo.employerId!)).toMatchObject({ ok: true, value: { name: "Hengelo Logistiek BV" } });
  });

  it("gives coordinators the network: response rate, who has not reported, events and subgroup sizes", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const overview = await dashboardOverview(depsFor(db), await actor("coordinator"), { year: 2026, quarter: 3 });
    if (!overview.ok || overview.value.scope !== "network") throw new Error("expected network overview");
    const o = overview.value;
    expect(o.status.totals).toMatchObject({ employers: 6, reported: 5 });
    expect(o.status.employers.filter((e) => !e.reported)).toHaveLength(1);
    expect(o.events.map((e) => e.number)).toEqual([1, 2]);
    expect(o.subgroups).toEqual([
      { slug: "hr-kenniskring", name: "HR-kenniskring", members: 3 },
      { slug: "inclusief-inkopen", name: "Inclusief inkopen", members: 2 },
    ]);
  });

  it("sign-in links work once, expire, and are never accepted as a session", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const coordinator = await actor("coordinator");
    const { token } = await createSignInLink(depsFor(db), coordinator);

    expect(await sessionHolder(depsFor(db), token)).toBeNull();
    const first = await redeemSignInLink(depsFor(db), token);
    if (!first.ok) throw new Error("expected a session");
    expect(await sessionHolder(depsFor(db), first.value.sessionToken)).toMatchObject({ kind: "person", actor: { personId: coordinator.personId } });
    expect(await redeemSignInLink(depsFor(db), token)).toMatchObject({ ok: false });

    const late = await createSignInLink(depsFor(db), coordinator);
    const afterLink = new Date(fixedNow.getTime() + LINK_LIFETIME_MS + 1);
    expect(await redeemSignInLink(depsFor(db, afterLink), late.token)).toMatchObject({ ok: false });

    const afterSession = new Date(fixedNow.getTime() + SESSION_LIFETIME_MS + 1);
    expect(await sessionHolder(depsFor(db, afterSession), first.value.sessionToken)).toBeNull();
  });

  it("two tabs opening one link at once get a single session", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const { token } = await createSignInLink(depsFor(db), await actor("coordinator"));
    const results = await Promise.all([redeemSignInLink(depsFor(db), token), redeemSignInLink(depsFor(db), token)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

it("mergeSmallGroups pulls the smallest named group into 'other' when 'other' alone is too small", () => {
  const merged = mergeSmallGroups(
    [
      { name: "A", employers: 9, realised: 30 },
      { name: "B", employers: 5, realised: 7 },
      { name: "C", employers: 2, realised: 4 },
    ],
    5,
  );
  expect(merged).toEqual([
    { name: "A", employers: 9, realised: 30 },
    { name: null, employers: 7, realised: 11 },
  ]);
});
