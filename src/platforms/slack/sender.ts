import { webApi } from "@slack/bolt";
import { z } from "zod";
import type { OutboxDelivery, OutboxSender, SendResult } from "../../delivery/sender.js";
import type { FoundIdentityLink, LookupTarget } from "../../core/members/platform-lookup.js";
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
/** What the outbox holds for someone without a chat identity (see core/outbox/enqueue.ts). */
const unlinkedAddress = z.object({ personId: z.string().min(1) });

export interface SlackSenderOptions extends SlackClientSettings {
  /** Bot token for a workspace: the single SLACK_BOT_TOKEN, or the stored OAuth installation. */
  tokenForTeam(teamId: string): Promise<string | undefined>;
}

/** The core's side of finding someone who never wrote to the bot (core/members/platform-lookup.ts). */
export interface UnlinkedPeople {
  target(personId: string): Promise<LookupTarget | null>;
  link(personId: string, teamId: string, userId: string, email: string): Promise<FoundIdentityLink>;
}

export interface SlackSenders {
  /** Messages to a linked Slack user. */
  linked: OutboxSender;
  /**
   * Messages to people without a chat identity (platform WEB: the playground's inbox in demo
   * mode). Outside demo mode they are found in the Slack workspace bound to their network by the
   * address on file, linked, and sent the DM.
   */
  unlinked: OutboxSender;
}

/** Delivers outbox messages as direct messages to linked Slack users (see createSlackSenders). */
export function createSlackSender(options: SlackSenderOptions): OutboxSender {
  return createSlackSenders(options, { target: async () => null, link: async () => "not-bound" }).linked;
}

type Found = { ok: true; tenantId: string; userId: string } | { ok: false; error: string };

/**
 * Delivers outbox messages as direct messages. HTTP 429 is reported back with Retry-After
 * instead of being slept on inside the client, so the worker can reschedule and move on.
 */
export function createSlackSenders(options: SlackSenderOptions, people: UnlinkedPeople): SlackSenders {
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

  const linked: OutboxSender = {
    platform: "SLACK",
    async send(delivery: OutboxDelivery): Promise<SendResult> {
      const address = slackAddress.safeParse(delivery.address);
      if (!address.success) return { ok: false, error: "invalid_address", permanent: true };
      const { tenantId, userId } = address.data;
      const token = await options.tokenForTeam(tenantId);
      if (!token) return { ok: false, error: "no_installation", permanent: true };
      const client = clientFor(token);
      try {
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
      const address = slackAddress.safeParse(delivery.address);
      if (!address.success) return null;
      const token = await options.tokenForTeam(address.data.tenantId);
      if (!token) return null;
      const client = clientFor(token);
      const opened = await client.conversations.open({ users: address.data.userId });
      if (!opened.channel?.id) return null;
      const history = await client.conversations.history({ channel: opened.channel.id, limit: 50, include_all_metadata: true });
      const found = history.messages?.find((m) => (m.metadata?.event_payload as { outboxKey?: string } | undefined)?.outboxKey === delivery.idempotencyKey);
      return found?.ts ?? null;
    },
  };

  // users.lookupByEmail is Tier 3 (50+ a minute); it is called once per person, as the link it
  // leaves addresses their next message to the Slack user directly.
  const find = async (personId: string): Promise<Found> => {
    const target = await people.target(personId);
    if (!target) return { ok: false, error: "no_slack_workspace" };
    const token = await options.tokenForTeam(target.tenantId);
    if (!token) return { ok: false, error: "no_installation" };
    const found = usersInfoResponse.parse(await clientFor(token).users.lookupByEmail({ email: target.email })).user;
    if (!found || found.deleted || found.is_bot) return { ok: false, error: "users_not_found" };
    // Only an address Slack says its owner confirmed is theirs (see identity.ts).
    if (found.is_email_confirmed !== true || !found.profile?.email) return { ok: false, error: "email_not_confirmed" };
    const link = await people.link(personId, target.tenantId, found.id, found.profile.email);
    return link === "linked" ? { ok: true, tenantId: target.tenantId, userId: found.id } : { ok: false, error: link };
  };
  const toFound = (delivery: OutboxDelivery, user: Extract<Found, { ok: true }>): OutboxDelivery => ({ ...delivery, address: { tenantId: user.tenantId, userId: user.userId } });

  const unlinked: OutboxSender = {
    platform: "WEB",
    async send(delivery) {
      const address = unlinkedAddress.safeParse(delivery.address);
      if (!address.success) return { ok: false, error: "invalid_address", permanent: true };
      let user: Found;
      try {
        user = await find(address.data.personId);
      } catch (error) {
        return failure(error);
      }
      if (!user.ok) return { ok: false, error: user.error, permanent: true };
      return linked.send(toFound(delivery, user));
    },
    async wasDelivered(delivery) {
      const address = unlinkedAddress.safeParse(delivery.address);
      if (!address.success) return null;
      const user = await find(address.data.personId);
      return user.ok ? linked.wasDelivered!(toFound(delivery, user)) : null;
    },
  };
  return { linked, unlinked };
}

const outboxMetadata = (delivery: OutboxDelivery) => ({ event_type: "netwerkbot_outbox", event_payload: { outboxKey: delivery.idempotencyKey } });

function failure(error: unknown): SendResult {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { ok: false, error: "ratelimited", permanent: false, retryAfterMs: error.retryAfter * 1000 };
  }
  const code = slackErrorCode(error);
  if (code) return { ok: false, error: code, permanent: PERMANENT_ERRORS.has(code) };
  // No answer from Slack (connection lost, timeout): the message may have been posted.
  if (error instanceof Error) return { ok: false, error: error.message, permanent: false, maybeDelivered: true };
  throw error;
}
