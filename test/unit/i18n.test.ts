import { describe, expect, it } from "vitest";
import { catalogue } from "../../src/i18n/catalogue.js";
import { translate, translator } from "../../src/i18n/index.js";
import { formatDateTime, formatNumber } from "../../src/i18n/format.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  const keys = Object.keys(catalogue.nl) as Array<keyof typeof catalogue.nl>;

  it("has every Dutch message in English, non-empty, with the same placeholders", () => {
    expect(keys.length).toBeGreaterThan(20);
    const problems = keys.filter((key) => {
      const nl = catalogue.nl[key];
      const en = catalogue.en[key];
      return !nl?.trim() || !en?.trim() || placeholders(nl).join() !== placeholders(en).join();
    });
    expect(problems).toEqual([]);
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    const t = translator("nl");
    expect(t("field.tooLong", { max: 500 })).toBe("Dit is te lang (maximaal 500 tekens).");
    expect(translate("en", { key: "field.tooLong" })).toContain("{max}");
  });

  it("formats numbers and dates for the locale in Amsterdam time", () => {
    expect(formatNumber("nl", 12345)).toBe("12.345");
    expect(formatNumber("en", 12345)).toBe("12,345");
    expect(formatNumber("nl", 2.5)).toBe("2,5");
    for (const locale of ["nl", "en"] as const) {
      const intl = new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB");
      for (let n = -1; n <= 1000; n++) expect(formatNumber(locale, n)).toBe(intl.format(n));
    }
    const date = new Date("2026-12-15T14:00:00Z");
    expect(formatDateTime("nl", date)).toMatch(/dinsdag 15 december 2026.*15:00/);
    expect(formatDateTime("en", date)).toMatch(/Tuesday.*15 December 2026.*15:00/);
  });
});
