import { isArgumentElement, isLiteralElement, isPluralElement, isSelectElement, parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { catalogue, locales, type Locale, type MessageKey } from "../../src/i18n/catalogue.js";
import { NumberParamError, translator } from "../../src/i18n/index.js";
import { argumentsOf, formatMessage } from "../../src/i18n/message-format.js";

/**
 * Which messages carry a number, decided by the parameter names and values the code passes:
 * - QUANTITIES hold a count or an amount (the code passes a number). Where such a parameter
 *   appears it must be an ICU `plural` (a noun follows: "1 werkgever", "2 werkgevers") or
 *   `number` (no noun: "Komen (3)", "maximaal 2.000").
 * - IDENTIFIERS are numbers that name something (event #3, versie 2, rij 14, plek 1 op de
 *   wachtlijst, pagina 2): no plural form depends on them, so they stay plain arguments.
 * - Any other plain argument written right after "maximaal"/"at most" or right before a
 *   counted noun ("{x} werkgevers") is taken for a count too, so a new count under a new name
 *   cannot slip past this list.
 */
const QUANTITIES = new Set([
  "count", "max", "realised", "ambition", "total", "shown", "people", "employers", "attending", "capacity",
  "waitlisted", "maybe", "minutes", "attempts", "pending", "retrying", "rows", "versions", "reported", "k",
  "asked", "met", "open", "employersAdded", "employersUpdated", "peopleAdded", "peopleUpdated", "page", "pages",
]);
const IDENTIFIERS = new Set(["number", "version", "revision", "row", "position"]);

const NOUNS: Record<Locale, { one: string[]; other: string[] }> = {
  nl: {
    one: ["werkgever", "lid", "plek", "plaatsing", "persoon", "contactpersoon", "rij", "minuut", "teken", "gast", "rapportage", "aanmelding", "poging", "versie", "subgroep", "deelnemer", "kolom"],
    other: ["werkgevers", "leden", "plekken", "plaatsingen", "personen", "contactpersonen", "rijen", "minuten", "tekens", "gasten", "rapportages", "aanmeldingen", "pogingen", "versies", "subgroepen", "deelnemers", "kolommen"],
  },
  en: {
    one: ["employer", "member", "place", "placement", "person", "contact", "row", "minute", "character", "guest", "report", "attempt", "version", "subgroup", "attendee", "column"],
    other: ["employers", "members", "places", "placements", "people", "contacts", "rows", "minutes", "characters", "guests", "reports", "attempts", "versions", "subgroups", "attendees", "columns"],
  },
};
const COUNTING_WORDS = /(maximaal|hoogstens|minder dan|meer dan|at most|fewer than|more than)\s*$/i;

const keys = Object.keys(catalogue.nl) as MessageKey[];
const numberArgs = (template: string) => [...argumentsOf(parse(template, { ignoreTag: true }))].filter(([, kind]) => kind === "number").map(([name]) => name);

/** Plain `{name}` arguments (not plural/number) that look like counts, judged by their name and the words around them. */
function plainCounts(locale: Locale, template: string): string[] {
  const counted = new RegExp(`^\\s+(${[...NOUNS[locale].one, ...NOUNS[locale].other].join("|")})\\b`, "iu");
  const found: string[] = [];
  const walk = (elements: MessageFormatElement[]) =>
    elements.forEach((el, i) => {
      if (isPluralElement(el) || isSelectElement(el)) Object.values(el.options).forEach((o) => walk(o.value));
      if (!isArgumentElement(el) || IDENTIFIERS.has(el.value)) return;
      const literal = (other?: MessageFormatElement) => (other && isLiteralElement(other) ? other.value : "");
      if (QUANTITIES.has(el.value) || COUNTING_WORDS.test(literal(elements[i - 1])) || counted.test(literal(elements[i + 1]))) found.push(el.value);
    });
  walk(parse(template, { ignoreTag: true }));
  return found;
}

describe("messages with a number use ICU plural or number", () => {
  it("has no count as a plain {argument} in either language", () => {
    const problems = locales.flatMap((locale) =>
      keys.map((key) => ({ locale, key, plain: plainCounts(locale, catalogue[locale][key]) })).filter((p) => p.plain.length > 0),
    );
    expect(problems).toEqual([]);
  });

  it("finds the counts this test exists for (the check itself works)", () => {
    expect(plainCounts("nl", "Ledengids: {total} werkgevers gevonden")).toEqual(["total"]);
    expect(plainCounts("nl", "{name} — {members} leden")).toEqual(["members"]);
    expect(plainCounts("en", "at most {limit}")).toEqual(["limit"]);
    expect(plainCounts("nl", "Evenement #{number} {title}")).toEqual([]);
    expect(plainCounts("nl", "{total, plural, one {# werkgever} other {# werkgevers}}")).toEqual([]);
  });

  const numbered = keys.filter((key) => locales.some((l) => numberArgs(catalogue[l][key]).length > 0));

  it("renders every message with a number for 0, 1 and 2 in Dutch and English, with the noun agreeing", () => {
    expect(numbered.length).toBeGreaterThan(60);
    for (const locale of locales) {
      const { one, other } = NOUNS[locale];
      const singularAfterMany = new RegExp(`\\b[02] (?:\\p{L}+ )?(${one.join("|")})\\b(?!-)`, "iu");
      const pluralAfterOne = new RegExp(`\\b1 (?:\\p{L}+ )?(${other.join("|")})\\b`, "iu");
      for (const key of numbered) {
        const template = catalogue[locale][key];
        for (const n of [0, 1, 2]) {
          const params: Record<string, string | number> = {};
          for (const [name, kind] of argumentsOf(parse(template, { ignoreTag: true }))) params[name] = kind === "number" ? n : "X";
          const text = formatMessage(locale, template, params);
          const where = `${locale} ${key} n=${n}: ${text}`;
          expect(text, where).not.toMatch(/[{}]|NaN/);
          expect(text, where).not.toMatch(n === 1 ? pluralAfterOne : singularAfterMany);
        }
      }
    }
  });

  it("gets the cases from the issue right", () => {
    const nl = translator("nl");
    const en = translator("en");
    expect(nl("reporting.history.line", { quarter: "Q3 2026", realised: 1, ambition: 10, reported: 1 })).toBe("Q3 2026: 1 plaatsing, ambitie 10 (1 werkgever)");
    expect(nl("directory.title", { total: 1 })).toBe("Ledengids: 1 werkgever gevonden");
    expect(nl("directory.title", { total: 0 })).toBe("Ledengids: geen werkgevers gevonden");
    expect(`Jonge Talenten: ${nl("dashboard.subgroups.members", { count: 1 })}`).toBe("Jonge Talenten: 1 lid");
    expect(nl("events.places.capacity", { attending: 1, capacity: 1, waitlisted: 0 })).toBe("1 van 1 plek bezet, 0 op de wachtlijst");
    expect(nl("events.places.capacity", { attending: 3, capacity: 12, waitlisted: 2 })).toBe("3 van 12 plekken bezet, 2 op de wachtlijst");
    expect(en("reporting.saved", { quarter: "Q3 2026", realised: 1, ambition: 5 })).toBe("Thank you! Your report for Q3 2026 is saved: 1 placement, ambition 5.");
    expect(en("subgroups.listLine", { name: "Inkopen", count: 1, member: "" }).trim()).toBe("Inkopen — 1 member");
    expect(nl("dashboard.public.subtitle", { employers: 1234, realised: 2, ambition: 30000, k: 5 })).toBe(
      "1.234 werkgevers · 2 plaatsingen in deze kwartalen · gezamenlijke ambitie 30.000 · groepen < 5 niet getoond",
    );
    expect(en("dashboard.public.subtitle", { employers: 1234, realised: 1, ambition: 30000, k: 5 })).toBe(
      "1,234 employers · 1 placement in these quarters · combined ambition 30,000 · groups < 5 not shown",
    );
  });

  it("refuses a count given as text, which would be read differently per language", () => {
    expect(() => translator("nl")("directory.title", { total: "1.234" })).toThrow(NumberParamError);
  });
});
