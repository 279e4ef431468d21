import { TZDate } from "@date-fns/tz";
import { CAMPAIGN_HOUR, localDay } from "./calendar.js";

/** What a person controls about campaign messages (see snooze.ts). */
export interface NoisePreferences {
  quietHoursStart: number | null;
  quietHoursEnd: number | null;
  snoozedUntil: Date | null;
}

/** Earliest moment at or after `candidate` outside the person's quiet hours and snooze. */
export function respectPreferences(candidate: Date, prefs: NoisePreferences, timeZone: string): Date {
  let at = prefs.snoozedUntil && prefs.snoozedUntil > candidate ? prefs.snoozedUntil : candidate;
  const { quietHoursStart: start, quietHoursEnd: end } = prefs;
  if (start === null || end === null || start === end) return at;
  const local = new TZDate(at.getTime(), timeZone);
  const hour = local.getHours();
  const quiet = start < end ? hour >= start && hour < end : hour >= start || hour < end;
  if (!quiet) return at;
  const dayOffset = start > end && hour >= start ? 1 : 0;
  at = new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + dayOffset, end, 0, timeZone).getTime());
  return at;
}

/**
 * When a campaign message may go out: respecting quiet hours and snooze, and never on a
 * local day that already has a campaign message for this person (the next day at 09:00).
 */
export function campaignSendTime(candidate: Date, prefs: NoisePreferences, busyDays: Set<string>, timeZone: string): Date {
  let at = respectPreferences(candidate, prefs, timeZone);
  for (let guard = 0; guard < 366 && busyDays.has(localDay(at, timeZone)); guard++) {
    const local = new TZDate(at.getTime(), timeZone);
    const next = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, CAMPAIGN_HOUR, 0, timeZone);
    at = respectPreferences(new Date(next.getTime()), prefs, timeZone);
  }
  return at;
}
