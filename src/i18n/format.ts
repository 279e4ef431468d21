import type { Locale } from "./catalogue.js";

export const localeTags: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };
const tags = localeTags;

// Building an Intl formatter costs far more than using one, and replies format many numbers
// and dates: keep one per locale, style and time zone.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) cache.set(key, (formatter = create()));
  return formatter;
}

const numberFormats: Partial<Record<Locale, Intl.NumberFormat>> = {};

export function formatNumber(locale: Locale, value: number): string {
  // Placement counts are nearly always whole numbers below 1000, which both locales write as
  // plain digits (no grouping): String() gives the same text without Intl's cost per number.
  if (Number.isInteger(value) && value >= 0 && value < 1000) return String(value);
  return (numberFormats[locale] ??= new Intl.NumberFormat(tags[locale])).format(value);
}

export function formatPercent(locale: Locale, fraction: number): string {
  return cached(`p:${locale}`, () => new Intl.NumberFormat(tags[locale], { style: "percent", maximumFractionDigits: 0 })).format(fraction);
}

export function formatDateTime(locale: Locale, date: Date, timeZone = "Europe/Amsterdam"): string {
  return cached(`dt:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(tags[locale], { dateStyle: "full", timeStyle: "short", timeZone })).format(date);
}

export function formatDate(locale: Locale, date: Date, timeZone = "Europe/Amsterdam"): string {
  return cached(`d:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(tags[locale], { dateStyle: "long", timeZone })).format(date);
}

export function formatTime(locale: Locale, date: Date, timeZone = "Europe/Amsterdam"): string {
  return cached(`t:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(tags[locale], { timeStyle: "short", timeZone })).format(date);
}

/** Banen: always one decimal ("3,0" in Dutch, "3.0" in English). */
export function formatOneDecimal(locale: Locale, value: number): string {
  return cached(`1d:${locale}`, () => new Intl.NumberFormat(tags[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(value);
}

/**
 * A moment as people type it, for lists and counts: "15-12-2026 15:00" in Dutch,
 * "15/12/2026 15:00" in English (never ISO: "2026-12-15T15:00" reads as a code).
 */
export function formatShortDateTime(locale: Locale, date: Date, timeZone = "Europe/Amsterdam"): string {
  const formatter = cached(`sdt:${locale}:${timeZone}`, () => new Intl.DateTimeFormat(tags[locale], { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }));
  const parts = formatter.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const separator = locale === "nl" ? "-" : "/";
  return `${part("day")}${separator}${part("month")}${separator}${part("year")} ${part("hour")}:${part("minute")}`;
}
