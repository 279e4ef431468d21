import type { CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from "botbuilder";
import type { Db } from "../../db/database.js";
import { anyConversationInTenant, personalConversation, saveConversation } from "./conversations.js";
import { continueConversation, createConversation } from "./proactive.js";

export interface PersonalChatTarget {
  adapter: CloudAdapter;
  db: Db;
  botAppId: string;
  tenantId: string;
  aadObjectId: string;
  /** A reference to start from (the current turn's, or a stored one of the same tenant). */
  via?: Partial<ConversationReference>;
}

/**
 * Runs `send` in the person's personal chat with the bot: the stored one, or a new one opened
 * through a reference from the same tenant (a bot installed in a team may start a 1:1 chat with
 * its members). Returns false when there is no way to reach the person privately.
 */
export async function inPersonalChat(target: PersonalChatTarget, send: (context: TurnContext) => Promise<void>): Promise<boolean> {
  const reference = await personalChatReference(target);
  if (!reference) return false;
  await continueConversation(target.adapter, target.botAppId, reference, send);
  return true;
}

/**
 * The reference of the person's personal chat with the bot: the stored one, or one opened now
 * (and stored) through a reference from the same tenant. Null when the person cannot be reached
 * privately.
 */
export async function personalChatReference(target: PersonalChatTarget): Promise<Partial<ConversationReference> | null> {
  const stored = await personalConversation(target.db, target.tenantId, target.aadObjectId);
  if (stored) return stored.reference;
  const via = target.via ?? (await anyConversationInTenant(target.db, target.tenantId))?.reference;
  if (!via?.serviceUrl || !via.bot) return null;
  // No first activity: the conversation is only opened here; what is sent follows in it.
  const parameters = {
    isGroup: false,
    bot: via.bot,
    members: [{ id: target.aadObjectId, name: "" }],
    tenantId: target.tenantId,
    channelData: { tenant: { id: target.tenantId } },
  } as ConversationParameters;
  let opened: Partial<ConversationReference> | null = null;
  await createConversation(target.adapter, target.botAppId, via.serviceUrl, parameters, async (context) => {
    const conversation = context.activity.conversation;
    if (!conversation?.id) return;
    const reference: Partial<ConversationReference> = {
      ...via,
      conversation: { ...conversation, conversationType: "personal", tenantId: target.tenantId },
      user: { id: target.aadObjectId, name: "", aadObjectId: target.aadObjectId } as ConversationReference["user"],
    };
    await saveConversation(target.db, { conversationId: conversation.id, tenantId: target.tenantId, aadObjectId: target.aadObjectId, kind: "personal", reference });
    opened = reference;
  });
  return opened;
}
