import { z } from "zod";
import { targetDateField } from "../ambition/schema.js";
import { MAX_PLACEMENTS } from "../reporting/schema.js";
import { cleanText, countField, optionalText, requiredText } from "../shared/fields.js";
import { functionField, offerField, sizeBandField } from "../directory/schema.js";

/** The choices forms offer, in the order they are shown. */
export const SIZE_BANDS = ["MICRO", "SMALL", "MEDIUM", "LARGE", "VERY_LARGE"] as const;
export const OFFERS = ["WERKPLEK", "TIJD", "KENNIS"] as const;
export const FUNCTIONS = ["HR", "INKOOP", "DIRECTIE", "MVO", "OVERIG"] as const;

/** How a chat platform is called in Dutch and English alike. */
export const platformName = (platform: string) => ({ SLACK: "Slack", TEAMS: "Microsoft Teams", WEB: "Web" })[platform] ?? platform;

// RFC 5321 caps an address at 254 characters.
const MAX_EMAIL = 254;

export const emailField = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toLowerCase() : value),
  z
    .string({ required_error: "field.required", invalid_type_error: "field.invalid" })
    .min(1, "field.required")
    .max(MAX_EMAIL, "field.tooLong")
    .email("field.invalidEmail"),
);

export const languageInput = z.object({
  locale: z.preprocess(
    (value) => (typeof value === "string" ? ({ nederlands: "nl", dutch: "nl", engels: "en", english: "en" } as Record<string, string>)[value.trim().toLowerCase()] ?? value.trim().toLowerCase() : value),
    z.enum(["nl", "en"], { errorMap: () => ({ message: "field.invalidLocale" }) }),
  ),
});
export type LanguageInput = z.input<typeof languageInput>;

/** Whose data: absent means the actor's own; coordinators may name a person of their network. */
export const subjectInput = z.object({ person: requiredText(MAX_EMAIL).optional() });
export type SubjectInput = z.input<typeof subjectInput>;

// Names: long enough for "Anna Maria van den Berg-de Vries", short enough for a chat line.
const MAX_NAME = 120;
// Profile texts are one-liners in the directory; descriptions may be a few sentences.
const MAX_PROFILE_TEXT = 100;
const MAX_OFFER_DESCRIPTION = 500;
// Challenges are tags ("vervoer", "ploegendiensten"), a handful per employer.
const MAX_CHALLENGES = 10;
const MAX_CHALLENGE = 80;

/** A text a form may empty: "" clears it (null), absent leaves it as it is (undefined). */
const clearableText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" ? cleanText(value) || null : value),
    z.string({ invalid_type_error: "field.invalid" }).max(max, "field.tooLong").nullable().optional(),
  );

const challengesField = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[,;\n]/).map((c) => c.trim()).filter(Boolean) : value),
  z
    .array(requiredText(MAX_CHALLENGE), { invalid_type_error: "field.invalid" })
    .max(MAX_CHALLENGES, "field.tooMany"),
);

const offersListField = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[,;\s]+/).filter(Boolean) : value),
  z.array(offerField, { invalid_type_error: "field.invalid" }).max(3, "field.invalid"),
);

export const employerProfileFields = z.object({
  branche: requiredText(MAX_PROFILE_TEXT).optional(),
  sizeBand: sizeBandField.optional(),
  location: requiredText(MAX_PROFILE_TEXT).optional(),
  region: requiredText(MAX_PROFILE_TEXT).optional(),
  challenges: challengesField.optional(),
  offers: offersListField.optional(),
  offerDescription: clearableText(MAX_OFFER_DESCRIPTION),
  inclusionMaturity: z.coerce
    .number({ invalid_type_error: "field.invalid" })
    .int("field.maturity")
    .min(1, "field.maturity")
    .max(5, "field.maturity")
    .optional(),
  ambition: countField(MAX_PLACEMENTS).optional(),
  ambitionTargetDate: targetDateField,
});

// Long enough for "Stichting Werkgeversservicepunt Regio Twente-Achterhoek", short enough to type.
export const MAX_EMPLOYER_NAME = 120;
const employerNameField = requiredText(MAX_EMPLOYER_NAME);

/** An employer by id, exact name or a unique part of its name (see findEmployer). */
export const employerRefInput = z.object({ employerId: requiredText(MAX_EMPLOYER_NAME).optional() });

/** Renaming is for coordinators only; the profile fields also for the employer's own people. */
export const updateEmployerInput = employerRefInput.merge(employerProfileFields).extend({ name: employerNameField.optional() });
export type UpdateEmployerInput = z.input<typeof updateEmployerInput>;

/** A new employer: the fields the directory and the figures need are required, the rest optional. */
export const createEmployerInput = employerProfileFields.extend({
  name: employerNameField,
  branche: requiredText(MAX_PROFILE_TEXT),
  sizeBand: sizeBandField,
  location: requiredText(MAX_PROFILE_TEXT),
  region: requiredText(MAX_PROFILE_TEXT),
});
export type CreateEmployerInput = z.input<typeof createEmployerInput>;

export const employerInput = z.object({ employer: requiredText(MAX_EMPLOYER_NAME) });

export const employerListInput = z.object({
  term: optionalText(MAX_EMPLOYER_NAME),
  archived: z.preprocess((value) => value === true || value === "true" || value === "1" || value === "on", z.boolean()).default(false),
});
export type EmployerListInput = z.input<typeof employerListInput>;

const yesNoField = z.preprocess(
  (value) => (value === "ja" || value === "yes" || value === "true" ? true : value === "nee" || value === "no" || value === "false" ? false : value),
  z.boolean({ invalid_type_error: "field.invalid" }),
);

const roleField = z.enum(["MEMBER", "COORDINATOR"], { errorMap: () => ({ message: "field.invalid" }) });

export const addPersonInput = z.object({
  name: requiredText(MAX_NAME),
  email: emailField,
  /** Employer id or exact name within the network; absent for coordinators without one. */
  employer: requiredText(MAX_PROFILE_TEXT).optional(),
  function: functionField.default("OVERIG"),
  jobTitle: optionalText(MAX_PROFILE_TEXT),
  role: roleField.default("MEMBER"),
  reportingContact: yesNoField.default(false),
});
export type AddPersonInput = z.input<typeof addPersonInput>;

/** A person by e-mail address, id, exact name or a unique part of a name (see findPerson). */
export const personInput = z.object({ person: requiredText(MAX_EMAIL) });

/** Only the fields given change; locale "" means "the network's language". */
export const updatePersonInput = personInput.extend({
  name: requiredText(MAX_NAME).optional(),
  email: emailField.optional(),
  function: functionField.optional(),
  jobTitle: clearableText(MAX_PROFILE_TEXT),
  role: roleField.optional(),
  reportingContact: yesNoField.optional(),
  locale: z.preprocess(
    (value) => (value === "" || value === "network" ? null : value),
    languageInput.shape.locale.nullable().optional(),
  ),
});
export type UpdatePersonInput = z.input<typeof updatePersonInput>;

export const movePersonInput = personInput.extend({ employer: requiredText(MAX_EMPLOYER_NAME) });

export const unlinkInput = personInput.extend({ identityId: requiredText(64) });

export const peopleListInput = z.object({ term: optionalText(MAX_NAME), employer: requiredText(MAX_EMPLOYER_NAME).optional() });
