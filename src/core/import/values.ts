import { z } from "zod";
import type { Offer, PersonFunction, Role, SizeBand } from "../../generated/prisma/enums.js";
import type { Locale, MessageKey } from "../../i18n/index.js";
import { functionWords, offerWords, sizeWords } from "../directory/schema.js";

// The words a coordinator types in a spreadsheet cell, Dutch or English, and the words the
// export writes back. Spelling is forgiving the way Excel users are: "Zeer groot", "zeer-groot"
// and "ZEER_GROOT" are one word, and so are "coördinator" and "coordinator".

/** Lower case, accents and spaces, dashes, dots and underscores removed. */
export function normaliseWord(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[\s\-_.]+/g, "");
}

function lookup<T extends string>(...maps: Array<Record<string, T>>): Map<string, T> {
  return new Map(maps.flatMap((map) => Object.entries(map).map(([word, value]) => [normaliseWord(word), value] as const)));
}

const sizes = lookup<SizeBand>(sizeWords, {
  MICRO: "MICRO", SMALL: "SMALL", MEDIUM: "MEDIUM", LARGE: "LARGE", VERY_LARGE: "VERY_LARGE",
  "zeer groot": "VERY_LARGE", "very large": "VERY_LARGE", middelgroot: "MEDIUM", kleinbedrijf: "SMALL", grootbedrijf: "LARGE",
});
const functions = lookup<PersonFunction>(functionWords, {
  DIRECTIE: "DIRECTIE", HR: "HR", INKOOP: "INKOOP", MVO: "MVO", OVERIG: "OVERIG",
  hrm: "HR", "p&o": "HR", personeel: "HR", eigenaar: "DIRECTIE", owner: "DIRECTIE", ceo: "DIRECTIE", directeurgrootaandeelhouder: "DIRECTIE",
  inkoper: "INKOOP", buyer: "INKOOP", "maatschappelijk verantwoord ondernemen": "MVO", anders: "OVERIG", overige: "OVERIG",
});
const roles = lookup<Role>({
  lid: "MEMBER", member: "MEMBER", deelnemer: "MEMBER", participant: "MEMBER", MEMBER: "MEMBER",
  coördinator: "COORDINATOR", netwerkcoördinator: "COORDINATOR", regiocoördinator: "COORDINATOR", COORDINATOR: "COORDINATOR",
});
const offers = lookup<Offer>(offerWords, { WERKPLEK: "WERKPLEK", TIJD: "TIJD", KENNIS: "KENNIS", werkplaats: "WERKPLEK", leerwerkplek: "WERKPLEK" });
const yes = new Set(["ja", "j", "yes", "y", "x", "waar", "true", "1"]);
const no = new Set(["nee", "n", "no", "onwaar", "false", "0"]);
const parseYesNo = (value: string) => (yes.has(normaliseWord(value)) ? true : no.has(normaliseWord(value)) ? false : undefined);

// A typo of a few zeros should not turn a bakery into a multinational; no Dutch employer has more.
const MAX_EMPLOYEES = 1_000_000;

/** 120, "1.200" (Dutch thousands), "1,200", "1 200", "50-249" (the lower bound counts) or "1000+". */
function employeeCount(value: string): number | undefined {
  const lowerBound = /^(\d[\d.,\s]*?)\s*(?:[-–—]\s*\d[\d.,\s]*|\+)$/.exec(value);
  const digits = (lowerBound ? lowerBound[1]! : value).trim();
  if (!/^\d{1,3}(?:([.,\s\u00a0])\d{3})*$/.test(digits) && !/^\d+$/.test(digits)) return undefined;
  const count = Number(digits.replace(/[.,\s\u00a0]/g, ""));
  return count <= MAX_EMPLOYEES ? count : undefined;
}

/** The size bands of schema.prisma: 1–9, 10–49, 50–249, 250–999, 1000+ employees. */
export function sizeBandFor(employees: number): SizeBand {
  if (employees < 10) return "MICRO";
  if (employees < 50) return "SMALL";
  if (employees < 250) return "MEDIUM";
  if (employees < 1000) return "LARGE";
  return "VERY_LARGE";
}

function parseSize(value: string): SizeBand | undefined {
  const count = employeeCount(value);
  return count === undefined ? sizes.get(normaliseWord(value)) : sizeBandFor(count);
}

function parseOffers(value: string): Offer[] | undefined {
  const words = value.split(/[,;/+&\s]+/).filter((word) => word !== "" && !/^(en|and)$/i.test(word));
  const found = words.map((word) => offers.get(normaliseWord(word)));
  if (found.some((offer) => offer === undefined)) return undefined;
  return OFFER_ORDER.filter((offer) => found.includes(offer));
}

const OFFER_ORDER: Offer[] = ["WERKPLEK", "TIJD", "KENNIS"];

/** A zod schema for one non-empty cell: the mapped value, or an issue with the given message key. */
function cell<T>(parse: (value: string) => T | undefined, message: MessageKey) {
  return z.string().transform((value, ctx) => {
    const parsed = parse(value);
    if (parsed === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
    return parsed;
  });
}

export const cellSchemas = {
  size: cell(parseSize, "import.row.unknownSize"),
  offers: cell(parseOffers, "import.row.unknownOffer"),
  function: cell((v) => functions.get(normaliseWord(v)), "import.row.unknownFunction"),
  role: cell((v) => roles.get(normaliseWord(v)), "import.row.unknownRole"),
  yesNo: cell(parseYesNo, "import.row.unknownYesNo"),
};

const words = {
  size: { nl: { MICRO: "micro", SMALL: "klein", MEDIUM: "middel", LARGE: "groot", VERY_LARGE: "zeer groot" }, en: { MICRO: "micro", SMALL: "small", MEDIUM: "medium", LARGE: "large", VERY_LARGE: "very large" } },
  offer: { nl: { WERKPLEK: "werkplek", TIJD: "tijd", KENNIS: "kennis" }, en: { WERKPLEK: "workplace", TIJD: "time", KENNIS: "knowledge" } },
  function: { nl: { DIRECTIE: "directie", HR: "HR", INKOOP: "inkoop", MVO: "MVO", OVERIG: "overig" }, en: { DIRECTIE: "management", HR: "HR", INKOOP: "purchasing", MVO: "CSR", OVERIG: "other" } },
  role: { nl: { MEMBER: "lid", COORDINATOR: "coördinator" }, en: { MEMBER: "member", COORDINATOR: "coordinator" } },
  yesNo: { nl: ["nee", "ja"], en: ["no", "yes"] },
} as const satisfies Record<string, Record<Locale, unknown>>;

/** The words the export writes, which the import reads back as the same values. */
export const cellWords = {
  size: (band: SizeBand, locale: Locale) => words.size[locale][band],
  offers: (list: Offer[], locale: Locale) => OFFER_ORDER.filter((o) => list.includes(o)).map((o) => words.offer[locale][o]).join(", "),
  function: (f: PersonFunction, locale: Locale) => words.function[locale][f],
  role: (r: Role, locale: Locale) => words.role[locale][r],
  yesNo: (b: boolean, locale: Locale) => words.yesNo[locale][b ? 1 : 0],
};
