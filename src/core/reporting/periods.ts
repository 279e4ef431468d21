import type { DbClient } from "../../db/database.js";
import type { CoreDeps } from "../deps.js";
import { periodBounds } from "../campaigns/calendar.js";
import type { CampaignSchedule } from "../campaigns/schema.js";
import type { QuarterRef } from "./quarters.js";

const periodSelect = { id: true, year: true, quarter: true, status: true, opensAt: true, closesAt: true } as const;

export function findPeriod(db: DbClient, networkId: string, ref: QuarterRef) {
  return db.reportingPeriod.findUnique({
    where: { networkId_year_quarter: { networkId, year: ref.year, quarter: ref.quarter } },
    select: periodSelect,
  });
}

type PeriodSettings = Pick<CampaignSchedule, "periodOpensDay" | "periodClosesAfterDays">;
type PeriodNetwork = { id: string; timeZone: string } & Partial<PeriodSettings>;

/** The network's period settings, read only when the caller did not bring them along. */
async function periodSettings(db: DbClient, network: PeriodNetwork): Promise<PeriodSettings> {
  if (network.periodOpensDay !== undefined && network.periodClosesAfterDays !== undefined) {
    return { periodOpensDay: network.periodOpensDay, periodClosesAfterDays: network.periodClosesAfterDays };
  }
  return db.network.findUniqueOrThrow({ where: { id: network.id }, select: { periodOpensDay: true, periodClosesAfterDays: true } });
}

/** The period row for a quarter, created on first use (by a report or by the campaign). */
export async function ensurePeriod(db: DbClient, network: PeriodNetwork, ref: QuarterRef) {
  const bounds = periodBounds(ref, network.timeZone, await periodSettings(db, network));
  // createMany + skipDuplicates is INSERT … ON CONFLICT DO NOTHING: safe when two requests
  // open the same quarter at once, where Prisma's upsert may race into a unique violation.
  await db.reportingPeriod.createMany({
    data: {
      networkId: network.id,
      year: ref.year,
      quarter: ref.quarter,
      ...bounds,
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
    select: { id: true, name: true, timeZone: true, defaultLocale: true, periodOpensDay: true, periodClosesAfterDays: true },
  });
}
