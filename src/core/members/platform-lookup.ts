import type { Db } from "../../db/database.js";
import type { ChatIdentity } from "./actor-lookup.js";

export interface LookupTarget {
  /** The first Slack workspace bound to the person's network. */
  tenantId: string;
  /** The address on file, to find them there by. */
  email: string;
}

/**
 * Where a sender may look for someone who never wrote to the bot (an imported contact): the
 * Slack workspace bound to their network and the address on file; null without either, or when
 * the person was erased. Slack can find a member by e-mail (users.lookupByEmail); Teams cannot
 * without a conversation the member started.
 */
export async function slackLookupTarget(db: Db, personId: string): Promise<LookupTarget | null> {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: { email: true, erasedAt: true, network: { select: { bindings: { where: { platform: "SLACK" }, select: { tenantId: true }, orderBy: { createdAt: "asc" }, take: 1 } } } },
  });
  const binding = person?.network.bindings[0];
  return person && !person.erasedAt && person.email && binding ? { tenantId: binding.tenantId, email: person.email } : null;
}

export type FoundIdentityLink = "linked" | "not-bound" | "address-differs" | "linked-to-other";

/**
 * Links the account a platform found for a person's own address (Slack users.lookupByEmail,
 * with the address confirmed), so the person is recognised at their first command too and the
 * next message is addressed to that account. Only in a workspace still bound to the person's
 * network, and never taking over an account that is already someone else's.
 */
export async function linkFoundIdentity(db: Db, personId: string, identity: ChatIdentity, platformEmail: string): Promise<FoundIdentityLink> {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: { email: true, erasedAt: true, network: { select: { bindings: { where: { platform: identity.platform, tenantId: identity.tenantId }, select: { id: true } } } } },
  });
  if (!person || person.erasedAt || person.network.bindings.length === 0) return "not-bound";
  if (!person.email || person.email.trim().toLowerCase() !== platformEmail.trim().toLowerCase()) return "address-differs";
  const holder = await db.platformIdentity.findUnique({
    where: { platform_tenantId_externalUserId: { platform: identity.platform, tenantId: identity.tenantId, externalUserId: identity.externalUserId } },
    select: { personId: true },
  });
  if (holder && holder.personId !== personId) return "linked-to-other";
  if (holder) return "linked";
  await db.platformIdentity.upsert({
    where: { personId_platform_tenantId: { personId, platform: identity.platform, tenantId: identity.tenantId } },
    create: { personId, ...identity },
    update: { externalUserId: identity.externalUserId, linkedAt: new Date() },
  });
  return "linked";
}
