import type { CellValue, RichText } from "exceljs";
import type JSZip from "jszip";
import { fail, ok, type Result } from "../result.js";
import type { SheetRow } from "./read-file.js";

// An .xlsx is a zip of XML files that compress about tenfold; 2 MB of member list unpacks to
// some 20 MB. A "zip bomb" of a few kilobytes can unpack to gigabytes, so the unpacked size is
// counted as it is inflated (declared sizes can lie) and the workbook refused past this.
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 2_000;

/** The first worksheet's rows (a sheet named "Leden" or "Members" wins), every cell as text. */
export async function readXlsx(bytes: Uint8Array): Promise<Result<SheetRow[]>> {
  // Loaded on the first import, not at start: exceljs and jszip are a large share of start-up (issue 16).
  const [{ default: JSZip }, { default: ExcelJS }] = await Promise.all([import("jszip"), import("exceljs")]);
  const zip = await JSZip.loadAsync(bytes).catch(() => undefined);
  if (!zip) return fail("invalid", "import.file.notXlsx");
  if (!(await unpacksWithinLimit(zip))) return fail("invalid", "import.file.xlsxTooLarge");
  if (!zip.file("xl/workbook.xml")) return fail("invalid", "import.file.notXlsx");

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return fail("invalid", "import.file.notXlsx");
  }
  const sheet = workbook.worksheets.find((ws) => /^(leden|ledenlijst|members)$/i.test(ws.name.trim())) ?? workbook.worksheets[0];
  if (!sheet) return fail("invalid", "import.file.empty");
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = row.values as CellValue[];
    // row.values is 1-based and sparse: index 0 and empty cells are holes.
    rows.push({ number, cells: Array.from(values.slice(1), cellText) });
  });
  return ok(rows);
}

async function unpacksWithinLimit(zip: JSZip): Promise<boolean> {
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > MAX_ENTRIES) return false;
  let total = 0;
  for (const entry of entries) {
    const within = await new Promise<boolean>((resolve, reject) => {
      const stream = entry.nodeStream("nodebuffer");
      stream
        .on("data", (chunk: Buffer) => {
          total += chunk.length;
          if (total > MAX_UNPACKED_BYTES) {
            stream.pause();
            resolve(false);
          }
        })
        .on("error", reject)
        .on("end", () => resolve(true));
    }).catch(() => false);
    if (!within) return false;
  }
  return true;
}

/** What the cell shows: a formula's result, a link's text, rich text without its styling. */
export function cellText(value: CellValue | { richText: RichText[] } | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) return cellText(value.text as CellValue);
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result as CellValue);
  return "";
}
