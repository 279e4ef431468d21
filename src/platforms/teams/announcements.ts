import { CardFactory } from "botbuilder";
import { AnnouncementCopyGone, refreshCopies, type CopyWriter } from "../../chat/events/announcement-copies.js";
import type { ChatContext } from "../../chat/context.js";
import { rememberAnnouncement, type AnnouncementCopy, type CopySelection } from "../../core/events/index.js";
import { tenantOf } from "./activity.js";
import { messageCard } from "./cards.js";
import { conversationById } from "./conversations.js";
import type { TeamsTurn } from "./effects.js";
import { continueConversation } from "./proactive.js";
import { isGone, statusOf } from "./send-errors.js";

/** The announcement card just posted in this turn's conversation, so it can be kept up to date. */
export async function rememberTeamsAnnouncement(turn: TeamsTurn, eventId: string, activityId: string): Promise<void> {
  await rememberAnnouncement(turn.db, eventId, copyInThisConversation(turn, activityId));
}

/** After an RSVP on the card `pressedId` of this conversation: the event's other cards in the tenant. */
export function refreshOtherAnnouncements(turn: TeamsTurn, ctx: ChatContext, write: CopyWriter, pressedId: string): Promise<void> {
  return refreshAnnouncements(turn, ctx, write, { otherThan: copyInThisConversation(turn, pressedId) });
}

/** After a coordinator changed or cancelled the event: all its cards in the tenant. */
export function refreshAllAnnouncements(turn: TeamsTurn, ctx: ChatContext, write: CopyWriter, eventId: string): Promise<void> {
  return refreshAnnouncements(turn, ctx, write, { eventId, platform: "TEAMS", tenantId: tenantOf(turn.activity) ?? "" });
}

function refreshAnnouncements(turn: TeamsTurn, ctx: ChatContext, write: CopyWriter, which: CopySelection): Promise<void> {
  return refreshCopies(ctx, which, write, (error, copy) =>
    turn.logger.warn({ err: error, conversationId: copy?.conversationId, activityId: copy?.messageId }, "Teams: kon een eventaankondiging niet bijwerken"),
  );
}

function copyInThisConversation(turn: TeamsTurn, activityId: string): AnnouncementCopy {
  return { platform: "TEAMS", tenantId: tenantOf(turn.activity) ?? "", conversationId: turn.activity.conversation.id, messageId: activityId };
}

/** Teams' copy writer: through the stored reference of the copy's conversation, as proactive sends do. */
export function teamsCopyWriter(turn: TeamsTurn): CopyWriter {
  return async (copy, message) => {
    const conversation = await conversationById(turn.db, copy.conversationId);
    // The reference is dropped when the bot is removed from the conversation.
    if (!conversation) throw new AnnouncementCopyGone("no stored conversation reference");
    const attachments = [CardFactory.adaptiveCard(messageCard(message))];
    try {
      await continueConversation(turn.adapter, turn.botAppId, conversation.reference, async (context) => {
        await context.updateActivity({ id: copy.messageId, type: "message", attachments, summary: message.summary.slice(0, 200) });
      });
    } catch (error) {
      if (isGone(error)) throw new AnnouncementCopyGone(`HTTP ${statusOf(error)}`, { cause: error });
      throw error;
    }
  };
}
