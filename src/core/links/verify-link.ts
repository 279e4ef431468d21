import type { Locale } from "../../i18n/index.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import { linkToken } from "./schema.js";
import { linkTokenHash } from "./tokens.js";

export interface VerifiedLink {
  id: string;
  purpose: "REPORT" | "RSVP" | "UNSUBSCRIBE";
  networkId: string;
  personId: string | null;
  guestId: string | null;
  employerId: string | null;
  periodId: string | null;
  eventId: string | null;
  expiresAt: Date;
  /** How many forms were sent with it; the next form must carry this number (see PersonalLink). */
  submissions: number;
  /** The language of the person or guest it is for. */
  locale: Locale;
}

/**
 * What a link is for, or why it does not work: "links.invalid" (not a token of ours: mistyped,
 * cut short, changed, or erased with its person), "links.revoked", "links.expired" (past its time,
 * or its period closed early). The language of the answer is the network's when the link is unknown.
 */
export async function verifyLink(deps: Pick<CoreDeps, "db" | "now">, token: unknown): Promise<Result<VerifiedLink>> {
  const parsed = linkToken.safeParse(token);
  if (!parsed.success) return fail("notFound", "links.invalid");
  const link = await deps.db.personalLink.findUnique({
    where: { tokenHash: linkTokenHash(parsed.data) },
    select: {
      id: true, purpose: true, networkId: true, personId: true, guestId: true, employerId: true, periodId: true, eventId: true,
      expiresAt: true, revokedAt: true, submissions: true,
      period: { select: { status: true } },
      guest: { select: { locale: true } },
    },
  });
  if (!link) return fail("notFound", "links.invalid");
  if (link.revokedAt) return fail("conflict", "links.revoked");
  if (link.expiresAt <= deps.now() || link.period?.status === "CLOSED") return fail("conflict", "links.expired");
  const person = link.personId ? await deps.db.person.findUnique({ where: { id: link.personId }, select: { erasedAt: true, locale: true } }) : null;
  if (link.personId && (!person || person.erasedAt)) return fail("notFound", "links.invalid");
  const network = await deps.db.network.findUniqueOrThrow({ where: { id: link.networkId }, select: { defaultLocale: true } });
  const { revokedAt: _revoked, period: _period, guest, ...rest } = link;
  return ok({ ...rest, locale: person?.locale ?? guest?.locale ?? network.defaultLocale });
}

/**
 * Takes this form send: true once for the number a form was shown with, so a form sent twice
 * (a double tap, the back button, a replay) is taken once. A refused send gives it back.
 */
export async function takeFormSend(deps: Pick<CoreDeps, "db">, link: VerifiedLink, send: number): Promise<boolean> {
  const { count } = await deps.db.personalLink.updateMany({ where: { id: link.id, submissions: send, revokedAt: null }, data: { submissions: send + 1 } });
  return count === 1;
}

export async function giveBackFormSend(deps: Pick<CoreDeps, "db">, link: VerifiedLink, send: number): Promise<void> {
  await deps.db.personalLink.updateMany({ where: { id: link.id, submissions: send + 1 }, data: { submissions: send } });
}
