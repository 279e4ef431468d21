import type { webApi } from "@slack/bolt";
import { AnnouncementCopyGone, refreshCopies, type CopyWriter } from "../../chat/events/announcement-copies.js";
import type { ChatContext } from "../../chat/context.js";
import { rememberAnnouncement, type AnnouncementCopy, type CopySelection } from "../../core/events/index.js";
import type { Db } from "../../db/database.js";
import type { Logger } from "../../logger.js";
import { messagePayload } from "./blocks.js";
import { slackErrorCode } from "./errors.js";

/** chat.update errors that mean the copy is gone for good: deleted, or its channel deleted or archived. */
const COPY_GONE_ERRORS = new Set(["message_not_found", "channel_not_found", "is_archived"]);

export interface SlackMessageRef {
  channel: string;
  ts: string;
}

/** Keeps the event's announcements in this workspace up to date. The refreshes never throw. */
export interface AnnouncementRefresher {
  remember(eventId: string, teamId: string, message: SlackMessageRef): Promise<void>;
  /** After an RSVP on one copy: the event's other copies, written by the adapter's copy writer. */
  refreshOthers(ctx: ChatContext, write: CopyWriter, teamId: string, pressed: SlackMessageRef): Promise<void>;
  /** After a coordinator changed or cancelled the event: all its copies. */
  refreshAll(ctx: ChatContext, write: CopyWriter, teamId: string, eventId: string): Promise<void>;
}

export function createAnnouncementRefresher(db: Db, logger: Logger): AnnouncementRefresher {
  const refresh = (ctx: ChatContext, write: CopyWriter, which: CopySelection) =>
    refreshCopies(ctx, which, write, (error, copy) =>
      logger.warn({ err: error, channel: copy?.conversationId }, "Slack: kon een eventaankondiging niet bijwerken"),
    );

  return {
    remember: (eventId, teamId, message) => rememberAnnouncement(db, eventId, slackCopy(teamId, message)),
    refreshOthers: (ctx, write, teamId, pressed) => refresh(ctx, write, { otherThan: slackCopy(teamId, pressed) }),
    refreshAll: (ctx, write, teamId, eventId) => refresh(ctx, write, { eventId, platform: "SLACK", tenantId: teamId }),
  };
}

/** Slack's copy writer: chat.update with the token of the request's workspace. */
export function slackCopyWriter(client: webApi.WebClient): CopyWriter {
  return async (copy, message) => {
    try {
      await client.chat.update({ channel: copy.conversationId, ts: copy.messageId, ...messagePayload(message) });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && COPY_GONE_ERRORS.has(code)) throw new AnnouncementCopyGone(code, { cause: error });
      throw error;
    }
  };
}

function slackCopy(teamId: string, message: SlackMessageRef): AnnouncementCopy {
  return { platform: "SLACK", tenantId: teamId, conversationId: message.channel, messageId: message.ts };
}
