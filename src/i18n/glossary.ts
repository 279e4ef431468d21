/**
 * One word per concept, so a coordinator reads the same word in every reply, form and page.
 * test/unit/glossary.test.ts refuses the banned variants in the catalogues; when a concept
 * needs a new word, change it here and in the messages together.
 */
export interface GlossaryEntry {
  concept: string;
  nl: string;
  en: string;
  /** Variants that must not appear in that language's catalogue. */
  banned: { nl?: RegExp[]; en?: RegExp[] };
  why: string;
}

export const glossary: GlossaryEntry[] = [
  {
    concept: "a meeting people sign up for",
    nl: "evenement (mv. evenementen); het overzicht heet agenda",
    en: "event",
    // "Netwerkbijeenkomst" stays: it is the name of one kind of evenement.
    banned: { nl: [/\bbijeenkomst(en)?\b/i, /\bevents?\b/i, /\bmeetings?\b/i] },
    why: "Coordinators saw bijeenkomst, evenement and event for the same thing and asked whether they differ.",
  },
  {
    concept: "room at an evenement",
    nl: "plek (mv. plekken)",
    en: "place (pl. places)",
    banned: { nl: [/\bplaatsen\b/i, /\bvrije plaats\b/i, /\bzitplaats(en)?\b/i], en: [/\bseats?\b/i, /\bspots?\b/i] },
    why: "\"plaats\" is also the town an employer is based in (vestigingsplaats); room at an evenement is a plek.",
  },
  {
    concept: "saying you come to an evenement",
    nl: "aanmelding, aanmelden; wie zich aanmeldde: deelnemer",
    en: "sign-up, sign up; the person: attendee",
    banned: { nl: [/\binschrijving(en)?\b/i, /\binschrijven\b/i, /\bregistratie(s)?\b/i, /\baangemelden\b/i], en: [/\bregistrations?\b/i] },
    why: "\"Aangemelden\" is not a word a B1 reader knows; deelnemer is.",
  },
  {
    concept: "postponing campaign messages",
    nl: "uitstellen (herinner me maandag, uitstellen tot vrijdag)",
    en: "snooze",
    banned: { nl: [/\bsnooze\b/i] },
    why: "An English command word in a Dutch reply; the old word keeps working as an alias.",
  },
  {
    concept: "the web address of an online evenement",
    nl: "link om online mee te doen",
    en: "online link",
    banned: { nl: [/onlinelink/i] },
    why: "\"Onlinelink\" is a half-English compound.",
  },
];

/** Words that keep their capital after a colon: names, not the start of a sentence. */
export const properNouns = new Set(["Slack", "Teams", "Excel", "Microsoft", "Netwerkbot", "CSV", "I", "GEANNULEERD", "CANCELLED"]);

/** Spelled-out plural hedges: ICU plural chooses the form instead. */
export const handMadePlurals = [/\w\((s|en|men|e)\)/i, /\bpersoon\/personen\b/i, /\bperson\/people\b/i];
