import type { webApi } from "@slack/bolt";
import type { ChatContext } from "../../chat/context.js";
import type { ChatMessage } from "../../chat/message.js";
import type { Db } from "../../db/database.js";
import type { Logger } from "../../logger.js";
import { messagePayload } from "./blocks.js";

/** The current announcement of an event (counts, waiting list), from the events chat module. */
export type AnnouncementSource = (ctx: ChatContext, eventId: string) => Promise<ChatMessage | null>;

export interface AnnouncementRefresher {
  remember(eventId: string, teamId: string, message: { channel: string; ts: string }): Promise<void>;
  /** After an RSVP on one copy, brings the event's other copies in this workspace up to date. */
  refreshOthers(ctx: ChatContext, client: webApi.WebClient, teamId: string, pressed: { channel: string; ts: string }): Promise<void>;
}

export function createAnnouncementRefresher(db: Db, logger: Logger, source: AnnouncementSource | undefined): AnnouncementRefresher {
  return {
    async remember(eventId, teamId, message) {
      await db.eventAnnouncement.upsert({
        where: { platform_channelId_platformMessageId: { platform: "SLACK", channelId: message.channel, platformMessageId: message.ts } },
        create: { eventId, platform: "SLACK", tenantId: teamId, channelId: message.channel, platformMessageId: message.ts },
        update: {},
      });
    },
    async refreshOthers(ctx, client, teamId, pressed) {
      if (!source) return;
      const announcement = await db.eventAnnouncement.findUnique({
        where: { platform_channelId_platformMessageId: { platform: "SLACK", channelId: pressed.channel, platformMessageId: pressed.ts } },
        select: { eventId: true },
      });
      if (!announcement) return;
      const others = await db.eventAnnouncement.findMany({
        where: { eventId: announcement.eventId, platform: "SLACK", tenantId: teamId, NOT: { channelId: pressed.channel, platformMessageId: pressed.ts } },
        select: { channelId: true, platformMessageId: true },
      });
      if (others.length === 0) return;
      const message = await source(ctx, announcement.eventId);
      if (!message) return;
      const payload = messagePayload(message);
      for (const other of others) {
        try {
          await client.chat.update({ channel: other.channelId, ts: other.platformMessageId, ...payload });
        } catch (error) {
          // A deleted copy or a channel the bot left must not stop the other copies.
          logger.warn({ err: error, channel: other.channelId }, "Slack: kon een eventaankondiging niet bijwerken");
        }
      }
    },
  };
}
