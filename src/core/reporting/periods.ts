import type { DbClient } from "../../db/database.js";
import type { CoreDeps } from "../deps.js";
import { quarterEnd, quarterStart, type QuarterRef } from "./quarters.js";

const periodSelect = { id: true, year: true, quarter: true, status: true, opensAt: true, closesAt: true } as const;

export function findPeriod(db: DbClient, networkId: string, ref: QuarterRef) {
  return db.reportingPeriod.findUnique({
    where: { networkId_year_quarter: { networkId, year: ref.year, quarter: ref.quarter } },
    select: periodSelect,
  });
}

/** The period row for a quarter, created on first use (by a report or by the campaign). */
export async function ensurePeriod(db: DbClient, network: { id: string; timeZone: string }, ref: QuarterRef) {
  // createMany + skipDuplicates is INSERT … ON CONFLICT DO NOTHING: safe when two requests
  // open the same quarter at once, where Prisma's upsert may race into a unique violation.
  await db.reportingPeriod.createMany({
    data: {
      networkId: network.id,
      year: ref.year,
      quarter: ref.quarter,
      opensAt: quarterStart(ref, network.timeZone),
      closesAt: quarterEnd(ref, network.timeZone),
    },
    skipDuplicates: true,
  });
  return db.reportingPeriod.findUniqueOrThrow({
    where: { networkId_year_quarter: { networkId: network.id, year: ref.year, quarter: ref.quarter } },
    select: periodSelect,
  });
}

/** The network's name, time zone and language, for the chat layer (which reaches data only through core). */
export function networkSettings(deps: Pick<CoreDeps, "db">, networkId: string) {
  return findNetwork(deps.db, networkId);
}

export function findNetwork(db: DbClient, networkId: string) {
  return db.network.findUniqueOrThrow({
    where: { id: networkId },
    select: { id: true, name: true, timeZone: true, defaultLocale: true },
  });
}
