import type { Locale } from "./catalogue.js";

const tags: Record<Locale, string> = { nl: "nl-NL", en: "en-GB" };

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(tags[locale]).format(value);
}

export function formatPercent(locale: Locale, fraction: number): string {
  return new Intl.NumberFormat(tags[locale], { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}

export function formatDateTime(locale: Locale, date: Date, timeZone = "Europe/Amsterdam"): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: "full", timeStyle: "short", timeZone }).format(date);
}

export function formatDate(locale: Locale, date: Date, timeZone = "Europe/Amsterdam"): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: "long", timeZone }).format(date);
}

/** "Q3 2026" reads the same in Dutch and English. */
export function formatQuarter(year: number, quarter: number): string {
  return `Q${quarter} ${year}`;
}
