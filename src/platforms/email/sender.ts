import { z } from "zod";
import type { ChatMessage } from "../../chat/message.js";
import type { EmailRecipient } from "../../core/channels/email-recipient.js";
import type { ChatPlatform } from "../../core/platforms.js";
import type { OutboxDelivery, OutboxSender, SendResult } from "../../delivery/sender.js";
import { translator } from "../../i18n/index.js";
import { messageIdFor } from "./message-id.js";
import { renderEmail } from "./render.js";
import { smtpFailure } from "./smtp-errors.js";

/** What the sender needs of nodemailer's transporter (a port, so a test can hold the real one). */
export interface MailTransport {
  sendMail(mail: Record<string, unknown>): Promise<{ messageId: string }>;
}

/** Reading and marking recipients, through core (src/core/channels/email-recipient.ts). */
export interface EmailRecipients {
  find(personId: string): Promise<EmailRecipient | null>;
  /** An external guest of an event (core/events/guests.ts), addressed by guest id. */
  findGuest(guestId: string): Promise<EmailRecipient | null>;
  refused(personId: string, reason: string): Promise<void>;
  delivered(personId: string): Promise<void>;
}

/**
 * What a mail adds to the neutral message: personal links (report form, Ja/Misschien/Nee) as link
 * buttons, an .ics invitation, and a one-click unsubscribe URL. The seam for signed personal
 * links (src/core/links); without it a mail carries the message as chat would show it.
 */
export interface MailExtras {
  decorate(delivery: OutboxDelivery, recipient: EmailRecipient): Promise<MailAdditions>;
}

export interface MailAdditions {
  message?: ChatMessage;
  /** An iTIP calendar object (METHOD:REQUEST or CANCEL), sent as text/calendar and as an .ics attachment. */
  icalEvent?: { method: "REQUEST" | "CANCEL"; filename: string; content: string; contentType: string };
  /** https URL that unsubscribes with one POST (RFC 8058). */
  unsubscribeUrl?: string;
  /** Undoes what decorate issued, for a mail the server refused for good. */
  withdraw?(): Promise<void>;
}

export interface EmailSenderOptions {
  transport: MailTransport;
  /** MAIL_FROM as configured, with its display name. */
  from: string;
  fromAddress: string;
  /** MAIL_REPLY_TO: a mailbox someone reads; else replies go to the network's coordinators. */
  replyTo?: string;
  recipients: EmailRecipients;
  extras?: MailExtras;
}

const mailAddress = z.union([z.object({ personId: z.string().min(1) }), z.object({ guestId: z.string().min(1) })]);
const guestLocale = z.object({ locale: z.enum(["nl", "en"]) });

/**
 * The e-mail channel's outbox senders: EMAIL rows (people who chose e-mail), and unlinked rows
 * (WEB: people with no chat link) for whom e-mail is the way to reach them, recorded as EMAIL
 * rows from their first send on (deliversAs). Both address the person; the address is read at send time.
 */
export function createEmailSenders(options: EmailSenderOptions): { sender: OutboxSender; unlinked: OutboxSender } {
  const send = (delivery: OutboxDelivery) => sendEmail(options, delivery);
  return { sender: { platform: "EMAIL", send }, unlinked: { platform: "WEB" satisfies ChatPlatform, deliversAs: "EMAIL", send } };
}

async function sendEmail(options: EmailSenderOptions, delivery: OutboxDelivery): Promise<SendResult> {
  const address = mailAddress.safeParse(delivery.address);
  if (!address.success) return { ok: false, error: "invalid_address", permanent: true };
  const personId = "personId" in address.data ? address.data.personId : null;
  const recipient = "personId" in address.data ? await options.recipients.find(address.data.personId) : await options.recipients.findGuest(address.data.guestId);
  if (!recipient) return { ok: false, error: "no_email_address", permanent: true };
  const additions = (await options.extras?.decorate(delivery, recipient)) ?? {};
  // A guest is no person with a language on file: the invitation carries it.
  const guestLanguage = personId ? undefined : guestLocale.safeParse(delivery.payload);
  const locale = guestLanguage?.success ? guestLanguage.data.locale : delivery.locale ?? "nl";
  const campaign = delivery.kind?.startsWith("campaign.") ?? false;
  const rendered = renderEmail(additions.message ?? delivery.message, { locale, t: translator(locale), networkName: recipient.networkName, campaign });
  // A mailbox somebody reads: the configured one, else the coordinators, else the sender itself.
  const replyTo = options.replyTo ? [options.replyTo] : recipient.coordinators.length > 0 ? recipient.coordinators : [options.from];
  const unsubscribeMailbox = options.replyTo ?? options.fromAddress;
  const mail = {
    from: options.from,
    to: { name: recipient.name, address: recipient.email },
    replyTo,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: messageIdFor(delivery.idempotencyKey, options.fromAddress),
    // RFC 3834: automatic mail; out-of-office responders should not answer it.
    headers: {
      "Auto-Submitted": "auto-generated",
      "Content-Language": locale,
      ...(campaign && additions.unsubscribeUrl ? { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {}),
    },
    // One List-Unsubscribe header with both (nodemailer's inner array): the https link first, for
    // RFC 8058's one-click POST, the mailbox for clients that only mail. A flat array would make two headers.
    ...(campaign ? { list: { unsubscribe: [[...(additions.unsubscribeUrl ? [additions.unsubscribeUrl] : []), `mailto:${unsubscribeMailbox}?subject=${encodeURIComponent(unsubscribeSubject(locale))}`]] } } : {}),
    // The text/calendar alternative makes a mail client offer "add / update"; the same object as a
    // file is for clients that show only attachments.
    ...(additions.icalEvent
      ? {
          icalEvent: { method: additions.icalEvent.method, filename: additions.icalEvent.filename, content: additions.icalEvent.content },
          attachments: [{ filename: additions.icalEvent.filename, content: additions.icalEvent.content, contentType: additions.icalEvent.contentType }],
        }
      : {}),
  };
  try {
    const info = await options.transport.sendMail(mail);
    if (personId) await options.recipients.delivered(personId);
    return { ok: true, platformMessageId: `email:${info.messageId}` };
  } catch (error) {
    const { addressRefused, ...failure } = smtpFailure(error);
    if (addressRefused && personId) await options.recipients.refused(personId, failure.error);
    // Refused for good: the links reached no one. A transient refusal or a mail that may have
    // arrived keeps them: the retry carries the same ones (core/links/mail-links.ts).
    if (failure.permanent) await additions.withdraw?.();
    return failure;
  }
}

const unsubscribeSubject = (locale: string) => (locale === "en" ? "unsubscribe" : "afmelden");
