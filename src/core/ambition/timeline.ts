import { TZDate } from "@date-fns/tz";

/** One value the ambition had from `changedAt` on (EmployerAmbitionChange). */
export interface AmbitionValue {
  ambition: number;
  targetDate: Date | null;
  changedAt: Date;
}

/**
 * The ambition in force at an instant: the last value set before it. An employer whose first
 * value came later (a report for a quarter before the profile was made) has its first value.
 */
export function ambitionAt(changes: readonly AmbitionValue[], at: Date): AmbitionValue | null {
  let found: AmbitionValue | null = null;
  for (const change of changes) {
    if (change.changedAt.getTime() < at.getTime()) found = change;
    else break;
  }
  return found ?? changes[0] ?? null;
}

export interface Progress {
  /** Placements of all reported quarters up to and including this one. */
  cumulative: number;
  ambition: number;
  targetDate: Date | null;
  /** cumulative / ambition; null when there is no ambition to measure against. */
  share: number | null;
  reached: boolean;
  /** The target date lies before the day looked at. */
  targetPassed: boolean;
}

export function progressOf(cumulative: number, value: Pick<AmbitionValue, "ambition" | "targetDate"> | null, at: Date, timeZone: string): Progress {
  const ambition = value?.ambition ?? 0;
  const targetDate = value?.targetDate ?? null;
  return {
    cumulative,
    ambition,
    targetDate,
    share: ambition > 0 ? cumulative / ambition : null,
    reached: ambition > 0 && cumulative >= ambition,
    targetPassed: targetDate !== null && isoDay(targetDate) < localDay(at, timeZone),
  };
}

/** A DATE column arrives as UTC midnight: its day is the UTC day. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

// A status builds one Progress per employer, all for the same instant and zone: resolving the
// zone once instead of 500 times is most of the status's own time.
let lastDay: { key: string; day: string } | undefined;

function localDay(at: Date, timeZone: string): string {
  const key = `${timeZone}|${at.getTime()}`;
  if (lastDay?.key === key) return lastDay.day;
  const day = computeLocalDay(at, timeZone);
  lastDay = { key, day };
  return day;
}

function computeLocalDay(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}-${String(local.getDate()).padStart(2, "0")}`;
}
