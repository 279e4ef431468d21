import type { DbClient } from "../../db/database.js";
import type { CoreDeps } from "../deps.js";
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

/**
 * Which stored copies to write to. Always one platform and tenant: a copy in another workspace
 * or tenant is not ours to write to from here.
 */
export type CopySelection =
  /** Every copy of the event (after a coordinator changed or cancelled it). */
  | { eventId: string; platform: ChatPlatform; tenantId: string }
  /** The other copies of the event the pressed message announces (after an RSVP on it). */
  | { otherThan: AnnouncementCopy };

export async function rememberAnnouncement(db: DbClient, eventId: string, copy: AnnouncementCopy): Promise<void> {
  await db.eventAnnouncement.createMany({
    data: [{ eventId, platform: copy.platform, tenantId: copy.tenantId, channelId: copy.conversationId, platformMessageId: copy.messageId }],
    skipDuplicates: true,
  });
}

/** A copy the platform says is gone for good (message deleted, channel archived, bot removed): never written again. */
export async function forgetAnnouncement(deps: Pick<CoreDeps, "db">, copy: AnnouncementCopy): Promise<void> {
  await deps.db.eventAnnouncement.deleteMany({
    where: { platform: copy.platform, tenantId: copy.tenantId, channelId: copy.conversationId, platformMessageId: copy.messageId },
  });
}

/** The one filter both selections come down to. */
interface CopyFilter {
  eventId: string;
  platform: ChatPlatform;
  tenantId: string;
  NOT?: { channelId: string; platformMessageId: string };
}

/**
 * The selected copies, oldest first, with the event they announce. Null when a pressed message
 * is not a stored announcement (a private agenda, say).
 */
export async function announcementCopies(deps: Pick<CoreDeps, "db">, which: CopySelection): Promise<{ eventId: string; copies: AnnouncementCopy[] } | null> {
  const db = deps.db;
  const filter: CopyFilter | null = "otherThan" in which ? await othersOf(db, which.otherThan) : which;
  if (!filter) return null;
  const { eventId, platform, tenantId } = filter;
  const rows = await db.eventAnnouncement.findMany({
    where: { eventId, platform, tenantId, NOT: filter.NOT },
    select: { channelId: true, platformMessageId: true },
    orderBy: { createdAt: "asc" },
  });
  const copies = rows.map((row) => ({ platform, tenantId, conversationId: row.channelId, messageId: row.platformMessageId }));
  return { eventId, copies };
}

async function othersOf(db: DbClient, pressed: AnnouncementCopy): Promise<CopyFilter | null> {
  const announcement = await db.eventAnnouncement.findUnique({
    where: { platform_channelId_platformMessageId: { platform: pressed.platform, channelId: pressed.conversationId, platformMessageId: pressed.messageId } },
    select: { eventId: true },
  });
  if (!announcement) return null;
  const { platform, tenantId } = pressed;
  return { eventId: announcement.eventId, platform, tenantId, NOT: { channelId: pressed.conversationId, platformMessageId: pressed.messageId } };
}
