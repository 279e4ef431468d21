import type { Prisma } from "../../generated/prisma/client.js";

/**
 * The one rule for archived employers (README "Gearchiveerde werkgevers"), used by every
 * prompt, list and figure so they never disagree:
 *
 * - **Now** (prompts and reminders, directory, subgroup contacts, the network's ambition and
 *   employer count): only employers that are not archived, and only people of such employers
 *   (or without one, such as coordinators).
 * - **A quarter's figures** (who reported, response rate, totals, ambition): an employer counts
 *   when it reported that quarter, or when it was a member at the quarter's end (joined before
 *   it, and not archived or archived only after it). So archiving never rewrites a past quarter,
 *   an employer that left during the open quarter without reporting drops out of its
 *   denominator, and a quarter before an employer joined is "not yet a member", not "not reported".
 */
export const currentEmployer = { archivedAt: null } satisfies Prisma.EmployerWhereInput;

export function currentEmployers(networkId: string): Prisma.EmployerWhereInput {
  return { networkId, ...currentEmployer };
}

export function employersCountedInQuarter(networkId: string, quarter: { periodId: string | null; endsAt: Date }): Prisma.EmployerWhereInput {
  return {
    networkId,
    OR: [
      { joinedAt: { lt: quarter.endsAt }, OR: [{ archivedAt: null }, { archivedAt: { gte: quarter.endsAt } }] },
      ...(quarter.periodId ? [{ reports: { some: { periodId: quarter.periodId } } }] : []),
    ],
  };
}

/** People shown to other members or prompted: their employer is current, or they have none. */
export const ofCurrentEmployer: Prisma.PersonWhereInput = { OR: [{ employerId: null }, { employer: currentEmployer }] };

/** Whether an employer row (with archivedAt) counts as current by the rule above. */
export const isCurrent = (employer: { archivedAt: Date | null }) => employer.archivedAt === null;

/** The same rule for a row in memory: `reported` is whether it reported that quarter. */
export function countsInQuarter(employer: { joinedAt: Date; archivedAt: Date | null }, endsAt: Date, reported: boolean): boolean {
  if (reported) return true;
  return employer.joinedAt.getTime() < endsAt.getTime() && (employer.archivedAt === null || employer.archivedAt.getTime() >= endsAt.getTime());
}

/** Why an employer does not count in a quarter it did not report. */
export function notCountedBecause(employer: { joinedAt: Date }, endsAt: Date): "notYetMember" | "left" {
  return employer.joinedAt.getTime() >= endsAt.getTime() ? "notYetMember" : "left";
}
