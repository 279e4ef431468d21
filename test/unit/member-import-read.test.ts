import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { matchHeader, normaliseHeader } from "../../src/core/import/columns.js";
import { detectDelimiter } from "../../src/core/import/csv.js";
import { readSheet } from "../../src/core/import/read-file.js";
import { cellSchemas } from "../../src/core/import/values.js";
import { translate } from "../../src/i18n/index.js";

const size = (value: string) => {
  const parsed = cellSchemas.size.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

describe("reading a member list", () => {
  it("maps a size given as a band (Dutch, English, the enum) or as a number of employees", () => {
    const cases: Record<string, string | undefined> = {
      micro: "MICRO", klein: "SMALL", Middel: "MEDIUM", groot: "LARGE", "zeer groot": "VERY_LARGE", "Zeer_Groot": "VERY_LARGE", "very large": "VERY_LARGE", VERY_LARGE: "VERY_LARGE", small: "SMALL",
      "0": "MICRO", "9": "MICRO", "10": "SMALL", "49": "SMALL", "50": "MEDIUM", "249": "MEDIUM", "250": "LARGE", "999": "LARGE", "1000": "VERY_LARGE",
      "1.200": "VERY_LARGE", "1,200": "VERY_LARGE", "1 200": "VERY_LARGE", "10-49": "SMALL", "50 – 249": "MEDIUM", "1000+": "VERY_LARGE",
      "12,5": undefined, "reuze": undefined, "-3": undefined, "5000000": undefined, "1.2": undefined,
    };
    expect(Object.fromEntries(Object.keys(cases).map((value) => [value, size(value)]))).toEqual(cases);
  });

  it("matches headers ignoring case, accents, spaces and punctuation, and lists the unknown ones", () => {
    expect(normaliseHeader(" E-Mail adres ")).toBe("emailadres");
    const match = matchHeader([" Werkgever", "NAAM", "É-mail", "Omvang (medewerkers)", "telefoon", "", "Rapporteert?"]);
    expect([...match.columns]).toEqual([["employer", 0], ["name", 1], ["email", 2], ["reports", 6]]);
    expect(match.unknown).toEqual(["Omvang (medewerkers)", "telefoon"]);
  });

  it("takes the separator of the header, not of a title line above it", () => {
    expect(detectDelimiter("Ledenlijst, november\r\nwerkgever;naam;e-mail\r\n")).toBe(";");
    expect(detectDelimiter('"werkgever;x",naam,e-mail\n')).toBe(",");
    expect(detectDelimiter("werkgever\tnaam\te-mail\n")).toBe("\t");
  });

  it("reads plain CSV from Excel in Windows-1252 and Unicode text in UTF-16", async () => {
    const latin1 = Uint8Array.from(Buffer.from("werkgever;naam;e-mail\r\nA;Co\xf6rdinator;c@a.example\r\n", "latin1"));
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from("werkgever\tnaam\te-mail\r\nA\tCoördinator\tc@a.example\r\n", "utf16le")]);
    for (const file of [latin1, utf16]) {
      const sheet = await readSheet(file);
      expect(sheet.ok && sheet.value.rows[1]!.cells).toEqual(["A", "Coördinator", "c@a.example"]);
    }
  });

  it("refuses a zip bomb before unpacking it into memory, and a zip that is no workbook", async () => {
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    zip.file("xl/worksheets/sheet1.xml", new Uint8Array(80 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const refused = await readSheet(bomb);
    expect(refused.ok ? "" : translate("nl", refused.error)).toMatch(/^Deze werkmap is uitgepakt veel te groot/);

    const notAWorkbook = await new JSZip().file("word/document.xml", "<w/>").generateAsync({ type: "uint8array" });
    const docx = await readSheet(notAWorkbook);
    expect(docx.ok ? "" : translate("nl", docx.error)).toMatch(/^Dit is een zip-bestand maar geen Excel-werkmap/);
  });
});
