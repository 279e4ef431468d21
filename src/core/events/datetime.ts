import { TZDate } from "@date-fns/tz";

// "2026-12-15T15:00", "2026-12-15 15:00" or with seconds: a wall-clock time in the network's zone.
const localPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
// "15-12-2026 15:00" or "15-12-2026 15.00": how Dutch people type a date and time.
const dutchPattern = /^(\d{1,2})-(\d{1,2})-(\d{4}),?\s+(?:om\s+)?(\d{1,2})[:.](\d{2})$/;
// Anything with an explicit offset or Z is an instant already (API clients, the playground).
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * The one place where typed dates become instants. Forms send local Amsterdam time without an
 * offset; a Date or an ISO string with offset is taken as is. Returns null for anything else,
 * including impossible dates such as 31 February (which Date would silently roll over).
 */
export function parseEventDateTime(value: unknown, timeZone: string): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (instantPattern.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const dutch = dutchPattern.exec(text);
  const match = dutch ? [text, dutch[3], dutch[2], dutch[1], dutch[4], dutch[5], undefined] : localPattern.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  if (month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second! > 59) return null;
  const local = new TZDate(year!, month! - 1, day!, hour!, minute!, second!, timeZone);
  if (local.getDate() !== day || local.getMonth() !== month! - 1) return null;
  return new Date(local.getTime());
}

/** The form's initial value for a datetime field: local wall-clock time, minutes precision. */
export function toLocalInput(date: Date, timeZone: string): string {
  const local = new TZDate(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}
