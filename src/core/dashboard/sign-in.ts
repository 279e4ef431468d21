import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { actorForPerson } from "../members/actor-lookup.js";
import { fail, ok, type Result } from "../result.js";

// A link in a chat DM can be forwarded or end up in a screenshot: it must be opened soon and
// only once. The session it starts is bounded too, so a forgotten browser tab does not stay
// signed in for days.
export const LINK_LIFETIME_MS = 15 * 60_000;
export const SESSION_LIFETIME_MS = 8 * 3_600_000;
// Every `dashboard` typed makes a link, every sign-in a session: a person keeps only the newest
// few of each (a link asked for in Slack and one in Teams; a laptop, a phone, a tablet...), so
// typing it a thousand times leaves a handful of rows. The admin token's sessions are shared by
// whoever self-hosts, hence a larger cap.
export const MAX_OPEN_LINKS_PER_PERSON = 3;
export const MAX_SESSIONS_PER_PERSON = 5;
export const MAX_ADMIN_SESSIONS = 20;

// Links and sessions share the DashboardSession table; the prefix keeps a link token from ever
// being accepted as a session cookie and the other way round.
const hashOf = (purpose: "link" | "session", token: string) => createHash("sha256").update(`${purpose}:${token}`).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

/** A one-time sign-in link token for the person asking; only its hash is stored. */
export async function createSignInLink(deps: CoreDeps, actor: Actor): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS);
  await deleteExpired(deps, now);
  await deps.db.dashboardSession.create({ data: { tokenHash: hashOf("link", token), kind: "LINK", personId: actor.personId, expiresAt } });
  await keepNewest(deps, actor.personId, "LINK", MAX_OPEN_LINKS_PER_PERSON);
  return { token, expiresAt };
}

/** Exchanges a link token for a session token. The link is used up even if it has expired. */
export async function redeemSignInLink(deps: CoreDeps, token: string): Promise<Result<{ sessionToken: string; expiresAt: Date }>> {
  const now = deps.now();
  const link = await deps.db.dashboardSession.findUnique({ where: { tokenHash: hashOf("link", token) }, select: { id: true, personId: true, expiresAt: true } });
  if (!link) return fail("notAllowed", "dashboard.signIn.invalid");
  // deleteMany reports whether *this* request removed the row: two tabs opening the same link
  // at once get one session, not two.
  const { count } = await deps.db.dashboardSession.deleteMany({ where: { id: link.id } });
  if (count !== 1 || link.expiresAt <= now) return fail("notAllowed", "dashboard.signIn.invalid");
  return startSession(deps, link.personId);
}

/** A session for the self-hoster's admin token (personId null: the network's coordinator view). */
export function startAdminSession(deps: CoreDeps) {
  return startSession(deps, null);
}

async function startSession(deps: CoreDeps, personId: string | null): Promise<Result<{ sessionToken: string; expiresAt: Date }>> {
  const sessionToken = newToken();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await deleteExpired(deps, now);
  await deps.db.dashboardSession.create({ data: { tokenHash: hashOf("session", sessionToken), kind: "SESSION", personId, expiresAt } });
  await keepNewest(deps, personId, "SESSION", personId === null ? MAX_ADMIN_SESSIONS : MAX_SESSIONS_PER_PERSON);
  return ok({ sessionToken, expiresAt });
}

// Expired links and sessions are worthless; clearing them whenever one is made keeps the table small.
async function deleteExpired(deps: CoreDeps, now: Date): Promise<void> {
  await deps.db.dashboardSession.deleteMany({ where: { expiresAt: { lt: now } } });
}

/** Removes all but the newest `keep` links or sessions of one person (null: the admin token's). */
async function keepNewest(deps: CoreDeps, personId: string | null, kind: "LINK" | "SESSION", keep: number): Promise<void> {
  const surplus = await deps.db.dashboardSession.findMany({
    where: { personId, kind },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: keep,
    select: { id: true },
  });
  if (surplus.length > 0) await deps.db.dashboardSession.deleteMany({ where: { id: { in: surplus.map((row) => row.id) } } });
}

export type SessionHolder = { kind: "person"; actor: Actor } | { kind: "admin" };

/** Who a session cookie belongs to, or null when it is unknown, expired or its person erased. */
export async function sessionHolder(deps: CoreDeps, sessionToken: string): Promise<SessionHolder | null> {
  const session = await deps.db.dashboardSession.findUnique({
    where: { tokenHash: hashOf("session", sessionToken) },
    select: { personId: true, expiresAt: true },
  });
  if (!session || session.expiresAt <= deps.now()) return null;
  if (session.personId === null) return { kind: "admin" };
  const actor = await actorForPerson(deps.db, session.personId);
  return actor ? { kind: "person", actor } : null;
}

export async function endSession(deps: CoreDeps, sessionToken: string): Promise<void> {
  await deps.db.dashboardSession.deleteMany({ where: { tokenHash: hashOf("session", sessionToken) } });
}

/** Stands in for a person in the admin's coordinator view; never a real person id (cuid). */
export const ADMIN_PERSON_ID = "admin";

/** The coordinator view an admin session gets: the network chosen by slug, or the oldest. */
export async function adminActor(deps: CoreDeps, networkSlug?: string): Promise<Actor | null> {
  const network = await deps.db.network.findFirst({
    where: networkSlug ? { slug: networkSlug } : {},
    select: { id: true, defaultLocale: true },
    orderBy: { createdAt: "asc" },
  });
  if (!network) return null;
  return { personId: ADMIN_PERSON_ID, networkId: network.id, employerId: null, role: "COORDINATOR", locale: network.defaultLocale, name: "Admin" };
}
