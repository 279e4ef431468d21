import { describe, expect, it } from "vitest";
import { csvText, xlsxCell } from "../../src/core/exports/cells.js";

const amsterdam = { locale: "nl" as const, timeZone: "Europe/Amsterdam" };
const english = { locale: "en" as const, timeZone: "Europe/Amsterdam" };

describe("export cells", () => {
  it("writes a moment as the local time in the network's zone, winter and summer, the Dutch or the ISO way", () => {
    const winter = new Date("2026-12-15T14:00:00Z");
    const summer = new Date("2026-07-01T13:05:00Z");
    expect(csvText({ at: winter }, amsterdam)).toBe("15-12-2026 15:00");
    expect(csvText({ at: summer }, amsterdam)).toBe("01-07-2026 15:05");
    expect(csvText({ at: summer }, english)).toBe("2026-07-01 15:05");
    expect(csvText({ at: winter }, { locale: "nl", timeZone: "America/Curacao" })).toBe("15-12-2026 10:00");
    // Just before midnight UTC is already the next day in Amsterdam.
    expect(csvText({ day: new Date("2028-12-31T23:30:00Z") }, amsterdam)).toBe("01-01-2029");
    expect(xlsxCell({ at: summer }, amsterdam)).toEqual({ value: new Date(Date.UTC(2026, 6, 1, 15, 5)), numFmt: "dd-mm-yyyy hh:mm" });
    expect(xlsxCell({ day: new Date("2028-12-31T23:30:00Z") }, english)).toEqual({ value: new Date(Date.UTC(2029, 0, 1)), numFmt: "yyyy-mm-dd" });
  });

  it("writes one decimal with the reader's decimal sign, and keeps it a number in the workbook", () => {
    expect(csvText({ decimal: 1.25 / 1 }, amsterdam)).toBe("1,3");
    expect(csvText({ decimal: 2 }, english)).toBe("2.0");
    expect(xlsxCell({ decimal: 34 / 25.5 }, amsterdam)).toEqual({ value: 1.3, numFmt: "0.0" });
  });

  it("defuses formula-looking text in CSV and leaves numbers and empty cells alone", () => {
    expect(csvText("=1+1", amsterdam)).toBe("'=1+1");
    expect(csvText("-3 plaatsingen", amsterdam)).toBe("'-3 plaatsingen");
    expect(csvText(-3, amsterdam)).toBe("-3");
    expect(csvText(null, amsterdam)).toBe("");
    expect(xlsxCell("=1+1", amsterdam)).toEqual({ value: "=1+1" });
  });
});
