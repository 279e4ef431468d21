import type { Actor } from "../../src/core/actor.js";
import { previousQuarter, quarterEnd, quarterStart, type QuarterRef } from "../../src/core/reporting/quarters.js";
import type { Database } from "../../src/db/database.js";

const BRANCHES = ["Zorg", "Logistiek", "ICT", "Industrie", "Horeca", "Bouw", "Overheid"];

/**
 * A network of `employers` employers with `quarters` quarters of reports ending in Q4 2026, in
 * which nine in ten employers report each quarter, with every field a report has today: the
 * placements, a remark on some, a kept version (and a correction on some), the submitter; and
 * every employer's ambition with a target date, joined when the first quarter opened, with its
 * ambition raised once half-way (a history of two values). Returns its coordinator.
 */
export async function seedLargeNetwork(db: Database, employers: number, quarters: number, options: { slug?: string; parentId?: string; region?: string } = {}): Promise<Actor> {
  const p = db.prisma;
  const slug = options.slug ?? "bench";
  const network = await p.network.create({ data: { slug, name: `Benchnetwerk ${slug}`, parentId: options.parentId ?? null } });
  const coordinator = await p.person.create({ data: { networkId: network.id, name: "Coördinator", role: "COORDINATOR" } });
  const refs: QuarterRef[] = [];
  for (let q = 0, ref: QuarterRef = { year: 2026, quarter: 4 }; q < quarters; q++, ref = previousQuarter(ref)) refs.unshift(ref);
  const joinedAt = quarterStart(refs[0]!, "Europe/Amsterdam");
  const raisedAt = quarterStart(refs[Math.floor(refs.length / 2)]!, "Europe/Amsterdam");
  const targetDate = new Date("2028-12-31T00:00:00Z");
  await p.employer.createMany({
    data: Array.from({ length: employers }, (_, i) => ({
      networkId: network.id,
      name: `Werkgever ${slug} ${String(i).padStart(3, "0")}`,
      branche: BRANCHES[i % BRANCHES.length]!,
      sizeBand: "MEDIUM" as const,
      location: "Enschede",
      region: options.region ?? "Twente",
      ambition: 20 + (i % 50),
      ambitionTargetDate: targetDate,
      joinedAt,
    })),
  });
  const rows = await p.employer.findMany({ where: { networkId: network.id }, select: { id: true, ambition: true } });
  await p.employerAmbitionChange.createMany({
    data: rows.flatMap((e) => [
      { employerId: e.id, ambition: e.ambition - 10, targetDate, source: "PROFILE" as const, changedById: coordinator.id, changedAt: joinedAt },
      { employerId: e.id, ambition: e.ambition, targetDate, source: "REPORT" as const, changedById: coordinator.id, changedAt: raisedAt },
    ]),
  });
  for (const [q, ref] of refs.entries()) {
    const period = await p.reportingPeriod.create({
      data: { networkId: network.id, year: ref.year, quarter: ref.quarter, opensAt: quarterStart(ref, "Europe/Amsterdam"), closesAt: quarterEnd(ref, "Europe/Amsterdam"), status: q === refs.length - 1 ? "OPEN" : "CLOSED" },
    });
    const submittedAt = new Date(quarterStart(ref, "Europe/Amsterdam").getTime() + 20 * 86_400_000);
    const reported = rows
      .map((e, i) => ({ e, i }))
      .filter(({ i }) => (i + q) % 10 !== 0)
      .map(({ e, i }) => ({
        id: `r-${slug}-${q}-${i}`,
        employerId: e.id,
        periodId: period.id,
        realised: (i + q) % 7,
        remark: i % 4 === 0 ? "Twee mensen via het WSP, één via een proefplaatsing." : null,
        submittedById: coordinator.id,
        submittedVia: "WEB" as const,
        submittedAt,
        version: i % 5 === 0 ? 2 : 1,
      }));
    await p.placementReport.createMany({ data: reported });
    await p.placementReportRevision.createMany({
      data: reported.flatMap((r) => [
        { reportId: r.id, version: 1, realised: r.realised + (r.version === 2 ? 1 : 0), remark: r.remark, submittedById: coordinator.id, submittedVia: "WEB" as const, submittedAt },
        ...(r.version === 2 ? [{ reportId: r.id, version: 2, realised: r.realised, remark: r.remark, submittedById: coordinator.id, submittedVia: "WEB" as const, submittedAt }] : []),
      ]),
    });
  }
  return { personId: coordinator.id, networkId: network.id, employerId: null, role: "COORDINATOR", locale: "nl", name: coordinator.name };
}

/**
 * A parent network (De Normaalste Zaak) with `regions` regional networks below it, each with
 * `employers` employers and `quarters` quarters as in seedLargeNetwork. Returns the parent's coordinator.
 */
export async function seedNetworkTreeAtScale(db: Database, regions: number, employers: number, quarters: number): Promise<Actor> {
  const parent = await db.prisma.network.create({ data: { slug: "bench-dnz", name: "Bench De Normaalste Zaak", kind: "NATIONAL" } });
  const coordinator = await db.prisma.person.create({ data: { networkId: parent.id, name: "Landelijk coördinator", role: "COORDINATOR" } });
  for (let r = 0; r < regions; r++) await seedLargeNetwork(db, employers, quarters, { slug: `bench-regio-${r}`, parentId: parent.id, region: `Regio ${r}` });
  return { personId: coordinator.id, networkId: parent.id, employerId: null, role: "COORDINATOR", locale: "nl", name: coordinator.name };
}

/**
 * A large network whose every employer has one contact with a linked chat identity (`userIds`,
 * on `platform` in `tenantId`), for measuring first requests of many different people.
 */
export async function seedLinkedContacts(db: Database, count: number, platform: "SLACK" | "TEAMS", tenantId: string, userId: (i: number) => string) {
  const coordinator = await seedLargeNetwork(db, count, 12);
  const employers = await db.prisma.employer.findMany({ where: { networkId: coordinator.networkId }, select: { id: true }, orderBy: { name: "asc" } });
  await db.prisma.person.createMany({
    data: employers.map((e, i) => ({ id: `contact-${i}`, networkId: coordinator.networkId, employerId: e.id, name: `Contact ${i}` })),
  });
  await db.prisma.platformIdentity.createMany({
    data: employers.map((_, i) => ({ personId: `contact-${i}`, platform, tenantId, externalUserId: userId(i) })),
  });
  // A chat identity counts only in a workspace bound to the person's network.
  await db.prisma.workspaceBinding.create({ data: { networkId: coordinator.networkId, platform, tenantId } });
  return employers.map((_, i) => userId(i));
}
