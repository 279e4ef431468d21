import nodemailer from "nodemailer";
import { mailboxAddress, type Env } from "../../config.js";
import type { ChannelPorts } from "../../chat/adapter.js";
import { emailRecipient, guestEmailRecipient, recordEmailDelivered, recordEmailRefused } from "../../core/channels/email-recipient.js";
import type { CoreDeps } from "../../core/deps.js";
import type { OutboxSender } from "../../delivery/sender.js";
import { createEmailSenders, type MailExtras, type MailTransport } from "./sender.js";

export interface MountedEmail {
  ports: ChannelPorts;
  sender: OutboxSender;
  /** Delivers to people with no chat link whose address is on file. */
  unlinkedSender: OutboxSender;
  /** The SMTP host, for the start-up line (never the credentials). */
  host: string;
  stop(): Promise<void>;
}

// A pool keeps connections open through a fan-out; a few connections are what relays allow.
export const SMTP_POOL = { pool: true, maxConnections: 4, maxMessages: 500 } as const;
// Bounded waits, so a mail server that hangs is a transient failure, not a stuck worker lane.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 } as const;

/**
 * The e-mail channel: no inbound requests (people answer through their personal links or by
 * replying, which reaches a mailbox people read), so it contributes only outbox senders.
 * Absent without SMTP_URL and MAIL_FROM (config.ts checks they come together).
 */
export function mountEmail(env: Env, deps: CoreDeps, options: { extras?: MailExtras; transport?: MailTransport } = {}): MountedEmail | undefined {
  if (!env.SMTP_URL || !env.MAIL_FROM) return undefined;
  const mailer = options.transport ? undefined : nodemailer.createTransport({ url: env.SMTP_URL, ...SMTP_POOL, ...TIMEOUTS });
  const transport: MailTransport = options.transport ?? { sendMail: (mail) => mailer!.sendMail(mail) };
  const { sender, unlinked } = createEmailSenders({
    transport,
    from: env.MAIL_FROM,
    fromAddress: mailboxAddress(env.MAIL_FROM),
    replyTo: env.MAIL_REPLY_TO,
    extras: options.extras,
    recipients: {
      find: (personId) => emailRecipient(deps.db, personId),
      findGuest: (guestId) => guestEmailRecipient(deps.db, guestId),
      refused: (personId, reason) => recordEmailRefused(deps.db, personId, reason, deps.now()),
      delivered: (personId) => recordEmailDelivered(deps.db, personId),
    },
  });
  return {
    ports: { platform: "EMAIL", sender },
    sender,
    unlinkedSender: unlinked,
    host: new URL(env.SMTP_URL).host,
    async stop() {
      mailer?.close();
    },
  };
}
