import { TZDate } from "@date-fns/tz";
import { quarterEnd, quarterStart, type QuarterRef } from "../reporting/quarters.js";
import type { CampaignSchedule } from "./schema.js";

/** Campaign moments are 09:00 local: early enough to act on, never at night. */
export const CAMPAIGN_HOUR = 9;

export type MilestoneKind = "open" | `reminder-${number}` | "close";

export interface Milestone {
  kind: MilestoneKind;
  fireAt: Date;
}

/**
 * The campaign of one quarter in a network's time zone, as its coordinators set it: open at
 * 09:00 on the first working day at or after `periodOpensDay` days into the quarter, a reminder
 * round on the first working day at or after each offset from the opening, close at local
 * midnight `periodClosesAfterDays` days after the quarter's end. A pure function, so the
 * schedule can be tested with any clock.
 */
export function campaignMilestones(ref: QuarterRef, timeZone: string, schedule: CampaignSchedule): Milestone[] {
  const bounds = periodBounds(ref, timeZone, schedule);
  const open = workingDayAt(quarterStart(ref, timeZone), schedule.periodOpensDay, timeZone);
  const reminders = [...new Set(schedule.reminderOffsetsDays)]
    .filter((days) => days > 0)
    .sort((a, b) => a - b)
    .map((days, index) => ({ kind: `reminder-${index + 1}` as const, fireAt: workingDayAt(open, days, timeZone) }))
    .filter((m) => m.fireAt < bounds.closesAt);
  return [{ kind: "open", fireAt: open }, ...reminders, { kind: "close", fireAt: bounds.closesAt }];
}

/** The instants a quarter's period opens and closes: local midnights, shifted by the network's settings. */
export function periodBounds(ref: QuarterRef, timeZone: string, schedule: Pick<CampaignSchedule, "periodOpensDay" | "periodClosesAfterDays">) {
  return {
    opensAt: localMidnightAfter(quarterStart(ref, timeZone), schedule.periodOpensDay, timeZone),
    closesAt: localMidnightAfter(quarterEnd(ref, timeZone), schedule.periodClosesAfterDays, timeZone),
  };
}

function localMidnightAfter(from: Date, days: number, timeZone: string): Date {
  if (days === 0) return from;
  const local = new TZDate(from.getTime(), timeZone);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, 0, 0, timeZone).getTime());
}

/** 09:00 local on the first working day at or after `days` local days after `from`. */
export function workingDayAt(from: Date, days: number, timeZone: string): Date {
  const local = new TZDate(from.getTime(), timeZone);
  // Constructing from local parts keeps 09:00 local across a daylight-saving change.
  let day = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, CAMPAIGN_HOUR, 0, timeZone);
  while (!isWorkingDay(day)) {
    day = new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + 1, CAMPAIGN_HOUR, 0, timeZone);
  }
  return new Date(day.getTime());
}

/** Weekends and the Dutch public holidays that can fall on a quarter's first days. */
export function isWorkingDay(local: TZDate): boolean {
  const weekday = local.getDay();
  if (weekday === 0 || weekday === 6) return false;
  const month = local.getMonth();
  const date = local.getDate();
  if (month === 0 && date === 1) return false; // Nieuwjaarsdag
  const easter = easterSunday(local.getFullYear());
  const easterMonday = new Date(Date.UTC(easter.getUTCFullYear(), easter.getUTCMonth(), easter.getUTCDate() + 1));
  return !(month === easterMonday.getUTCMonth() && date === easterMonday.getUTCDate());
}

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + i + i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

/** The local calendar day of an instant, as "2026-10-01": the unit of "one message per day". */
export function localDay(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

export const quarterKey = (ref: QuarterRef) => `${ref.year}Q${ref.quarter}`;
