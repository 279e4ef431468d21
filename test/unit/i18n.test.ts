import { describe, expect, it } from "vitest";
import { catalogue } from "../../src/i18n/catalogue.js";
import { translate, translator } from "../../src/i18n/index.js";
import { formatDateTime, formatNumber } from "../../src/i18n/format.js";
import { argumentsOf, formatMessage } from "../../src/i18n/message-format.js";
import { parse } from "@formatjs/icu-messageformat-parser";

// Name and kind (text or number) of every ICU argument, plural arms included.
const placeholders = (text: string) => [...argumentsOf(parse(text, { ignoreTag: true }))].map(([name, kind]) => `${name}:${kind}`).sort();

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
    expect(t("field.tooLong", { max: 1 })).toBe("Dit is te lang (maximaal 1 teken).");
    expect(translate("en", { key: "events.rsvp.cancelled" })).toBe("{title} has been cancelled; you can no longer respond.");
    // Without the count no plural form can be chosen: the message is shown as written.
    expect(translate("en", { key: "field.tooLong" })).toContain("{max, plural");
  });

  it("leaves plain messages as they are, apostrophes and <placeholders> included", () => {
    expect(formatMessage("nl", "Geen foto's of komma's, typ zoek <woord>.")).toBe("Geen foto's of komma's, typ zoek <woord>.");
    expect(formatMessage("nl", "Typ {command} <naam> voor foto's.", { command: "lid" })).toBe("Typ lid <naam> voor foto's.");
    expect(formatMessage("en", "{name}'s report", { name: "Jan" })).toBe("Jan's report");
  });

  it("renders every message, filled with text, without losing a word (ICU quoting never swallows text)", () => {
    for (const locale of ["nl", "en"] as const) {
      for (const [key, template] of Object.entries(catalogue[locale])) {
        const params: Record<string, string | number> = {};
        for (const [name, kind] of argumentsOf(parse(template, { ignoreTag: true }))) params[name] = kind === "number" ? 2 : `«${name}»`;
        const text = formatMessage(locale, template, params);
        if (!/\{\w+, (plural|number)/.test(template)) expect(text, `${locale} ${key}`).toBe(template.replace(/\{(\w+)\}/g, "«$1»"));
        expect(text, `${locale} ${key}`).not.toMatch(/[{}]/);
      }
    }
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
