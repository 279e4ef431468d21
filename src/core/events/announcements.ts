import type { DbClient } from "../../db/database.js";
import type { ChatPlatform } from "../members/actor-lookup.js";

/**
 * Where the bot posted an event's announcement (EventAnnouncement), so every copy can be kept
 * up to date. One store for all platforms: Slack channel + ts, Teams conversation + activity id.
 */
export interface AnnouncementCopy {
  platform: ChatPlatform;
  /** Slack team id or Microsoft tenant id. */
  tenantId: string;
  conversationId: string;
  messageId: string;
}

export async function rememberAnnouncement(db: DbClient, eventId: string, copy: AnnouncementCopy): Promise<void> {
  await db.eventAnnouncement.createMany({
    data: [{ eventId, platform: copy.platform, tenantId: copy.tenantId, channelId: copy.conversationId, platformMessageId: copy.messageId }],
    skipDuplicates: true,
  });
}

/**
 * The event a pressed message announces, with the event's other copies on the same platform
 * and tenant (a copy in another workspace or tenant is not ours to write to from here).
 * Null when the pressed message is not a stored announcement (a private agenda, say).
 */
export async function otherAnnouncementCopies(db: DbClient, pressed: AnnouncementCopy): Promise<{ eventId: string; others: AnnouncementCopy[] } | null> {
  const announcement = await db.eventAnnouncement.findUnique({
    where: { platform_channelId_platformMessageId: { platform: pressed.platform, channelId: pressed.conversationId, platformMessageId: pressed.messageId } },
    select: { eventId: true },
  });
  if (!announcement) return null;
  const rows = await db.eventAnnouncement.findMany({
    where: {
      eventId: announcement.eventId,
      platform: pressed.platform,
      tenantId: pressed.tenantId,
      NOT: { channelId: pressed.conversationId, platformMessageId: pressed.messageId },
    },
    select: { channelId: true, platformMessageId: true },
    orderBy: { createdAt: "asc" },
  });
  const others = rows.map((row) => ({ platform: pressed.platform, tenantId: pressed.tenantId, conversationId: row.channelId, messageId: row.platformMessageId }));
  return { eventId: announcement.eventId, others };
}
