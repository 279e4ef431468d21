import { stringify } from "csv-stringify/sync";
import { safeCell } from "../shared/spreadsheet-cell.js";

export type Cell = string | number;

export interface SheetContent {
  /** The worksheet's name in the workbook ("Leden"). */
  name: string;
  header: string[];
  rows: Cell[][];
  /** A second worksheet explaining each column; the import reads only the first. */
  help?: { name: string; lines: string[][] };
}

/**
 * CSV as Excel writes it in a Dutch locale ("CSV UTF-8"): `;` between cells, CRLF line ends and
 * a byte-order mark, without which Excel reads "Coördinator" as "CoÃ¶rdinator".
 */
export function csvFile(content: SheetContent): string {
  return stringify([content.header, ...content.rows.map((row) => row.map(safeCell))], { delimiter: ";", record_delimiter: "windows", bom: true });
}

/** The same content as an .xlsx workbook: header in bold, frozen and with a filter. */
export async function xlsxFile(content: SheetContent): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs"); // on the first export, not at start (issue 16)
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(content.name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(content.header).font = { bold: true };
  // Cells are typed values, never formulas: exceljs writes a string as text, so "=…" stays text.
  for (const row of content.rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(content.header[i]?.length ?? 0, ...content.rows.map((row) => String(row[i] ?? "").length));
    column.width = Math.min(40, Math.max(10, longest + 2));
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: content.header.length } };
  if (content.help) {
    const help = workbook.addWorksheet(content.help.name);
    for (const line of content.help.lines) help.addRow(line);
    help.getRow(1).font = { bold: true };
    help.getColumn(1).width = 16;
    help.getColumn(2).width = 90;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
