import { z } from "zod";
import { countField, idField, optionalText, requiredText, cleanText } from "../shared/fields.js";
import { parseEventDateTime } from "./datetime.js";

export const EVENT_KINDS = ["PRAKTIJKTAFEL", "MASTERCLASS", "NETWERKBIJEENKOMST", "KENNISKRING"] as const;
export type EventKindValue = (typeof EVENT_KINDS)[number];
export const RSVP_RESPONSES = ["YES", "NO", "MAYBE"] as const;
export type RsvpResponseValue = (typeof RSVP_RESPONSES)[number];

// A praktijktafel is about quality over quantity (a dozen seats); the largest national
// gathering of ~500 employers with a few people each stays under 2,000. More is a typo.
export const MAX_CAPACITY = 2_000;
// Titles show as a header in Slack (150 chars max) and a Teams card title.
export const MAX_TITLE_LENGTH = 120;
// Slack section text is capped at 3,000 characters; leave room for the rest of the announcement.
export const MAX_DESCRIPTION_LENGTH = 2_000;
export const MAX_PLACE_LENGTH = 200;
// Browsers and chat clients handle ~2,000 character URLs; meeting links are far shorter.
export const MAX_URL_LENGTH = 500;
// A praktijktafel invites a few named guests (wethouder, UWV, WSP); twenty is a conference.
export const MAX_GUESTS = 20;
// Twenty guests of 80 characters still fit a Slack field (2,000 characters) with separators.
export const MAX_GUEST_LENGTH = 80;
// Events are planned months, not years ahead: a start beyond this is a mistyped year.
export const MAX_DAYS_AHEAD = 3 * 366;
// Network events last hours, at most a multi-day programme; longer is a mistyped end date.
export const MAX_DURATION_DAYS = 14;

const DAY_MS = 86_400_000;

/** Empty means "not given"; anything unparseable becomes a value z.date() refuses as invalid. */
const toDate = (timeZone: string) => (value: unknown) => {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return undefined;
  return parseEventDateTime(value, timeZone) ?? "invalid";
};

const dateTimeField = (timeZone: string) =>
  z.preprocess(toDate(timeZone), z.date({ required_error: "field.required", invalid_type_error: "field.invalidDate" }));

// Optional inside the preprocess: an empty form field ("") must count as "not given".
const optionalDateTimeField = (timeZone: string) =>
  z.preprocess(toDate(timeZone), z.date({ invalid_type_error: "field.invalidDate" }).optional());

const kindField = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toUpperCase() : value),
  z.enum(EVENT_KINDS, { errorMap: (issue) => ({ message: issue.code === "invalid_type" && issue.received === "undefined" ? "field.required" : "field.invalid" }) }),
);

// Typed as "wethouder, UWV" in a form, or an array from API clients.
const guestsField = z.preprocess(
  (value) => {
    if (value === undefined || value === null) return [];
    const items = typeof value === "string" ? value.split(/[,;\n]/) : value;
    return Array.isArray(items) ? items.map((g) => (typeof g === "string" ? cleanText(g) : g)).filter((g) => g !== "") : items;
  },
  z
    .array(z.string({ invalid_type_error: "field.invalid" }).max(MAX_GUEST_LENGTH, "field.tooLong"), { invalid_type_error: "field.invalid" })
    .max(MAX_GUESTS, "field.events.tooManyGuests"),
);

const httpsUrl = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() || undefined : value ?? undefined),
  z
    .string({ invalid_type_error: "field.invalidUrl" })
    .max(MAX_URL_LENGTH, "field.tooLong")
    .refine(isHttpsUrl, "field.invalidUrl")
    .optional(),
);

// Empty or "network" in the audience select means the whole network.
const audienceField = z.preprocess(
  (value) => (value === "" || value === null || value === "network" ? undefined : value),
  idField.optional(),
);

const capacityField = z.preprocess(
  (value) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value),
  countField(MAX_CAPACITY).optional(),
);

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    // URL throws on anything that is not a URL: that is exactly the answer "not valid".
    return false;
  }
}

export const eventFieldNames = [
  "kind", "title", "description", "guests", "location", "onlineUrl", "startsAt", "endsAt", "capacity", "rsvpDeadline", "subgroupId",
] as const;

/** All fields of an event; `startsInFutureOf` is set when the start must not lie in the past. */
export function eventFields(timeZone: string, now: Date, options: { startMustBeFuture: boolean }) {
  return z
    .object({
      kind: kindField,
      title: requiredText(MAX_TITLE_LENGTH),
      description: optionalText(MAX_DESCRIPTION_LENGTH),
      guests: guestsField,
      location: optionalText(MAX_PLACE_LENGTH),
      onlineUrl: httpsUrl,
      startsAt: dateTimeField(timeZone),
      endsAt: dateTimeField(timeZone),
      capacity: capacityField,
      rsvpDeadline: optionalDateTimeField(timeZone),
      subgroupId: audienceField,
    })
    .superRefine((event, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
      if (event.capacity === 0) issue("capacity", "field.events.capacityZero");
      if (!event.location && !event.onlineUrl) issue("location", "field.events.placeRequired");
      if (options.startMustBeFuture && event.startsAt <= now) issue("startsAt", "field.events.startInPast");
      if (event.startsAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) issue("startsAt", "field.events.tooFarAhead");
      if (event.endsAt <= event.startsAt) issue("endsAt", "field.events.endBeforeStart");
      else if (event.endsAt.getTime() - event.startsAt.getTime() > MAX_DURATION_DAYS * DAY_MS) issue("endsAt", "field.events.tooLong");
      if (event.rsvpDeadline && event.rsvpDeadline >= event.startsAt) issue("rsvpDeadline", "field.events.deadlineAfterStart");
    });
}
export type EventFields = z.output<ReturnType<typeof eventFields>>;

/** The short number people type (ics 3): anything else is answered about event numbers, not counts. */
const eventNumberField = z.preprocess(
  (value) => (typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
  z.number({ invalid_type_error: "field.events.number" }).int("field.events.number").min(1, "field.events.number").max(1_000_000, "field.events.number"),
);

/** An event as people name it: its id (buttons, forms) or its short number (typed commands). */
export const eventRef = z
  .object({ eventId: idField.optional(), number: eventNumberField.optional() })
  .refine((ref) => ref.eventId !== undefined || ref.number !== undefined, { message: "field.required", path: ["number"] });
export type EventRef = z.input<typeof eventRef>;

const responseWords: Record<string, RsvpResponseValue> = {
  ja: "YES", yes: "YES", nee: "NO", no: "NO", misschien: "MAYBE", maybe: "MAYBE",
};

export const rsvpInput = eventRef.and(
  z.object({
    response: z.preprocess(
      (value) => (typeof value === "string" ? responseWords[value.trim().toLowerCase()] ?? value.trim().toUpperCase() : value),
      z.enum(RSVP_RESPONSES, { errorMap: () => ({ message: "field.events.response" }) }),
    ),
  }),
);
export type RsvpInput = z.input<typeof rsvpInput>;
