import { TeamsInfo, type TurnContext } from "botbuilder";
import type { CoreDeps } from "../../core/deps.js";
import { resolveChatActor, type ChatActorResolution, type WorkspaceIdentity } from "../../core/members/actor-lookup.js";
import type { Logger } from "../../logger.js";
import { tenantOf, type TurnActivity } from "./activity.js";
import { EMULATOR_TENANT } from "../../demo/demo-data.js";

/**
 * The person behind a Teams user: by linked AAD object id, else (first use) by the e-mail
 * address Teams' roster gives for them, which the coordinator has on file. Never by anything
 * the user typed, and only an address the user's tenant vouches for (verifiedRosterEmail).
 */
export async function resolveActor(context: TurnContext, activity: TurnActivity, deps: CoreDeps, logger: Logger, demoMode = false): Promise<ChatActorResolution | null> {
  // Demo mode checks no token: the tenant, the user and the roster behind the serviceUrl are all
  // whatever the sender made up, so nobody is linked by them; only the Emulator's stand-in works.
  if (demoMode) return activity.channelId === "emulator" ? emulatorActor(activity, deps) : null;
  const tenantId = tenantOf(activity);
  const aadObjectId = activity.from.aadObjectId;
  if (!tenantId || !aadObjectId) return null;
  const identity: WorkspaceIdentity = { platform: "TEAMS", tenantId, externalUserId: aadObjectId };
  return resolveChatActor(deps, identity, () => rosterEmail(context, activity.from.id, logger));
}

async function rosterEmail(context: TurnContext, userId: string, logger: Logger): Promise<string | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, userId);
    const email = verifiedRosterEmail(member);
    if (!email) logger.info({ userId }, "Teams roster e-mail not in a domain the tenant has verified; not linked");
    return email;
  } catch (error) {
    // Not in the roster (e.g. a guest the bot cannot see): the person is treated as unknown.
    logger.warn({ err: error, userId }, "Teams roster look-up failed");
    return undefined;
  }
}

/**
 * The roster address we may link by. Any tenant can install the bot, and an Entra admin can set
 * a user's `mail` to any address (the "nOAuth" pitfall), but a user principal name only in a
 * domain that tenant has proven it owns. So the e-mail counts only in the UPN's domain, else the
 * UPN itself; guests (#EXT# UPNs, whose home tenant is elsewhere) are not linked by address.
 */
export function verifiedRosterEmail(member: { email?: string | null; userPrincipalName?: string | null }): string | undefined {
  const upn = member.userPrincipalName?.trim();
  if (!upn || upn.includes("#EXT#")) return undefined;
  const verifiedDomain = domainOf(upn);
  if (!verifiedDomain) return undefined;
  const email = member.email?.trim();
  return email && domainOf(email) === verifiedDomain ? email : upn;
}

function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf("@");
  return at > 0 && at < address.length - 1 ? address.slice(at + 1).toLowerCase() : undefined;
}

/**
 * Demo mode only (and so only from this machine, see demo-guard.ts): the Bot Framework Emulator
 * has no tenant, roster or AAD id. Its user id (Emulator settings) set to a demo person's e-mail
 * address acts as that person, as picking them in the playground does. The demo data binds the
 * stand-in tenant "emulator" to the demo network.
 */
async function emulatorActor(activity: TurnActivity, deps: CoreDeps): Promise<ChatActorResolution | null> {
  const email = activity.from.id;
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) return null;
  const identity: WorkspaceIdentity = { platform: "TEAMS", tenantId: EMULATOR_TENANT, externalUserId: email };
  return resolveChatActor(deps, identity, async () => email);
}
