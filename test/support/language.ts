import { expect } from "vitest";
import { catalogue, type Locale } from "../../src/i18n/catalogue.js";

// Words of one of our catalogues that the other never uses: a reply in that language has one.
const wordsOf = (locale: Locale) =>
  new Set(Object.values(catalogue[locale]).flatMap((m) => m.replace(/\{\w+\}/g, " ").toLowerCase().match(/\p{L}{3,}/gu) ?? []));
const dutchWords = wordsOf("nl");
const englishWords = wordsOf("en");
const onlyDutch = new Set([...dutchWords].filter((w) => !englishWords.has(w)));
const onlyEnglish = new Set([...englishWords].filter((w) => !dutchWords.has(w)));
// Names and places in the data may be anything (the demo data is Dutch, so an English reply
// may show Dutch event titles); these words never appear in a reply of ours in the other language.
const ENGLISH = /\b(the|you|your|please|cannot|don't|only)\b/i;
const DUTCH = /\b(je|jij|jouw|niet|alleen|typ|opdracht)\b/i;

/** In Dutch: some Dutch-only catalogue word, and no common English word the person did not type. */
export function expectDutch(text: string, typed = "", context = ""): void {
  const words = text.toLowerCase().match(/\p{L}{3,}/gu) ?? [];
  expect(words.some((w) => onlyDutch.has(w)), `${context} not Dutch: ${text.slice(0, 200)}`).toBe(true);
  if (!ENGLISH.test(typed)) expect(text, `${context} English words`).not.toMatch(ENGLISH);
}

/** In English: some English-only catalogue word, and no common Dutch word the person did not type. */
export function expectEnglish(text: string, typed = "", context = ""): void {
  const words = text.toLowerCase().match(/\p{L}{3,}/gu) ?? [];
  expect(words.some((w) => onlyEnglish.has(w)), `${context} not English: ${text.slice(0, 200)}`).toBe(true);
  if (!DUTCH.test(typed)) expect(text, `${context} Dutch words`).not.toMatch(DUTCH);
}

export function expectLanguage(locale: Locale, text: string, typed = "", context = ""): void {
  if (locale === "en") expectEnglish(text, typed, context);
  else expectDutch(text, typed, context);
}
