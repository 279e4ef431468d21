import type { DbClient } from "../../db/database.js";
import type { CoreDeps } from "../deps.js";
import { isCurrent } from "../members/archive-scope.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { ensurePeriod, findNetwork } from "../reporting/periods.js";
import { quarterLabel } from "../reporting/quarters.js";
import { reportLinkInput, rsvpLinksInput, unsubscribeLinkInput } from "./schema.js";
import { linkPath, linkTokenHash, newLinkToken, unsubscribePath, type RsvpAnswerWord } from "./tokens.js";

// Each prompt and reminder carries a fresh link and older e-mails keep working; a person keeps
// the newest few per purpose, so a campaign that is retried many times leaves a handful of rows.
export const MAX_LINKS_PER_PURPOSE = 10;

export interface IssuedLink {
  /** Shown once, in the e-mail; only its hash is stored. */
  token: string;
  /** The page's path; put PUBLIC_URL before it. */
  path: string;
  expiresAt: Date;
}

export interface IssuedRsvpLinks extends IssuedLink {
  /** One path per answer, for the Ja / Misschien / Nee buttons of an e-mail. */
  answers: Record<RsvpAnswerWord, string>;
}

/**
 * A link to report one employer's placements for one quarter, for one person: their own employer,
 * or (for a coordinator) the one named. It expires when the quarter's period closes.
 */
export async function issueReportLink(deps: CoreDeps, raw: unknown): Promise<Result<IssuedLink>> {
  const parsed = reportLinkInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { personId, year, quarter } = parsed.data;
  const person = await deps.db.person.findUnique({ where: { id: personId }, select: { networkId: true, employerId: true, role: true, erasedAt: true } });
  if (!person || person.erasedAt) return fail("notFound", "links.personGone");
  const employerId = person.role === "COORDINATOR" ? parsed.data.employerId ?? person.employerId : person.employerId;
  if (!employerId || (parsed.data.employerId && parsed.data.employerId !== employerId)) return fail("notAllowed", "links.noEmployer");
  const employer = await deps.db.employer.findFirst({ where: { id: employerId, networkId: person.networkId }, select: { name: true, archivedAt: true } });
  if (!employer) return fail("notFound", "reporting.employerNotFound");
  if (!isCurrent(employer)) return fail("conflict", "reporting.employerArchived", { employer: employer.name });

  const ref = { year, quarter };
  const period = await ensurePeriod(deps.db, await findNetwork(deps.db, person.networkId), ref);
  if (period.status === "CLOSED" || period.closesAt <= deps.now()) return fail("conflict", "links.periodClosed", { quarter: quarterLabel(ref) });
  const token = await store(deps.db, { purpose: "REPORT", networkId: person.networkId, personId, employerId, periodId: period.id, expiresAt: period.closesAt });
  return ok({ token, path: linkPath(token), expiresAt: period.closesAt });
}

/**
 * Ja / Misschien / Nee links to one event, for a member or an external guest. They expire at the
 * RSVP deadline, or when the event starts.
 */
export async function issueRsvpLinks(deps: CoreDeps, raw: unknown): Promise<Result<IssuedRsvpLinks>> {
  const parsed = rsvpLinksInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  const event = await deps.db.event.findUnique({ where: { id: input.eventId }, select: { id: true, networkId: true, title: true, status: true, startsAt: true, rsvpDeadline: true } });
  if (!event) return fail("notFound", "events.gone");
  const expiresAt = event.rsvpDeadline && event.rsvpDeadline < event.startsAt ? event.rsvpDeadline : event.startsAt;
  if (event.status === "CANCELLED" || expiresAt <= deps.now()) return fail("conflict", "links.eventClosed", { title: event.title });

  const owner = "personId" in input ? await memberOwner(deps.db, input.personId) : await guestOwner(deps.db, input.guestId, event.id);
  if (!owner.ok) return owner;
  const token = await store(deps.db, { purpose: "RSVP", networkId: event.networkId, eventId: event.id, expiresAt, ...owner.value });
  const answers = { ja: linkPath(token, "ja"), misschien: linkPath(token, "misschien"), nee: linkPath(token, "nee") };
  return ok({ token, path: linkPath(token), expiresAt, answers });
}

// An unsubscribe link must still work when the mail is opened months later (RFC 8058 asks that
// it keep working "for a reasonable time"); a year covers every quarter's mail and its reminders.
const UNSUBSCRIBE_LINK_DAYS = 365;

/** The one-click unsubscribe link of a campaign e-mail (RFC 8058) for one person: it turns off campaign e-mail. */
export async function issueUnsubscribeLink(deps: CoreDeps, raw: unknown): Promise<Result<IssuedLink>> {
  const parsed = unsubscribeLinkInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const person = await deps.db.person.findUnique({ where: { id: parsed.data.personId }, select: { networkId: true, erasedAt: true } });
  if (!person || person.erasedAt) return fail("notFound", "links.personGone");
  const expiresAt = new Date(deps.now().getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000);
  const token = await store(deps.db, { purpose: "UNSUBSCRIBE", networkId: person.networkId, personId: parsed.data.personId, expiresAt });
  return ok({ token, path: unsubscribePath(token), expiresAt });
}

async function memberOwner(db: DbClient, personId: string): Promise<Result<{ personId: string }>> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { erasedAt: true } });
  return person && !person.erasedAt ? ok({ personId }) : fail("notFound", "links.personGone");
}

async function guestOwner(db: DbClient, guestId: string, eventId: string): Promise<Result<{ guestId: string }>> {
  const guest = await db.eventGuest.findFirst({ where: { id: guestId, eventId }, select: { id: true } });
  return guest ? ok({ guestId }) : fail("notFound", "links.personGone");
}

interface LinkRow {
  purpose: "REPORT" | "RSVP" | "UNSUBSCRIBE";
  networkId: string;
  personId?: string;
  guestId?: string;
  employerId?: string;
  periodId?: string;
  eventId?: string;
  expiresAt: Date;
}

async function store(db: DbClient, row: LinkRow): Promise<string> {
  const token = newLinkToken();
  await db.personalLink.create({ data: { ...row, tokenHash: linkTokenHash(token) } });
  const same = { purpose: row.purpose, personId: row.personId ?? null, guestId: row.guestId ?? null, periodId: row.periodId ?? null, eventId: row.eventId ?? null };
  const older = await db.personalLink.findMany({ where: same, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: MAX_LINKS_PER_PURPOSE, select: { id: true } });
  if (older.length) await db.personalLink.deleteMany({ where: { id: { in: older.map((l) => l.id) } } });
  return token;
}
