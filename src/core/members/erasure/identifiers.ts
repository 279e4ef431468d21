import type { DbClient } from "../../../db/database.js";

/** Everything that names or addresses the person being erased, gathered before anything goes. */
export interface ErasureSubject {
  personId: string;
  /** Their network and those above it: whose exports, uploads and links may name them. */
  networkIds: string[];
  email: string | null;
  /** Slack user ids and Entra (AAD) object ids of their linked chat accounts. */
  externalUserIds: string[];
  /** Teams user ids (29:…), known from their personal chats' references. */
  teamsUserIds: string[];
  /** The strings to find and blank wherever free text or JSON may hold them. */
  strings: string[];
}

// A short name ("Jan") would blank every word that contains it; a full name is specific enough.
const MIN_NAME_LENGTH = 5;

export async function erasureSubject(tx: DbClient, personId: string, networkIds: string[]): Promise<ErasureSubject> {
  const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true, email: true } });
  const identities = await tx.platformIdentity.findMany({ where: { personId }, select: { externalUserId: true } });
  const externalUserIds = identities.map((i) => i.externalUserId);
  // Any stored reference whose user is one of their Entra ids: a personal chat, or a channel
  // reference from before those were stored without their sender.
  const references = await tx.$queryRaw<{ id: string | null }[]>`
    SELECT DISTINCT reference->'user'->>'id' AS id FROM "TeamsConversation"
    WHERE "aadObjectId" = ANY(${externalUserIds}::text[]) OR reference->'user'->>'aadObjectId' = ANY(${externalUserIds}::text[])`;
  const teamsUserIds = references.map((r) => r.id).filter((id): id is string => !!id && !externalUserIds.includes(id));
  const name = person.name.trim();
  const strings = [...(name.length >= MIN_NAME_LENGTH ? [name] : []), ...(person.email ? [person.email] : []), ...externalUserIds, ...teamsUserIds];
  return { personId, networkIds, email: person.email, externalUserIds, teamsUserIds, strings: [...new Set(strings)] };
}
