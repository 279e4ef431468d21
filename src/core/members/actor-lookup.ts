import { changeTag } from "../../db/change-feed.js";
import type { Db } from "../../db/database.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import type { Locale } from "../../i18n/index.js";
import { sendDueWelcomes } from "./welcome.js";

export type ChatPlatform = "SLACK" | "TEAMS" | "WEB";

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

/**
 * The member behind a chat user: the linked identity, or on first use the e-mail address the
 * platform has for them (Slack users.info, Teams roster; never one the user typed), matched
 * against the addresses coordinators have on file.
 */
export async function resolveChatActor(deps: CoreDeps, identity: ChatIdentity, platformEmail: () => Promise<string | undefined>): Promise<Actor | null> {
  const known = await actorForIdentity(deps, identity);
  if (known) return known;
  const email = await platformEmail();
  return email ? linkIdentityByEmail(deps.db, identity, email) : null;
}

/**
 * The person behind a chat identity, if that identity has been linked. Every chat request asks
 * this, so it is cached until the identity, the person or their network changes.
 */
export async function actorForIdentity(deps: Pick<CoreDeps, "db" | "cache">, identity: ChatIdentity): Promise<Actor | null> {
  const key = changeTag.identity(identity.platform, identity.tenantId, identity.externalUserId);
  return deps.cache.get(key, async () => {
    const link = await deps.db.platformIdentity.findUnique({
      where: {
        platform_tenantId_externalUserId: {
          platform: identity.platform,
          tenantId: identity.tenantId,
          externalUserId: identity.externalUserId,
        },
      },
      select: { person: { select: actorSelect } },
    });
    const actor = link && !link.person.erasedAt ? toActor(link.person) : null;
    // Unknown people are not kept: they are recognised as soon as a coordinator adds them.
    return { value: actor, tags: actor ? [key, changeTag.person(actor.personId), changeTag.network(actor.networkId)] : null };
  });
}

/**
 * First use: links a chat identity to the person whose e-mail the coordinator has on file.
 * The e-mail comes from the platform (Slack users.info, Teams roster), never from the user.
 */
export async function linkIdentityByEmail(db: Db, identity: ChatIdentity, email: string): Promise<Actor | null> {
  const people = await db.person.findMany({
    where: { email: { equals: email.trim(), mode: "insensitive" }, erasedAt: null },
    select: actorSelect,
    take: 2,
  });
  // An address on file in two networks is ambiguous: better to ask a coordinator than guess.
  if (people.length !== 1 || !people[0]) return null;
  const person = people[0];
  await db.platformIdentity.upsert({
    where: { personId_platform_tenantId: { personId: person.id, platform: identity.platform, tenantId: identity.tenantId } },
    create: { personId: person.id, ...identity },
    update: { externalUserId: identity.externalUserId, linkedAt: new Date() },
  });
  // Someone new meets the bot: now there is somewhere to send their welcome.
  await sendDueWelcomes(db, [person.id]);
  return toActor(person);
}
