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
  const rows = await p.employer.findMany({ where: { networkId: network.id }, select: { id: true, ambition: true } });
  let ref: QuarterRef = { year: 2026, quarter: 4 };
  for (let q = 0; q < quarters; q++, ref = previousQuarter(ref)) {
    const period = await p.reportingPeriod.create({
      data: { networkId: network.id, year: ref.year, quarter: ref.quarter, opensAt: quarterStart(ref, "Europe/Amsterdam"), closesAt: quarterEnd(ref, "Europe/Amsterdam") },
    });
    await p.placementReport.createMany({
      data: rows
        .filter((_, i) => (i + q) % 10 !== 0)
        .map((e, i) => ({ employerId: e.id, periodId: period.id, ambition: e.ambition, realised: (i + q) % 7, submittedVia: "WEB" as const })),
    });
  }
  const coordinator = await p.person.create({ data: { networkId: network.id, name: "Coördinator", role: "COORDINATOR" } });
  return { personId: coordinator.id, networkId: network.id, employerId: null, role: "COORDINATOR", locale: "nl", name: coordinator.name };
}
