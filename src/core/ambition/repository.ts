import type { DbClient } from "../../db/database.js";
import type { AmbitionValue } from "./timeline.js";

export type AmbitionSource = "PROFILE" | "REPORT" | "MIGRATED";

/**
 * Each employer's ambition values, oldest first. With `networkIds` (every employer of those
 * networks is wanted, or a superset is harmless) the rows are found through the employer's
 * network: a join, where a list of 500 ids costs twice as much to send and match.
 */
export async function ambitionChangesOf(db: DbClient, employerIds: readonly string[], networkIds?: readonly string[]): Promise<Map<string, AmbitionValue[]>> {
  const where = networkIds && employerIds.length > 1
    ? { employer: { networkId: networkIds.length === 1 ? networkIds[0] : { in: [...networkIds] } } }
    : { employerId: employerIds.length === 1 ? employerIds[0] : { in: [...employerIds] } };
  const rows =
    employerIds.length === 0
      ? []
      : await db.employerAmbitionChange.findMany({
          where,
          select: { employerId: true, ambition: true, targetDate: true, changedAt: true },
          orderBy: [{ changedAt: "asc" }, { id: "asc" }],
        });
  const byEmployer = new Map<string, AmbitionValue[]>();
  for (const { employerId, ...value } of rows) {
    const list = byEmployer.get(employerId);
    if (list) list.push(value);
    else byEmployer.set(employerId, [value]);
  }
  return byEmployer;
}

/**
 * Sets the employer's ambition and keeps the value in its history; nothing happens when neither
 * the number nor the date changes (a form sent again is no new ambition). Call inside the
 * transaction that made the change.
 */
export async function recordAmbition(
  tx: DbClient,
  employerId: string,
  value: { ambition: number; targetDate?: Date | null },
  by: { personId: string | null; source: AmbitionSource; at: Date },
): Promise<boolean> {
  const current = await tx.employer.findUniqueOrThrow({ where: { id: employerId }, select: { ambition: true, ambitionTargetDate: true } });
  const targetDate = value.targetDate === undefined ? current.ambitionTargetDate : value.targetDate;
  const last = await tx.employerAmbitionChange.findFirst({ where: { employerId }, select: { id: true }, orderBy: [{ changedAt: "desc" }, { id: "desc" }] });
  if (last && current.ambition === value.ambition && sameDay(current.ambitionTargetDate, targetDate)) return false;
  await tx.employer.update({ where: { id: employerId }, data: { ambition: value.ambition, ambitionTargetDate: targetDate } });
  await tx.employerAmbitionChange.create({
    data: { employerId, ambition: value.ambition, targetDate, source: by.source, changedById: by.personId, changedAt: by.at },
  });
  return true;
}

const sameDay = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export const dayToDate = (day: string | null | undefined) => (day === undefined ? undefined : day === null ? null : new Date(`${day}T00:00:00Z`));
