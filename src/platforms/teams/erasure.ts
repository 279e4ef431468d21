import type { ErasureHook } from "../../core/members/erasure/hooks.js";
import { conversationUserIds, eraseConversationReferences } from "../../core/platform-links/conversation-references.js";

/**
 * Teams' clean-up on erasure: its stored conversation references. Loaded without botbuilder, so
 * it is registered in every deployment (rows stay after Teams is switched off).
 */
export const teamsErasure: ErasureHook = {
  name: "teamsConversations",
  tables: ["TeamsConversation"],
  userIds: conversationUserIds,
  run: ({ tx, subject }) => eraseConversationReferences(tx, subject.externalUserIds, subject.strings),
};
