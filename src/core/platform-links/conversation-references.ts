import type { Db, DbClient } from "../../db/database.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { scrubColumn } from "../members/erasure/scrub.js";

/**
 * Stored conversation references (the TeamsConversation table): what a channel needs to write
 * to a personal chat, group chat or channel later, without the user saying something first.
 * The reference itself is the platform's JSON, kept as it came; the Teams adapter
 * (platforms/teams/conversations.ts) gives it its SDK type.
 */
export type ConversationKind = "personal" | "groupChat" | "channel";

export interface ConversationReferenceRow {
  conversationId: string;
  tenantId: string | null;
  aadObjectId: string | null;
  kind: ConversationKind;
  /** The team of a channel conversation. */
  teamId?: string | null;
  reference: Record<string, unknown>;
}

const SELECT = { conversationId: true, tenantId: true, aadObjectId: true, kind: true, reference: true } as const;

/**
 * Saves (or refreshes) a reference. Personal chats are keyed to the user's AAD object id so
 * the outbox can find "the personal chat of this person".
 */
export async function saveConversationReference(db: Db, conversation: ConversationReferenceRow): Promise<void> {
  const data = {
    tenantId: conversation.tenantId,
    aadObjectId: conversation.kind === "personal" ? conversation.aadObjectId : null,
    kind: conversation.kind,
    ...(conversation.teamId === undefined ? {} : { teamId: conversation.kind === "channel" ? conversation.teamId : null }),
    reference: withoutSender(conversation) as Prisma.InputJsonObject,
  };
  await db.teamsConversation.upsert({
    where: { conversationId: conversation.conversationId },
    create: { conversationId: conversation.conversationId, ...data },
    update: data,
  });
}

export async function personalConversationReference(db: Db, tenantId: string, aadObjectId: string): Promise<ConversationReferenceRow | null> {
  const row = await db.teamsConversation.findFirst({
    where: { aadObjectId, kind: "personal", OR: [{ tenantId }, { tenantId: null }] },
    orderBy: { updatedAt: "desc" },
    select: SELECT,
  });
  return row ? toRow(row) : null;
}

/** The reference of one conversation, if the bot is (still) in it. */
export async function conversationReferenceById(db: Db, conversationId: string): Promise<ConversationReferenceRow | null> {
  const row = await db.teamsConversation.findUnique({ where: { conversationId }, select: SELECT });
  return row ? toRow(row) : null;
}

/** Any reference in the tenant: its serviceUrl lets the bot open a personal chat. */
export async function anyConversationReferenceInTenant(db: Db, tenantId: string): Promise<ConversationReferenceRow | null> {
  const row = await db.teamsConversation.findFirst({ where: { tenantId }, orderBy: { updatedAt: "desc" }, select: SELECT });
  return row ? toRow(row) : null;
}

function toRow(row: { conversationId: string; tenantId: string | null; aadObjectId: string | null; kind: string; reference: unknown }): ConversationReferenceRow {
  return { ...row, kind: row.kind as ConversationKind, reference: row.reference as Record<string, unknown> };
}

/** The bot was removed from a conversation: it can no longer write there. */
export async function forgetConversationReference(db: Db, conversationId: string): Promise<number> {
  return (await db.teamsConversation.deleteMany({ where: { conversationId } })).count;
}

/**
 * The bot was removed from a team, or the team was deleted: every channel and thread of it is
 * forgotten. References stored before the team was recorded are matched by channel id: a
 * thread's id is its channel's id followed by ";messageid=…", and the General channel's id is
 * the team id.
 */
export async function forgetTeamReferences(db: Db, teamId: string, channelId: string): Promise<number> {
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
function withoutSender(conversation: ConversationReferenceRow): Record<string, unknown> {
  if (conversation.kind === "personal") return conversation.reference;
  const { user: _user, ...rest } = conversation.reference;
  return rest;
}

/**
 * Erasure: the Teams user ids (29:…) of a person, known from any stored reference whose user is
 * one of their Entra ids: a personal chat, or a channel reference from before those were stored
 * without their sender.
 */
export async function conversationUserIds(tx: DbClient, entraIds: string[]): Promise<string[]> {
  const references = await tx.$queryRaw<{ id: string | null }[]>`
    SELECT DISTINCT reference->'user'->>'id' AS id FROM "TeamsConversation"
    WHERE "aadObjectId" = ANY(${entraIds}::text[]) OR reference->'user'->>'aadObjectId' = ANY(${entraIds}::text[])`;
  return references.map((r) => r.id).filter((id): id is string => !!id && !entraIds.includes(id));
}

/**
 * Erasure: a personal chat's reference is the person's and goes; a channel's may name whoever
 * wrote there before references were stored without the sender, and is scrubbed of them.
 */
export async function eraseConversationReferences(tx: DbClient, entraIds: string[], strings: string[]): Promise<number> {
  const personal = await tx.teamsConversation.deleteMany({ where: { aadObjectId: { in: entraIds } } });
  return personal.count + (await scrubColumn(tx, "TeamsConversation", "reference", "json", strings));
}
