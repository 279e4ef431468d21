import { findNumbers } from "libphonenumber-js/max";
import type { MessageKey, MessageParams } from "../../i18n/index.js";
import { BENEFIT_ABBREVIATIONS, BENEFIT_WORDS, HEALTH_ABBREVIATIONS, HEALTH_WORDS } from "./sensitive-words.js";

export interface SensitiveFinding {
  key: MessageKey;
  params?: MessageParams;
}

const LETTER = "\\p{L}\\p{N}";

// Accents and case do not change a word's meaning here ("Wajong", "wajóng").
const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

function wordPattern(entry: string, flags: string): RegExp {
  const body = entry
    .replace(/^\*|\*$/g, "")
    .replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
    .replace(/ /g, "\\s+");
  const before = entry.startsWith("*") ? `[${LETTER}]*` : "";
  const after = entry.endsWith("*") ? `[${LETTER}]*` : "";
  return new RegExp(`(?<![${LETTER}])(${before}${body}${after})(?![${LETTER}])`, flags);
}

const lists = [
  { key: "reporting.remark.health", words: HEALTH_WORDS, abbreviations: HEALTH_ABBREVIATIONS },
  { key: "reporting.remark.benefit", words: BENEFIT_WORDS, abbreviations: BENEFIT_ABBREVIATIONS },
] as const;
const matchers = lists.map((list) => ({
  key: list.key,
  words: list.words.map((w) => wordPattern(fold(w), "u")),
  abbreviations: list.abbreviations.map((a) => wordPattern(a, "u")),
}));

// "geplaatst: Jan de Vries", "Geplaatst - J. Jansen", "geplaatste kandidaat Piet": a capitalised
// word after "geplaatst(e)" (and an optional noun such as kandidaat/medewerker) reads as a name.
// "geplaatst bij Albert Heijn" or "geplaatst in Q3" start with a lower-case word and pass.
const NAME_AFTER_PLACED = /\b[Gg]eplaatste?\b(?:\s+(?:kandidaat|kandidaten|medewerker|medewerkers|persoon|personen|collega|collega's))?\s*[:\-–—,]?\s*\p{Lu}[\p{L}'’.-]*/u;

const EMAIL = /[^\s@<>()[\]:;,"']+@[^\s@<>()[\]:;,"']+\.\p{L}{2,}/u;

// Nine digits, optionally grouped 3-3-3 or 4-2-3 with spaces, dots or dashes, as a BSN is written.
const NINE_DIGITS = /(?<![\d])(\d{3}[ .-]?\d{3}[ .-]?\d{3}|\d{4}[ .-]?\d{2}[ .-]?\d{3})(?![\d])/g;

/** The elfproef every BSN passes: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. */
export function passesElevenProof(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  const sum = [...digits].reduce((total, d, i) => total + Number(d) * (i === 8 ? -1 : 9 - i), 0);
  return sum % 11 === 0;
}

function containsBsn(text: string): boolean {
  for (const match of text.matchAll(NINE_DIGITS)) {
    if (passesElevenProof(match[1]!.replace(/[ .-]/g, ""))) return true;
  }
  return false;
}

function containsPhoneNumber(text: string): boolean {
  // "valid" leniency: the number must exist in the numbering plan, so "25,5 uur" or "2026" never match.
  return findNumbers(text, { defaultCountry: "NL", v2: true }).some((found) => found.number.isValid());
}

/**
 * What in a remark looks like personal or health data of the people placed, or null for a
 * harmless remark. The first finding is enough: the member is told what to leave out.
 */
export function sensitiveContent(remark: string): SensitiveFinding | null {
  if (NAME_AFTER_PLACED.test(remark)) return { key: "reporting.remark.name" };
  if (EMAIL.test(remark)) return { key: "reporting.remark.email" };
  if (containsBsn(remark)) return { key: "reporting.remark.bsn" };
  const folded = fold(remark);
  for (const list of matchers) {
    const found = list.words.map((p) => p.exec(folded)?.[1]).find(Boolean) ?? list.abbreviations.map((p) => p.exec(remark)?.[1]).find(Boolean);
    if (found) return { key: list.key, params: { word: found } };
  }
  if (containsPhoneNumber(remark)) return { key: "reporting.remark.phone" };
  return null;
}
