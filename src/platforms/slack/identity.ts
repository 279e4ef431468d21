import type { webApi } from "@slack/bolt";
import type { CoreDeps } from "../../core/deps.js";
import { resolveChatActor, type ChatActorResolution } from "../../core/members/actor-lookup.js";
import type { Logger } from "../../logger.js";
import { slackErrorCode } from "./errors.js";
import { usersInfoResponse } from "./payloads.js";

export type ActorResolver = (client: webApi.WebClient, teamId: string, userId: string) => Promise<ChatActorResolution>;

/** The member behind a Slack user (on first use by the e-mail address Slack has for them), a guest, or an unbound workspace. */
export function createActorResolver(deps: CoreDeps, logger: Logger): ActorResolver {
  return (client, teamId, userId) =>
    resolveChatActor(deps, { platform: "SLACK", tenantId: teamId, externalUserId: userId }, () => slackEmail(client, teamId, userId, logger));
}

async function slackEmail(client: webApi.WebClient, teamId: string, userId: string, logger: Logger): Promise<string | undefined> {
  try {
    const info = usersInfoResponse.parse(await client.users.info({ user: userId }));
    const user = info.user;
    if (!user || user.deleted || user.is_bot) return undefined;
    // An address nobody confirmed could be someone else's: linking by it would hand them that
    // member's reports (or a coordinator's rights). Only Slack's own "confirmed" counts; a missing
    // field is not a confirmation, since an attacker's workspace decides what it leaves out.
    if (user.profile?.email && user.is_email_confirmed !== true) {
      logger.info({ teamId, userId }, "Slack: e-mailadres niet bevestigd, gebruiker niet gekoppeld");
      return undefined;
    }
    return user.profile?.email;
  } catch (error) {
    // A user Slack does not know (or hides) is an unknown person, not a failure.
    const code = slackErrorCode(error);
    if (code === "user_not_found" || code === "users_not_found") return undefined;
    // Without users:read(.email) nobody can be linked: the install lacks scopes. The person still
    // gets the friendly answer; whoever runs the bot sees why in the log.
    if (code === "missing_scope") {
      const data = (error as { data?: { needed?: unknown } }).data;
      logger.warn({ teamId, userId, needed: data?.needed }, "Slack: users.info mist een scope; installeer de app opnieuw met users:read en users:read.email");
      return undefined;
    }
    throw error;
  }
}
