import { stringify } from "csv-stringify/sync";
import { safeCell } from "../core/shared/spreadsheet-cell.js";

export { safeCell };

/** With a byte-order mark, wherever the file goes (chat or dashboard): Excel then reads the UTF-8 names (Coördinator) correctly. */
export function toCsv<T extends object>(rows: T[], columns: Array<keyof T & string>): string {
  return stringify(
    rows.map((row) => columns.map((c) => safeCell(row[c]))),
    { header: true, columns, bom: true },
  );
}
