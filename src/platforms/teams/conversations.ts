import type { ConversationReference } from "botbuilder";
import {
  anyConversationReferenceInTenant,
  conversationReferenceById,
  forgetConversationReference,
  forgetTeamReferences,
  personalConversationReference,
  saveConversationReference,
  type ConversationReferenceRow,
} from "../../core/platform-links/conversation-references.js";
import type { Db } from "../../db/database.js";

/**
 * Stored conversation references with botbuilder's type: the rows live in core
 * (core/platform-links/conversation-references.ts), which knows them only as JSON.
 */
export interface StoredConversation extends Omit<ConversationReferenceRow, "reference"> {
  reference: Partial<ConversationReference>;
}

export const saveConversation = (db: Db, conversation: StoredConversation): Promise<void> => saveConversationReference(db, asRow(conversation));
export const personalConversation = async (db: Db, tenantId: string, aadObjectId: string) => typed(await personalConversationReference(db, tenantId, aadObjectId));
/** The reference of one conversation, if the bot is (still) in it. */
export const conversationById = async (db: Db, conversationId: string) => typed(await conversationReferenceById(db, conversationId));
/** Any reference in the tenant: its serviceUrl lets the bot open a personal chat. */
export const anyConversationInTenant = async (db: Db, tenantId: string) => typed(await anyConversationReferenceInTenant(db, tenantId));
export { forgetConversationReference as forgetConversation, forgetTeamReferences as forgetTeam };

function asRow(conversation: StoredConversation): ConversationReferenceRow {
  return { ...conversation, reference: conversation.reference as Record<string, unknown> };
}

function typed(row: ConversationReferenceRow | null): StoredConversation | null {
  return row ? { ...row, reference: row.reference as Partial<ConversationReference> } : null;
}
