import type { Actor } from "../../src/core/actor.js";
import { previousQuarter, quarterEnd, quarterStart, type QuarterRef } from "../../src/core/reporting/quarters.js";
import type { Database } from "../../src/db/database.js";

const BRANCHES = ["Zorg", "Logistiek", "ICT", "Industrie", "Horeca", "Bouw", "Overheid"];

/**
 * A network of `employers` employers with `quarters` quarters of reports ending in Q4 2026, in
 * which nine in ten employers report each quarter. Returns its coordinator.
 */
export async function seedLargeNetwork(db: Database, employers: number, quarters: number): Promise<Actor> {
  const p = db.prisma;
  const network = await p.network.create({ data: { slug: "bench", name: "Benchnetwerk" } });
  await p.employer.createMany({
    data: Array.from({ length: employers }, (_, i) => ({
      networkId: network.id,
      name: `Werkgever ${String(i).padStart(3, "0")}`,
      branche: BRANCHES[i % BRANCHES.length]!,
      sizeBand: "MEDIUM" as const,
      location: "Enschede",
      region: "Twente",
      ambition: 10 + (i % 50),
    })),
  });
  const rows = await p.employer.findMany({ where: { networkId: network.id }, select: { id: true } });
  let ref: QuarterRef = { year: 2026, quarter: 4 };
  for (let q = 0; q < quarters; q++, ref = previousQuarter(ref)) {
    const period = await p.reportingPeriod.create({
      data: { networkId: network.id, year: ref.year, quarter: ref.quarter, opensAt: quarterStart(ref, "Europe/Amsterdam"), closesAt: quarterEnd(ref, "Europe/Amsterdam") },
    });
    await p.placementReport.createMany({
      data: rows
        .filter((_, i) => (i + q) % 10 !== 0)
        .map((e, i) => ({ employerId: e.id, periodId: period.id, realised: (i + q) % 7, submittedVia: "WEB" as const })),
    });
  }
  const coordinator = await p.person.create({ data: { networkId: network.id, name: "Coördinator", role: "COORDINATOR" } });
  return { personId: coordinator.id, networkId: network.id, employerId: null, role: "COORDINATOR", locale: "nl", name: coordinator.name };
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
