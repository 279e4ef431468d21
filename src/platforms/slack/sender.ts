import { webApi } from "@slack/bolt";
import { z } from "zod";
import type { OutboxDelivery, OutboxSender, SendResult } from "../../delivery/sender.js";
import type { FoundIdentityLink } from "../../core/members/platform-lookup.js";
import { messagePayload } from "./blocks.js";
import { slackErrorCode } from "./errors.js";
import { slackClientOptions, type SlackClientSettings } from "./client-options.js";
import { usersInfoResponse } from "./payloads.js";

/** Slack errors that no retry will fix: the outbox marks the message dead at once. */
const PERMANENT_ERRORS = new Set([
  "user_not_found",
  "users_not_found",
  "channel_not_found",
  "account_inactive",
  "not_authed",
  "invalid_auth",
  "token_revoked",
  "is_archived",
  "cannot_dm_bot",
  "user_disabled",
  "no_installation",
]);

const slackAddress = z.object({ tenantId: z.string().min(1), userId: z.string().min(1) });
/** Someone not linked yet, in the workspace bound to their network: found by the address on file. */
const lookupAddress = z.object({ tenantId: z.string().min(1), personId: z.string().min(1) });
const anyAddress = z.union([slackAddress, lookupAddress]);

export interface SlackSenderOptions extends SlackClientSettings {
  /** Bot token for a workspace: the single SLACK_BOT_TOKEN, or the stored OAuth installation. */
  tokenForTeam(teamId: string): Promise<string | undefined>;
  /** The core's side of finding an unlinked person (see core/members/platform-lookup.ts); the app always gives it. */
  people?: {
    addressOnFile(personId: string): Promise<string | null>;
    link(personId: string, teamId: string, userId: string, email: string): Promise<FoundIdentityLink>;
  };
}

type Resolved = { ok: true; tenantId: string; userId: string } | { ok: false; error: string };

/**
 * Delivers outbox messages as direct messages. HTTP 429 is reported back with Retry-After
 * instead of being slept on inside the client, so the worker can reschedule and move on.
 */
export function createSlackSender(options: SlackSenderOptions): OutboxSender {
  const clients = new Map<string, webApi.WebClient>();
  const dmChannels = new Map<string, string>();

  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, slackClientOptions(options, { rejectRateLimitedCalls: true }));
      clients.set(token, client);
    }
    return client;
  };

  // users.lookupByEmail (Tier 3) is called once per unlinked person: the link it leaves means
  // the next message is addressed to the Slack user directly.
  const resolveUser = async (client: webApi.WebClient, address: z.infer<typeof anyAddress>): Promise<Resolved> => {
    if ("userId" in address) return { ok: true, ...address };
    if (!options.people) return { ok: false, error: "no_address_on_file" };
    const email = await options.people.addressOnFile(address.personId);
    if (!email) return { ok: false, error: "no_address_on_file" };
    const found = usersInfoResponse.parse(await client.users.lookupByEmail({ email })).user;
    if (!found || found.deleted || found.is_bot) return { ok: false, error: "users_not_found" };
    // Only an address Slack says its owner confirmed is theirs (see identity.ts).
    if (found.is_email_confirmed !== true || !found.profile?.email) return { ok: false, error: "email_not_confirmed" };
    const linked = await options.people.link(address.personId, address.tenantId, found.id, found.profile.email);
    return linked === "linked" ? { ok: true, tenantId: address.tenantId, userId: found.id } : { ok: false, error: linked };
  };

  return {
    platform: "SLACK",
    async send(delivery: OutboxDelivery): Promise<SendResult> {
      const address = anyAddress.safeParse(delivery.address);
      if (!address.success) return { ok: false, error: "invalid_address", permanent: true };
      const token = await options.tokenForTeam(address.data.tenantId);
      if (!token) return { ok: false, error: "no_installation", permanent: true };
      const client = clientFor(token);
      try {
        const user = await resolveUser(client, address.data);
        if (!user.ok) return { ok: false, error: user.error, permanent: true };
        const { tenantId, userId } = user;
        const cacheKey = `${tenantId}:${userId}`;
        let channel = dmChannels.get(cacheKey);
        if (!channel) {
          const opened = await client.conversations.open({ users: userId });
          channel = opened.channel?.id;
          if (!channel) return { ok: false, error: "conversations.open returned no channel", permanent: false };
          dmChannels.set(cacheKey, channel);
        }
        const posted = await client.chat.postMessage({ channel, ...messagePayload(delivery.message), metadata: outboxMetadata(delivery) });
        return { ok: true, platformMessageId: posted.ts ?? "" };
      } catch (error) {
        return failure(error);
      }
    },
    // The DM is opened before the worker takes a rate-limit slot, so the chat.postMessage
    // calls leave evenly spaced. A failure here is not reported: send() repeats the call and
    // classifies its error (permanent or not) properly.
    async prepare(delivery: OutboxDelivery): Promise<void> {
      const address = slackAddress.safeParse(delivery.address);
      if (!address.success) return;
      const cacheKey = `${address.data.tenantId}:${address.data.userId}`;
      const token = await options.tokenForTeam(address.data.tenantId);
      if (!token || dmChannels.has(cacheKey)) return;
      const opened = await clientFor(token).conversations.open({ users: address.data.userId }).catch(() => undefined);
      if (opened?.channel?.id) dmChannels.set(cacheKey, opened.channel.id);
    },
    // Only for a message whose worker died mid-send (see src/delivery/worker.ts): the key in
    // the message metadata tells whether it arrived, so it is not sent twice.
    async wasDelivered(delivery: OutboxDelivery): Promise<string | null> {
      const address = anyAddress.safeParse(delivery.address);
      if (!address.success) return null;
      const token = await options.tokenForTeam(address.data.tenantId);
      if (!token) return null;
      const client = clientFor(token);
      const user = await resolveUser(client, address.data);
      if (!user.ok) return null;
      const opened = await client.conversations.open({ users: user.userId });
      if (!opened.channel?.id) return null;
      const history = await client.conversations.history({ channel: opened.channel.id, limit: 50, include_all_metadata: true });
      const found = history.messages?.find((m) => (m.metadata?.event_payload as { outboxKey?: string } | undefined)?.outboxKey === delivery.idempotencyKey);
      return found?.ts ?? null;
    },
  };
}

const outboxMetadata = (delivery: OutboxDelivery) => ({ event_type: "netwerkbot_outbox", event_payload: { outboxKey: delivery.idempotencyKey } });

function failure(error: unknown): SendResult {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { ok: false, error: "ratelimited", permanent: false, retryAfterMs: error.retryAfter * 1000 };
  }
  const code = slackErrorCode(error);
  if (code) return { ok: false, error: code, permanent: PERMANENT_ERRORS.has(code) };
  if (error instanceof Error) return { ok: false, error: error.message, permanent: false };
  throw error;
}
