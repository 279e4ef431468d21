import { TZDate } from "@date-fns/tz";
import type { Locale } from "../../i18n/index.js";
import { safeCell } from "../shared/spreadsheet-cell.js";

/**
 * One cell of an export, typed so CSV and .xlsx show the same value: text, a whole number, a
 * number with one decimal (banen), a moment shown as local date and time in the network's time
 * zone, or a date alone. Words (Ja/Nee, "niet gerapporteerd") are text, chosen by the export.
 */
export type Cell = string | number | null | { decimal: number } | { at: Date } | { day: Date };

/** The reader's language and the network's time zone: how a cell is written. */
export interface CellStyle {
  locale: Locale;
  timeZone: string;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function localParts(date: Date, timeZone: string): LocalParts {
  const local = new TZDate(date.getTime(), timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate(), hour: local.getHours(), minute: local.getMinutes() };
}

const pad = (n: number) => String(n).padStart(2, "0");

// Dutch: 15-12-2026 15:00, as Excel in a Dutch locale writes and reads it. English: the ISO
// order 2026-12-15 15:00, which Excel reads as a date in every locale (15/12 would be text in
// an American one, and 01/12 the wrong day).
function dayText(p: LocalParts, locale: Locale): string {
  return locale === "nl" ? `${pad(p.day)}-${pad(p.month)}-${p.year}` : `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export const isAt = (cell: Cell): cell is { at: Date } => typeof cell === "object" && cell !== null && "at" in cell;
export const isDay = (cell: Cell): cell is { day: Date } => typeof cell === "object" && cell !== null && "day" in cell;
export const isDecimal = (cell: Cell): cell is { decimal: number } => typeof cell === "object" && cell !== null && "decimal" in cell;

/** The cell as CSV text: formulas defused, numbers with the reader's decimal sign, local dates. */
export function csvText(cell: Cell, style: CellStyle): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "string") return safeCell(cell);
  if (isDecimal(cell)) {
    const text = cell.decimal.toFixed(1);
    return style.locale === "nl" ? text.replace(".", ",") : text;
  }
  const parts = localParts(isAt(cell) ? cell.at : cell.day, style.timeZone);
  return isAt(cell) ? `${dayText(parts, style.locale)} ${pad(parts.hour)}:${pad(parts.minute)}` : dayText(parts, style.locale);
}

export interface XlsxCell {
  value: string | number | Date | null;
  numFmt?: string;
}

/**
 * The cell for exceljs. A spreadsheet has no time zones: a date is the wall-clock time it shows,
 * so the local time in the network's zone is written as that time in UTC, which exceljs stores.
 */
export function xlsxCell(cell: Cell, style: CellStyle): XlsxCell {
  if (cell === null || typeof cell === "number" || typeof cell === "string") return { value: cell };
  if (isDecimal(cell)) return { value: Number(cell.decimal.toFixed(1)), numFmt: "0.0" };
  const p = localParts(isAt(cell) ? cell.at : cell.day, style.timeZone);
  const day = style.locale === "nl" ? "dd-mm-yyyy" : "yyyy-mm-dd";
  if (isAt(cell)) return { value: new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)), numFmt: `${day} hh:mm` };
  return { value: new Date(Date.UTC(p.year, p.month - 1, p.day)), numFmt: day };
}
