import { z } from "zod";
import { idField } from "../shared/fields.js";
import { RSVP_ANSWERS } from "./tokens.js";

/** A token as newLinkToken makes it: 43 base64url characters. Anything else is not ours. */
export const linkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const reportLinkInput = z.object({
  personId: idField,
  /** The person's own employer when omitted. */
  employerId: idField.optional(),
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
});
export type ReportLinkInput = z.input<typeof reportLinkInput>;

export const unsubscribeLinkInput = z.object({ personId: idField });

export const rsvpLinksInput = z.union([z.object({ eventId: idField, personId: idField }), z.object({ eventId: idField, guestId: idField })]);
export type RsvpLinksInput = z.input<typeof rsvpLinksInput>;

/** What a links page may be asked to show first: ?antwoord=ja|misschien|nee. */
export const rsvpAnswerWord = z.enum(Object.keys(RSVP_ANSWERS) as [keyof typeof RSVP_ANSWERS, ...(keyof typeof RSVP_ANSWERS)[]]);

/** Which form send this is: the submissions count the form was shown with (see PersonalLink). */
export const formSend = z.coerce.number().int().min(0).max(1_000_000);

export const revokeLinksInput = z
  .object({
    token: linkToken.optional(),
    personId: idField.optional(),
    guestId: idField.optional(),
    eventId: idField.optional(),
    periodId: idField.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "field.required");
export type RevokeLinksInput = z.input<typeof revokeLinksInput>;
