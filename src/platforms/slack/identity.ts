import type { webApi } from "@slack/bolt";
import type { Actor } from "../../core/actor.js";
import type { CoreDeps } from "../../core/deps.js";
import { actorForIdentity, linkIdentityByEmail, type ChatIdentity } from "../../core/members/actor-lookup.js";
import { usersInfoResponse } from "./payloads.js";

// Every Slack request names its user; looking the person up costs three queries. A short cache
// takes that off the hot path, while a role change or erasure still takes effect within seconds.
const ACTOR_TTL_MS = 10_000;
const MAX_CACHED = 5_000;

export type ActorResolver = (client: webApi.WebClient, teamId: string, userId: string) => Promise<Actor | null>;

/**
 * The member behind a Slack user: the linked identity, or on first use the e-mail address
 * Slack has for them (users.info), matched against the addresses coordinators have on file.
 * Unknown people are not cached, so they are recognised as soon as a coordinator adds them.
 */
export function createActorResolver(deps: CoreDeps): ActorResolver {
  const cache = new Map<string, { actor: Actor; until: number }>();
  return async (client, teamId, userId) => {
    const key = `${teamId}:${userId}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.actor;
    cache.delete(key);
    const actor = await resolveActor(deps, client, teamId, userId);
    if (actor) {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(key, { actor, until: now + ACTOR_TTL_MS });
    }
    return actor;
  };
}

export async function resolveActor(deps: CoreDeps, client: webApi.WebClient, teamId: string, userId: string): Promise<Actor | null> {
  const identity: ChatIdentity = { platform: "SLACK", tenantId: teamId, externalUserId: userId };
  const known = await actorForIdentity(deps.db, identity);
  if (known) return known;
  const email = await slackEmail(client, userId);
  return email ? linkIdentityByEmail(deps.db, identity, email) : null;
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
