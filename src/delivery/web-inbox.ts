import type { Db } from "../db/database.js";
import type { ChatMessage } from "../chat/message.js";
import { renderNotification } from "../chat/notifications.js";
import { isLocale } from "../i18n/index.js";
import type { OutboxSender } from "./sender.js";

/**
 * People without a chat identity get their notifications in the web playground's inbox.
 * The outbox row itself is the inbox entry, so "sending" only marks it delivered.
 */
export const webSender: OutboxSender = {
  platform: "WEB",
  async send(delivery) {
    return { ok: true, platformMessageId: `web:${delivery.outboxId}` };
  },
};

export interface InboxEntry {
  id: string;
  kind: string;
  sentAt: Date;
  message: ChatMessage;
}

/**
 * The playground's inbox for one person, newest first, rendered in their language now
 * (so a language switch shows in old messages too). For src/playground.
 */
export async function webInbox(db: Db, personId: string, limit = 50): Promise<InboxEntry[]> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { locale: true, network: { select: { defaultLocale: true } } } });
  if (!person) return [];
  const locale = isLocale(person.locale) ? person.locale : person.network.defaultLocale;
  const rows = await db.outboxMessage.findMany({
    where: { personId, platform: "WEB", status: "SENT" },
    select: { id: true, kind: true, payload: true, sentAt: true },
    orderBy: { sentAt: "desc" },
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    sentAt: row.sentAt!,
    message: renderNotification(row.kind, locale, row.payload as Record<string, unknown>),
  }));
}
