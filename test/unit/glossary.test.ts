import { describe, expect, it } from "vitest";
import { catalogue, locales, type MessageKey } from "../../src/i18n/catalogue.js";
import { glossary, handMadePlurals, properNouns } from "../../src/i18n/glossary.js";

const keys = Object.keys(catalogue.nl) as MessageKey[];
// The words a reader sees: ICU syntax ("{count, plural, one {…}") is not text.
const prose = (template: string) => template.replace(/\{\w+(, \w+)?(, |\})/g, " ").replace(/\b(one|other|=\d+) \{/g, " ").replace(/[{}]/g, " ");

describe("glossary", () => {
  for (const entry of glossary) {
    it(`uses one word for ${entry.concept}: ${entry.nl} / ${entry.en}`, () => {
      const found = locales.flatMap((locale) =>
        (entry.banned[locale] ?? []).flatMap((pattern) =>
          keys.filter((key) => pattern.test(prose(catalogue[locale][key]))).map((key) => `${locale} ${key}: ${pattern} in "${catalogue[locale][key]}"`),
        ),
      );
      expect(found).toEqual([]);
    });
  }

  it("has no capital after a colon, except for a name", () => {
    const found = locales.flatMap((locale) =>
      keys.flatMap((key) =>
        [...prose(catalogue[locale][key]).matchAll(/:\s+(\p{Lu}[\p{L}]*)/gu)]
          .filter((m) => !properNouns.has(m[1]!))
          .map((m) => `${locale} ${key}: "${m[1]}" in "${catalogue[locale][key]}"`),
      ),
    );
    expect(found).toEqual([]);
  });

  it("lets ICU choose singular or plural instead of hedging with (s) or (en)", () => {
    const found = locales.flatMap((locale) => keys.filter((key) => handMadePlurals.some((p) => p.test(catalogue[locale][key]))).map((key) => `${locale} ${key}`));
    expect(found).toEqual([]);
  });

  it("says nothing twice in one message", () => {
    const found = locales.flatMap((locale) =>
      keys.filter((key) => {
        const sentences = prose(catalogue[locale][key]).split(/(?<=[.!?])\s+/).map((s) => s.trim().toLowerCase()).filter((s) => s.length > 8);
        return new Set(sentences).size !== sentences.length;
      }),
    );
    expect(found).toEqual([]);
  });

  it("catches the variants it names (the checks themselves work)", () => {
    const banned = (text: string) => glossary.some((e) => (e.banned.nl ?? []).some((p) => p.test(prose(text))));
    expect(banned("Aangemelden die bericht krijgen: 3.")).toBe(true);
    expect(banned("Vul een locatie of een onlinelink in.")).toBe(true);
    expect(banned("herinner me maandag (ook: snooze vrijdag)")).toBe(true);
    expect(banned("Komende bijeenkomsten")).toBe(true);
    expect(banned("Netwerkbijeenkomst")).toBe(false);
    expect(banned("{count, plural, one {# plek} other {# plekken}}")).toBe(false);
    expect(handMadePlurals.some((p) => p.test("3 rij(en) gelezen"))).toBe(true);
  });
});
