import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

// Member-list files as a coordinator's Excel would save them, for the import tests.

export const DUTCH_HEADER = ["werkgever", "branche", "omvang", "plaats", "regio", "biedt", "ambitie", "naam", "e-mail", "functie", "rol", "rapporteert"];
export const ENGLISH_HEADER = ["employer", "sector", "size", "place", "region", "offers", "ambition", "name", "email", "function", "role", "reports"];

export type SheetCells = Array<Array<string | number>>;

export interface CsvOptions {
  delimiter?: ";" | "," | "\t";
  bom?: boolean;
  eol?: "\r\n" | "\n";
}

/** "CSV UTF-8 (gescheiden door lijstscheidingsteken)" by default: ; with a BOM and CRLF. */
export function csvOf(rows: SheetCells, { delimiter = ";", bom = true, eol = "\r\n" }: CsvOptions = {}): Uint8Array {
  return new TextEncoder().encode(stringify(rows, { delimiter, bom, record_delimiter: eol === "\r\n" ? "windows" : "unix" }));
}

/** A workbook with the rows on its first sheet, numbers as numbers, and a second sheet that is not read. */
export async function xlsxOf(rows: SheetCells, sheetName = "Blad1"): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row.map((cell) => (typeof cell === "string" && /^\d+$/.test(cell) ? Number(cell) : cell)));
  workbook.addWorksheet("Notities").addRow(["werkgever", "naam"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const branches = ["Zorg", "Logistiek", "Voeding", "ICT", "Industrie", "Overheid", "Onderwijs", "Bouw"];
const places = ["Enschede", "Hengelo", "Almelo", "Oldenzaal", "Borne", "Delden"];
const sizes = ["micro", "klein", "middel", "groot", "zeer groot", "35", "1.200", "180"];
const offers = ["werkplek", "werkplek, tijd", "kennis", "tijd, kennis", "werkplek, tijd, kennis", ""];
const functions = ["HR", "directie", "inkoop", "MVO", "overig"];

/**
 * A network's member list: `employers` employers with `people` contacts spread over them, the
 * first contact of each employer reporting. The employer columns are filled on every row.
 */
export function memberRows(employers: number, people: number, domain = "voorbeeld"): SheetCells {
  const rows: SheetCells = [DUTCH_HEADER];
  for (let p = 0; p < people; p++) {
    const e = p % employers;
    const first = p < employers;
    rows.push([
      `Werkgever ${String(e + 1).padStart(4, "0")} BV`,
      branches[e % branches.length]!,
      sizes[e % sizes.length]!,
      places[e % places.length]!,
      "Twente",
      offers[e % offers.length]!,
      String((e * 7) % 50),
      `Contact ${p + 1} van werkgever ${e + 1}`,
      `contact${p + 1}@werkgever${e + 1}.${domain}.example`,
      functions[p % functions.length]!,
      "lid",
      first ? "ja" : "nee",
    ]);
  }
  return rows;
}
