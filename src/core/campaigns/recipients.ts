import type { DbClient } from "../../db/database.js";
import { currentEmployer } from "../members/archive-scope.js";

const contactSelect = {
  id: true,
  quietHoursStart: true,
  quietHoursEnd: true,
  snoozedUntil: true,
  employer: { select: { id: true, name: true } },
} as const;

/**
 * Every current employer's reporting contacts: people erased under the AVG and people of an
 * archived employer never get anything (see archive-scope.ts).
 */
export function reportingContacts(db: DbClient, networkId: string) {
  return db.person.findMany({
    where: { networkId, reportingContact: true, erasedAt: null, employer: currentEmployer },
    select: contactSelect,
    orderBy: { id: "asc" },
  });
}

/** Contacts of employers without a report for the period: one report excuses all colleagues. */
export function contactsWithoutReport(db: DbClient, networkId: string, periodId: string) {
  return db.person.findMany({
    where: {
      networkId,
      reportingContact: true,
      erasedAt: null,
      employer: { ...currentEmployer, reports: { none: { periodId } } },
    },
    select: contactSelect,
    orderBy: { id: "asc" },
  });
}

export function coordinators(db: DbClient, networkId: string) {
  return db.person.findMany({
    where: { networkId, role: "COORDINATOR", erasedAt: null },
    select: { id: true, name: true, quietHoursStart: true, quietHoursEnd: true, snoozedUntil: true },
    orderBy: { id: "asc" },
  });
}

export type Contact = Awaited<ReturnType<typeof reportingContacts>>[number];
