import { CsvError, parse } from "csv-parse/sync";
import { fail, ok, type Result } from "../result.js";
import type { SheetRow } from "./read-file.js";

const DELIMITERS = [";", ",", "\t"] as const;

// A title line above the header ("Ledenlijst, bijgewerkt november") has a comma or two; the
// header itself has a separator between each of its columns.
const DETECT_LINES = 10;

/**
 * Excel writes `;` in a Dutch locale and `,` in an English one (and tabs as "Unicode text"), so
 * the separator is the one that one of the first lines uses most often, outside quotes.
 */
export function detectDelimiter(text: string): string {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 200).filter((line) => line.trim() !== "").slice(0, DETECT_LINES);
  let best = { delimiter: ",", count: 0 };
  for (const line of lines) {
    for (const [delimiter, count] of separatorCounts(line)) if (count > best.count) best = { delimiter, count };
  }
  return best.delimiter;
}

function separatorCounts(line: string): Map<string, number> {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return counts;
}

/**
 * Every record with its row number as a spreadsheet shows it: a quoted cell with line breaks
 * in it is one row, and empty lines keep their number, so "row 7" is row 7 in Excel too.
 */
export function parseCsv(text: string): Result<SheetRow[]> {
  try {
    const records: string[][] = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      // Hand-made files have quotes inside a cell (Bakkerij "De Korenschoof"); Excel's own are escaped.
      relax_quotes: true,
      skip_empty_lines: false,
    });
    return ok(records.map((cells, index) => ({ number: index + 1, cells })));
  } catch (error) {
    if (error instanceof CsvError) return fail("invalid", "import.file.badCsv", { line: Number(error.lines) });
    throw error;
  }
}
