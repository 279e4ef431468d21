import type { MessageKey } from "../../i18n/index.js";
import { z } from "zod";
import { optionalText } from "../shared/fields.js";

// Ten employers per page: a longer chat reply is not read, and Slack caps a message at 50
// blocks. Fifty pages (500 employers, the size of all networks together) is the furthest anyone
// pages; past that the search should be narrowed, and the bound keeps OFFSET scans cheap.
export const PAGE_SIZE = 10;
export const MAX_PAGE = 50;
// People listed per employer in one result: enough to find the right one, short enough to scan.
export const MAX_PEOPLE_PER_EMPLOYER = 8;
// Search words are names and places, never paragraphs.
const MAX_TERM = 100;

export const offerWords: Record<string, "WERKPLEK" | "TIJD" | "KENNIS"> = {
  werkplek: "WERKPLEK", werkplekken: "WERKPLEK", workplace: "WERKPLEK", placement: "WERKPLEK", plek: "WERKPLEK", locatie: "WERKPLEK", location: "WERKPLEK",
  tijd: "TIJD", time: "TIJD", begeleiding: "TIJD", coaching: "TIJD",
  kennis: "KENNIS", knowledge: "KENNIS", expertise: "KENNIS",
};

export const functionWords: Record<string, "DIRECTIE" | "HR" | "INKOOP" | "MVO" | "OVERIG"> = {
  directie: "DIRECTIE", directeur: "DIRECTIE", director: "DIRECTIE", management: "DIRECTIE", board: "DIRECTIE",
  hr: "HR", personeelszaken: "HR",
  inkoop: "INKOOP", inkoper: "INKOOP", purchasing: "INKOOP", procurement: "INKOOP",
  mvo: "MVO", csr: "MVO", duurzaamheid: "MVO", sustainability: "MVO",
  overig: "OVERIG", other: "OVERIG",
};

export const sizeWords: Record<string, "MICRO" | "SMALL" | "MEDIUM" | "LARGE" | "VERY_LARGE"> = {
  micro: "MICRO", "1-9": "MICRO",
  klein: "SMALL", small: "SMALL", "10-49": "SMALL",
  middel: "MEDIUM", middelgroot: "MEDIUM", medium: "MEDIUM", "50-249": "MEDIUM",
  groot: "LARGE", large: "LARGE", "250-999": "LARGE",
  "zeer-groot": "VERY_LARGE", zeergroot: "VERY_LARGE", "very-large": "VERY_LARGE", very_large: "VERY_LARGE", "1000+": "VERY_LARGE",
};

/** Maps a typed word (Dutch or English, any case) to an enum value; unknown words are invalid. */
function wordTo<T extends string>(words: Record<string, T>, message: MessageKey = "field.invalid") {
  return z.preprocess(
    (value) => (typeof value === "string" ? words[value.trim().toLowerCase()] ?? value : value),
    z.enum(Object.values(words) as [T, ...T[]], { errorMap: () => ({ message }) }),
  );
}

// Says which words work: "Deze waarde is ongeldig." left people guessing (issue 14).
export const offerField = wordTo(offerWords, "field.offers");
export const functionField = wordTo(functionWords);
export const sizeBandField = wordTo(sizeWords);

/** "werkplek,tijd" or ["werkplek", "tijd"]: every listed offer must be on the employer's list. */
const offersField = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[,\s]+/).filter(Boolean) : value),
  z.array(offerField).min(1, "field.required").max(3, "field.invalid"),
);

export const directoryInput = z.object({
  term: optionalText(MAX_TERM),
  branche: optionalText(MAX_TERM),
  region: optionalText(MAX_TERM),
  offers: offersField.optional(),
  subgroup: optionalText(MAX_TERM),
  function: functionField.optional(),
  sizeBand: sizeBandField.optional(),
  page: z.coerce
    .number({ invalid_type_error: "field.invalid" })
    .int("field.invalid")
    .min(1, "field.invalid")
    .max(MAX_PAGE, "field.pageTooFar")
    .default(1),
});
export type DirectoryInput = z.input<typeof directoryInput>;
export type DirectoryQuery = z.output<typeof directoryInput>;
