import { changeTag } from "../../db/change-feed.js";
import type { Db } from "../../db/database.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import type { Locale } from "../../i18n/index.js";
import { boundNetworks, normalTenantId, type BoundNetwork } from "../networks/workspace-networks.js";
import { sendDueWelcomes } from "./welcome.js";

import type { ChatPlatform } from "../platforms.js";

export type { ChatPlatform };

export interface ChatIdentity {
  platform: ChatPlatform;
  /** Slack team id, Microsoft tenant id, or "web". */
  tenantId: string;
  externalUserId: string;
}

const actorSelect = {
  id: true,
  name: true,
  networkId: true,
  employerId: true,
  role: true,
  locale: true,
  erasedAt: true,
  network: { select: { defaultLocale: true } },
} as const;

type ActorRow = { id: string; name: string; networkId: string; employerId: string | null; role: "MEMBER" | "COORDINATOR"; locale: Locale | null; erasedAt: Date | null; network: { defaultLocale: Locale } };

export function toActor(person: ActorRow): Actor {
  return {
    personId: person.id,
    name: person.name,
    networkId: person.networkId,
    employerId: person.employerId,
    role: person.role,
    locale: person.locale ?? person.network.defaultLocale,
  };
}

export async function actorForPerson(db: Db, personId: string): Promise<Actor | null> {
  const person = await db.person.findUnique({ where: { id: personId }, select: actorSelect });
  return person && !person.erasedAt ? toActor(person) : null;
}

/** A Slack or Teams user as the platform names them, in a workspace that may be bound to networks. */
export type WorkspaceIdentity = ChatIdentity & { platform: "SLACK" | "TEAMS" };

/**
 * Who is writing, as far as the bot may say: a member of a network this workspace is bound to;
 * someone unknown there (who may ask to join one of `networks`); or anyone in a workspace bound
 * to no network, who gets an explanation and nothing else.
 */
export type ChatActorResolution =
  | { kind: "member"; actor: Actor }
  | { kind: "guest"; identity: WorkspaceIdentity; networks: BoundNetwork[]; email?: string }
  | { kind: "unbound"; identity: WorkspaceIdentity };

/**
 * The member behind a chat user: the linked identity, or on first use the e-mail address the
 * platform has for them (Slack users.info, Teams roster; never one the user typed), matched
 * against the addresses coordinators have on file. Either counts only for a person of a network
 * this workspace is bound to: any workspace can claim any address, and an identity linked
 * before a workspace was unbound is no longer a member there.
 */
export async function resolveChatActor(deps: CoreDeps, raw: WorkspaceIdentity, platformEmail: () => Promise<string | undefined>): Promise<ChatActorResolution> {
  const identity: WorkspaceIdentity = { ...raw, tenantId: normalTenantId(raw.platform, raw.tenantId) };
  const networks = await boundNetworks(deps, identity.platform, identity.tenantId);
  if (networks.length === 0) return { kind: "unbound", identity };
  const networkIds = networks.map((n) => n.id);
  const known = await actorForIdentity(deps, identity);
  if (known && networkIds.includes(known.networkId)) return { kind: "member", actor: known };
  const email = await platformEmail();
  const linked = email ? await linkIdentityByEmail(deps.db, identity, email, networkIds) : null;
  if (linked) return { kind: "member", actor: linked };
  return { kind: "guest", identity, networks, ...(email ? { email: email.trim().toLowerCase() } : {}) };
}

/**
 * The person behind a chat identity, if that identity has been linked. Every chat request asks
 * this, so it is cached until the identity, the person or their network changes.
 */
export async function actorForIdentity(deps: Pick<CoreDeps, "db" | "cache">, identity: ChatIdentity): Promise<Actor | null> {
  const key = changeTag.identity(identity.platform, identity.tenantId, identity.externalUserId);
  return deps.cache.get(key, async () => {
    // A person's first request asks this: one plain join, where Prisma's nested select compiles
    // the query anew each call and builds the person and network as JSON.
    const rows = await deps.db.$queryRaw<(Omit<ActorRow, "network"> & { defaultLocale: Locale })[]>`
      SELECT p."id", p."name", p."networkId", p."employerId", p."role"::text AS "role", p."locale"::text AS "locale", p."erasedAt", n."defaultLocale"::text AS "defaultLocale"
      FROM "PlatformIdentity" i
      JOIN "Person" p ON p."id" = i."personId"
      JOIN "Network" n ON n."id" = p."networkId"
      WHERE i."platform" = ${identity.platform}::"Platform" AND i."tenantId" = ${identity.tenantId} AND i."externalUserId" = ${identity.externalUserId}`;
    const link = rows[0] ? { person: { ...rows[0], network: { defaultLocale: rows[0].defaultLocale } } } : null;
    const actor = link && !link.person.erasedAt ? toActor(link.person) : null;
    // Unknown people are not kept: they are recognised as soon as a coordinator adds them.
    return { value: actor, tags: actor ? [key, changeTag.person(actor.personId), changeTag.network(actor.networkId)] : null };
  });
}

/**
 * First use: links a chat identity to the person whose e-mail the coordinator has on file, in
 * one of `networkIds` (those the workspace is bound to). The e-mail comes from the platform
 * (Slack users.info, Teams roster), never from the user.
 */
export async function linkIdentityByEmail(db: Db, identity: ChatIdentity, email: string, networkIds: readonly string[]): Promise<Actor | null> {
  const people = await db.person.findMany({
    where: { email: { equals: email.trim(), mode: "insensitive" }, erasedAt: null, networkId: { in: [...networkIds] } },
    select: actorSelect,
    take: 2,
  });
  // An address on file in two networks is ambiguous: better to ask a coordinator than guess.
  if (people.length !== 1 || !people[0]) return null;
  const person = people[0];
  await linkIdentity(db, person.id, identity);
  return toActor(person);
}

/**
 * Links a chat identity to a person. The same chat user linked to someone else before (a
 * person of a network this workspace no longer serves) is moved: one chat user is one person.
 */
export async function linkIdentity(db: Db, personId: string, identity: ChatIdentity): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.platformIdentity.deleteMany({
      where: { platform: identity.platform, tenantId: identity.tenantId, externalUserId: identity.externalUserId, personId: { not: personId } },
    });
    await tx.platformIdentity.upsert({
      where: { personId_platform_tenantId: { personId, platform: identity.platform, tenantId: identity.tenantId } },
      create: { personId, platform: identity.platform, tenantId: identity.tenantId, externalUserId: identity.externalUserId },
      update: { externalUserId: identity.externalUserId, linkedAt: new Date() },
    });
  });
  // Someone new meets the bot: now there is somewhere to send their welcome.
  await sendDueWelcomes(db, [personId]);
}
