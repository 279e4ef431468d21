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
  /** The team of a channel conversation. */
  teamId?: string | null;
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
    ...(conversation.teamId === undefined ? {} : { teamId: conversation.kind === "channel" ? conversation.teamId : null }),
    reference: withoutSender(conversation) as unknown as Prisma.InputJsonObject,
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
export async function forgetConversation(db: Db, conversationId: string): Promise<number> {
  return (await db.teamsConversation.deleteMany({ where: { conversationId } })).count;
}

/**
 * The bot was removed from a team, or the team was deleted: every channel and thread of it is
 * forgotten. References stored before the team was recorded are matched by channel id: a
 * thread's id is its channel's id followed by ";messageid=…", and the General channel's id is
 * the team id.
 */
export async function forgetTeam(db: Db, teamId: string, channelId: string): Promise<number> {
  const channels = [...new Set([teamId, channelOf(channelId)])];
  const { count } = await db.teamsConversation.deleteMany({
    where: {
      OR: [{ teamId }, ...channels.flatMap((id) => [{ conversationId: id }, { conversationId: { startsWith: `${literalLike(id)};` } }])],
    },
  });
  return count;
}

// Prisma's startsWith is a LIKE pattern: ids may hold "_" (meeting chats), which must not match any character.
function literalLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** The channel a thread's conversation id belongs to. */
export function channelOf(conversationId: string): string {
  return conversationId.split(";")[0]!;
}

/**
 * The reference of a channel or group chat names whoever wrote the activity it was taken from
 * (`user`: name, Teams id, Entra id). Posting there later needs none of that, and the row would
 * otherwise keep a person's identifiers after they are erased; a personal chat's `user` is the
 * person it belongs to, erased with them.
 */
function withoutSender(conversation: StoredConversation): unknown {
  if (conversation.kind === "personal") return conversation.reference;
  const { user: _user, ...rest } = conversation.reference as { user?: unknown } & Record<string, unknown>;
  return rest;
}
