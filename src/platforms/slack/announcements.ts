import type { webApi } from "@slack/bolt";
import { refreshOtherCopies } from "../../chat/announcement-copies.js";
import type { ChatContext } from "../../chat/context.js";
import { rememberAnnouncement, type AnnouncementCopy } from "../../core/events/index.js";
import type { Db } from "../../db/database.js";
import type { Logger } from "../../logger.js";
import { messagePayload } from "./blocks.js";

export interface SlackMessageRef {
  channel: string;
  ts: string;
}

export interface AnnouncementRefresher {
  remember(eventId: string, teamId: string, message: SlackMessageRef): Promise<void>;
  /** After an RSVP on one copy, brings the event's other copies in this workspace up to date. */
  refreshOthers(ctx: ChatContext, client: webApi.WebClient, teamId: string, pressed: SlackMessageRef): Promise<void>;
}

export function createAnnouncementRefresher(db: Db, logger: Logger): AnnouncementRefresher {
  return {
    remember: (eventId, teamId, message) => rememberAnnouncement(db, eventId, slackCopy(teamId, message)),
    async refreshOthers(ctx, client, teamId, pressed) {
      const failures = await refreshOtherCopies(ctx, slackCopy(teamId, pressed), async (copy, message) => {
        await client.chat.update({ channel: copy.conversationId, ts: copy.messageId, ...messagePayload(message) });
      });
      // A deleted copy or a channel the bot left must not stop the other copies.
      for (const { copy, error } of failures) {
        logger.warn({ err: error, channel: copy.conversationId }, "Slack: kon een eventaankondiging niet bijwerken");
      }
    },
  };
}

function slackCopy(teamId: string, message: SlackMessageRef): AnnouncementCopy {
  return { platform: "SLACK", tenantId: teamId, conversationId: message.channel, messageId: message.ts };
}
