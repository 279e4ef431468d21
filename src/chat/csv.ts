import { stringify } from "csv-stringify/sync";

// Spreadsheet programs run a cell that starts with = + - @ (or tab / carriage return) as a
// formula; a remark like "=HYPERLINK(...)" typed in chat must stay text when a coordinator
// opens the export. The OWASP advice: prefix such cells with a single quote.
const formulaStart = /^[=+\-@\t\r]/;

export function safeCell(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : value === null || value === undefined ? "" : String(value);
  return formulaStart.test(text) ? `'${text}` : text;
}

export function toCsv<T extends object>(rows: T[], columns: Array<keyof T & string>): string {
  return stringify(
    rows.map((row) => columns.map((c) => safeCell(row[c]))),
    { header: true, columns },
  );
}
