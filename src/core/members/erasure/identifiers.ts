import type { DbClient } from "../../../db/database.js";
import type { ErasureHook } from "./hooks.js";

/** Everything that names or addresses the person being erased, gathered before anything goes. */
export interface ErasureSubject {
  personId: string;
  /** Their network and those above it: whose exports, uploads and links may name them. */
  networkIds: string[];
  email: string | null;
  /** Slack user ids and Entra (AAD) object ids of their linked chat accounts. */
  externalUserIds: string[];
  /** Other ids the channels know them by (Teams user ids, 29:…, from conversation references): the erasure hooks' `userIds`. */
  channelUserIds: string[];
  /** The strings to find and blank wherever free text or JSON may hold them. */
  strings: string[];
}

// A short name ("Jan") would blank every word that contains it; a full name is specific enough.
const MIN_NAME_LENGTH = 5;

export async function erasureSubject(tx: DbClient, personId: string, networkIds: string[], hooks: ErasureHook[]): Promise<ErasureSubject> {
  const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true, email: true } });
  const identities = await tx.platformIdentity.findMany({ where: { personId }, select: { externalUserId: true } });
  const externalUserIds = identities.map((i) => i.externalUserId);
  // One after the other: they share the transaction's connection.
  const found: string[] = [];
  for (const hook of hooks) found.push(...((await hook.userIds?.(tx, externalUserIds)) ?? []));
  const channelUserIds = [...new Set(found)].filter((id) => !externalUserIds.includes(id));
  const name = person.name.trim();
  const strings = [...(name.length >= MIN_NAME_LENGTH ? [name] : []), ...(person.email ? [person.email] : []), ...externalUserIds, ...channelUserIds];
  return { personId, networkIds, email: person.email, externalUserIds, channelUserIds, strings: [...new Set(strings)] };
}
