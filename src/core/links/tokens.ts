import { createHash, randomBytes } from "node:crypto";

// 32 random bytes: unguessable, so the token itself is the proof of who the link is for. Only its
// hash is stored: a copy of the database (a backup, a leak) opens no one's form.
const TOKEN_BYTES = 32;

export const newLinkToken = () => randomBytes(TOKEN_BYTES).toString("base64url");

export const linkTokenHash = (token: string) => createHash("sha256").update(`personal-link:${token}`).digest("hex");

/** The answers an RSVP link may carry, as they appear in the address (Dutch, like the buttons). */
export const RSVP_ANSWERS = { ja: "YES", misschien: "MAYBE", nee: "NO" } as const;
export type RsvpAnswerWord = keyof typeof RSVP_ANSWERS;

/**
 * The path of a link's page, to put after PUBLIC_URL. An RSVP link with an answer opens its page
 * with that answer chosen; the answer is stored only when the person presses the button there,
 * since mail scanners open every link in an e-mail before the person does.
 */
export function linkPath(token: string, answer?: RsvpAnswerWord): string {
  return `/link/${encodeURIComponent(token)}${answer ? `?antwoord=${answer}` : ""}`;
}

/**
 * The one-click unsubscribe address (RFC 8058): outside /link, because the mail provider POSTs
 * to it from its own servers, where /link's forms accept only posts from this site.
 */
export const unsubscribePath = (token: string) => `/afmelden/${encodeURIComponent(token)}`;
