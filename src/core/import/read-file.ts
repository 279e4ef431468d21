import { fail, ok, type Result } from "../result.js";
import { parseCsv } from "./csv.js";
import { readXlsx } from "./xlsx.js";

// The largest network (De Normaalste Zaak, 550–700 partners with a few contacts each) has a
// member list of a few thousand rows: well under 1 MB as CSV and less as .xlsx. 2 MB leaves
// twice that room. Anything bigger is almost surely the wrong file (a workbook with pictures,
// a database dump), and the whole file and its plan are held in memory while it is checked.
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const tooLarge = () => fail("invalid", "import.file.tooLarge", { size: "2 MB" });
// Twice the largest member list; bounds the plan's size whatever the file's bytes hold.
export const MAX_ROWS = 10_000;

export type SheetFormat = "csv" | "xlsx";

/** A row as the spreadsheet program shows it: its number there (the header is row 1) and its cells as text. */
export interface SheetRow {
  number: number;
  cells: string[];
}

export interface Sheet {
  format: SheetFormat;
  /** Only rows with at least one filled cell. */
  rows: SheetRow[];
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
// The Compound File format of Excel 97–2003 (.xls), Word .doc and other old Office files.
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

/** Reads an upload by what it holds, not by its name: a zip is an .xlsx workbook, text is CSV. */
export async function readSheet(bytes: Uint8Array): Promise<Result<Sheet>> {
  if (bytes.length === 0) return fail("invalid", "import.file.empty");
  if (bytes.length > MAX_FILE_BYTES) return tooLarge();
  if (startsWith(bytes, OLE)) return fail("invalid", "import.file.oldExcel");
  if (startsWith(bytes, ZIP)) return finish("xlsx", await readXlsx(bytes));
  if (startsWith(bytes, PDF)) return fail("invalid", "import.file.binary");
  const text = decodeText(bytes);
  if (text === undefined) return fail("invalid", "import.file.binary");
  return finish("csv", parseCsv(text));
}

function finish(format: SheetFormat, rows: Result<SheetRow[]>): Result<Sheet> {
  if (!rows.ok) return rows;
  const filled = rows.value.filter((row) => row.cells.some((cell) => cell.trim() !== ""));
  if (filled.length === 0) return fail("invalid", "import.file.empty");
  if (filled.length > MAX_ROWS + 1) return fail("invalid", "import.file.tooManyRows", { max: MAX_ROWS });
  return ok({ format, rows: filled });
}

/**
 * Excel saves "CSV UTF-8" with a byte-order mark, plain "CSV" in Windows-1252, and "Unicode
 * text" as UTF-16 with a mark; all three are read. Undefined for what is not text at all.
 */
function decodeText(bytes: Uint8Array): string | undefined {
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else if (bytes.includes(0)) return undefined;
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      text = new TextDecoder("windows-1252").decode(bytes);
    }
  }
  return looksLikeText(text) ? text : undefined;
}

/** Text has tabs and line breaks, but hardly any other control characters; binary data has many. */
function looksLikeText(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  // eslint-disable-next-line no-control-regex
  const control = sample.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/g)?.length ?? 0;
  return control <= sample.length / 100;
}
