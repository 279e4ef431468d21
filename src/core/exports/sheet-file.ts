import { stringify } from "csv-stringify/sync";
import { csvText, xlsxCell, type Cell, type CellStyle } from "./cells.js";
import { CSV_MIME, XLSX_MIME, type ExportFormat, type SpreadsheetFile } from "./schema.js";

export type { Cell } from "./cells.js";

export interface SheetContent {
  /** The worksheet's name in the workbook ("Leden"). */
  name: string;
  header: string[];
  rows: Cell[][];
  /** A second worksheet explaining each column; the import reads only the first. */
  help?: { name: string; lines: string[][] };
}

/**
 * CSV as Excel writes it in a Dutch locale ("CSV UTF-8"): `;` between cells (the comma is the
 * decimal sign there), CRLF line ends and a byte-order mark, without which Excel reads
 * "Coördinator" as "CoÃ¶rdinator".
 */
export function csvFile(content: SheetContent, style: CellStyle): string {
  const rows = content.rows.map((row) => row.map((cell) => csvText(cell, style)));
  return stringify([content.header, ...rows], { delimiter: ";", record_delimiter: "windows", bom: true });
}

// The zip entries and the workbook's properties carry this date instead of the clock's, so the
// same data gives the same bytes wherever and whenever it is downloaded, like the CSV. (The zip
// format's dates start in 1980.)
const FILE_DATE = new Date(Date.UTC(1980, 0, 1));

/** The same content as an .xlsx workbook: header in bold, frozen and with a filter; numbers and dates typed. */
export async function xlsxFile(content: SheetContent, style: CellStyle): Promise<Uint8Array> {
  const [{ default: ExcelJS }, { default: JSZip }] = await Promise.all([import("exceljs"), import("jszip")]); // on the first export, not at start (issue 16)
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Netwerkbot";
  workbook.created = FILE_DATE;
  workbook.modified = FILE_DATE;
  const sheet = workbook.addWorksheet(content.name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(content.header).font = { bold: true };
  // Cells are typed values, never formulas: exceljs writes a string as text, so "=…" stays text.
  for (const cells of content.rows) {
    const typed = cells.map((cell) => xlsxCell(cell, style));
    const row = sheet.addRow(typed.map((c) => c.value));
    typed.forEach((c, i) => {
      if (c.numFmt) row.getCell(i + 1).numFmt = c.numFmt;
    });
  }
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(content.header[i]?.length ?? 0, ...content.rows.map((row) => csvText(row[i] ?? null, style).length));
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
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  zip.forEach((_path, entry) => {
    entry.date = FILE_DATE;
  });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The export as a file of the chosen type: `basename` gets .csv or .xlsx. */
export async function spreadsheetFile(content: SheetContent, format: ExportFormat, basename: string, style: CellStyle): Promise<SpreadsheetFile> {
  if (format === "xlsx") return { filename: `${basename}.xlsx`, mimeType: XLSX_MIME, content: await xlsxFile(content, style) };
  return { filename: `${basename}.csv`, mimeType: CSV_MIME, content: csvFile(content, style) };
}
