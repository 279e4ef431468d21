import type { ConversationReference } from "botbuilder";
import type { Db } from "../../db/database.js";
import type { Prisma } from "../../generated/prisma/client.js";

/**
 * Stored conversation references (TeamsConversation): what the bot needs to write to a
 * personal chat, group chat or channel later, without the user saying something first.
 */
export type ConversationKind = "personal" | "groupChat" | "channel";

export interface StoredConversation {
  conversationId: string;
  tenantId: string | null;
  aadObjectId: string | null;
  kind: ConversationKind;
  reference: Partial<ConversationReference>;
}

/**
 * Saves (or refreshes) a reference. Personal chats are keyed to the user's AAD object id so
 * the outbox can find "the personal chat of this person".
 */
export async function saveConversation(db: Db, conversation: StoredConversation): Promise<void> {
  const data = {
    tenantId: conversation.tenantId,
    aadObjectId: conversation.kind === "personal" ? conversation.aadObjectId : null,
    kind: conversation.kind,
    reference: conversation.reference as unknown as Prisma.InputJsonObject,
  };
  await db.teamsConversation.upsert({
    where: { conversationId: conversation.conversationId },
    create: { conversationId: conversation.conversationId, ...data },
    update: data,
  });
}

export async function personalConversation(db: Db, tenantId: string, aadObjectId: string): Promise<StoredConversation | null> {
  const row = await db.teamsConversation.findFirst({
    where: { aadObjectId, kind: "personal", OR: [{ tenantId }, { tenantId: null }] },
    orderBy: { updatedAt: "desc" },
    select: { conversationId: true, tenantId: true, aadObjectId: true, kind: true, reference: true },
  });
  return row ? toStored(row) : null;
}

/** The reference of one conversation, if the bot is (still) in it. */
export async function conversationById(db: Db, conversationId: string): Promise<StoredConversation | null> {
  const row = await db.teamsConversation.findUnique({
    where: { conversationId },
    select: { conversationId: true, tenantId: true, aadObjectId: true, kind: true, reference: true },
  });
  return row ? toStored(row) : null;
}

/** Any reference in the tenant: its serviceUrl lets the bot open a personal chat. */
export async function anyConversationInTenant(db: Db, tenantId: string): Promise<StoredConversation | null> {
  const row = await db.teamsConversation.findFirst({
    where: { tenantId },
    orderBy: { updatedAt: "desc" },
    select: { conversationId: true, tenantId: true, aadObjectId: true, kind: true, reference: true },
  });
  return row ? toStored(row) : null;
}

function toStored(row: { conversationId: string; tenantId: string | null; aadObjectId: string | null; kind: string; reference: unknown }): StoredConversation {
  return { ...row, kind: row.kind as ConversationKind, reference: row.reference as Partial<ConversationReference> };
}

/** The bot was removed from a conversation: it can no longer write there. */
export async function forgetConversation(db: Db, conversationId: string): Promise<void> {
  await db.teamsConversation.deleteMany({ where: { conversationId } });
}
