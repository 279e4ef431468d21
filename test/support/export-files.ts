import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { expect } from "vitest";

/** Codes from the database an export must never show a reader. */
export const CODES = /^(YES|NO|MAYBE|REPORTED|NOT_REPORTED|SLACK|TEAMS|WEB|EMAIL|MEMBER|GUEST|COORDINATOR|true|false|null|undefined)$/;

/**
 * A CSV export as Dutch Excel reads it, checked on the way: the UTF-8 byte-order mark, CRLF
 * after every line and nowhere a bare LF, then parsed by csv-parse with `;` (a comma-separated
 * file would come back as one column per line).
 */
export function readCsv(content: string | Uint8Array): string[][] {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text.endsWith("\r\n")).toBe(true);
  const rows: string[][] = parse(text, { delimiter: ";", bom: true, record_delimiter: "\r\n", relax_column_count: false });
  expect(rows.length).toBeGreaterThan(0);
  return rows;
}

export interface XlsxSheet {
  rows: ExcelJS.CellValue[][];
  numFmts: string[][];
  formulas: number;
}

/** The first worksheet of an .xlsx export, read by exceljs: values as typed, and their number formats. */
export async function readXlsx(content: string | Uint8Array): Promise<XlsxSheet> {
  expect(typeof content).not.toBe("string");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(content as Uint8Array) as never);
  const sheet = workbook.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  const numFmts: string[][] = [];
  let formulas = 0;
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: ExcelJS.CellValue[] = [];
    const formats: string[] = [];
    for (let i = 1; i <= sheet.columnCount; i += 1) {
      const cell = row.getCell(i);
      if (cell.type === ExcelJS.ValueType.Formula) formulas += 1;
      values.push(cell.value ?? null);
      formats.push(cell.numFmt ?? "");
    }
    rows.push(values);
    numFmts.push(formats);
  });
  return { rows, numFmts, formulas };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * An .xlsx cell written the way the CSV writes it, to compare the two files cell by cell: a date
 * (stored as its wall-clock time) in the Dutch or ISO order, a number with the reader's decimal
 * sign, text as is (the CSV's formula guard adds a quote the workbook does not need).
 */
export function asCsvText(value: ExcelJS.CellValue, numFmt: string, locale: "nl" | "en"): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const day = locale === "nl" ? `${pad(value.getUTCDate())}-${pad(value.getUTCMonth() + 1)}-${value.getUTCFullYear()}` : `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    return numFmt.includes("hh:mm") ? `${day} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : day;
  }
  if (typeof value === "number") {
    const text = numFmt === "0.0" ? value.toFixed(1) : String(value);
    return locale === "nl" ? text.replace(".", ",") : text;
  }
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Both files of one export hold the same table: same header, rows and values, the .xlsx typed. */
export async function expectSameTable(csv: string | Uint8Array, xlsx: string | Uint8Array, locale: "nl" | "en"): Promise<{ csv: string[][]; xlsx: XlsxSheet }> {
  const csvRows = readCsv(csv);
  const sheet = await readXlsx(xlsx);
  expect(sheet.formulas).toBe(0);
  expect(sheet.rows.map((row, r) => row.map((v, c) => asCsvText(v, sheet.numFmts[r]![c]!, locale)))).toEqual(csvRows);
  const texts = [...csvRows.flat(), ...sheet.rows.flat().filter((v): v is string => typeof v === "string")];
  expect(texts.filter((cell) => CODES.test(cell))).toEqual([]);
  return { csv: csvRows, xlsx: sheet };
}
