import type { webApi } from "@slack/bolt";
import type { Actor } from "../../core/actor.js";
import type { CoreDeps } from "../../core/deps.js";
import { resolveChatActor } from "../../core/members/actor-lookup.js";
import { usersInfoResponse } from "./payloads.js";

export type ActorResolver = (client: webApi.WebClient, teamId: string, userId: string) => Promise<Actor | null>;

/** The member behind a Slack user; on first use by the e-mail address Slack has for them. */
export function createActorResolver(deps: CoreDeps): ActorResolver {
  return (client, teamId, userId) =>
    resolveChatActor(deps, { platform: "SLACK", tenantId: teamId, externalUserId: userId }, () => slackEmail(client, userId));
}

async function slackEmail(client: webApi.WebClient, userId: string): Promise<string | undefined> {
  try {
    const info = usersInfoResponse.parse(await client.users.info({ user: userId }));
    if (info.user?.deleted || info.user?.is_bot) return undefined;
    return info.user?.profile.email;
  } catch (error) {
    // A user Slack does not know (or hides) is an unknown person, not a failure.
    if (isPlatformError(error, ["user_not_found", "users_not_found", "missing_scope"])) return undefined;
    throw error;
  }
}

function isPlatformError(error: unknown, codes: string[]): boolean {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === "string" && codes.includes(data.error);
}
