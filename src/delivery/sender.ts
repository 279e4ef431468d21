import type { ChatMessage } from "../chat/message.js";
import type { ChatPlatform } from "../core/platforms.js";
import type { Locale } from "../i18n/index.js";

/**
 * The port each platform implements so the outbox worker can deliver a notification.
 * Slack: DM via conversations.open + chat.postMessage; Teams: proactive message from a stored
 * conversation reference; Web: the playground inbox.
 */
export interface OutboxSender {
  platform: ChatPlatform;
  /**
   * Optional: the channel this sender carries the row's messages on when that differs from the
   * row's platform (the e-mail channel delivering unlinked rows). The row is recorded on that
   * channel from its send on, and the sends share that channel's rate.
   */
  deliversAs?: ChatPlatform;
  send(delivery: OutboxDelivery): Promise<SendResult>;
  /**
   * Optional: for a message whose previous worker died between the platform's answer and
   * recording it, look on the platform whether it arrived (e.g. by the idempotency key in
   * Slack message metadata). Returns its id if it did, so the worker does not send it again.
   */
  wasDelivered?(delivery: OutboxDelivery): Promise<string | null>;
  /**
   * Optional: work before the send that must not count against the send rate (Slack: open
   * the DM channel), so the rate-limited calls leave evenly spaced.
   */
  prepare?(delivery: OutboxDelivery): Promise<void>;
}

export interface OutboxDelivery {
  outboxId: string;
  idempotencyKey: string;
  personId: string | null;
  /** As stored by enqueueNotifications: `{ tenantId, userId }` or `{ personId }` for the web. */
  address: unknown;
  /** The notification kind ("campaign.prompt", …), set by the worker: e-mail marks campaign mail as a list. */
  kind?: string;
  /** The language the message was rendered in, set by the worker (chat senders do not need it). */
  locale?: Locale;
  message: ChatMessage;
  /** The row's payload as enqueued, set by the worker: e-mail reads the event or quarter from it for personal links. */
  payload?: Record<string, unknown>;
}

export type SendResult =
  | { ok: true; platformMessageId: string }
  /**
   * retryAfterMs from the platform (HTTP 429 Retry-After); permanent errors go straight to DEAD;
   * maybeDelivered: no answer came (timeout, connection lost), so the retry looks it up first.
   */
  | { ok: false; error: string; permanent: boolean; retryAfterMs?: number; maybeDelivered?: boolean };
