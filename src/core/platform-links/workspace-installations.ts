import type { Db, DbClient } from "../../db/database.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { scrubColumn } from "../members/erasure/scrub.js";

/**
 * OAuth installations of a chat workspace (the SlackInstallation table): one row per workspace,
 * or per Enterprise Grid org for an org-wide install (teamId null). The installation is the
 * platform's JSON as it came; the Slack adapter (platforms/slack/installation-store.ts) decides
 * who may install and gives it its SDK type.
 */
export interface InstallationKey {
  teamId: string | null;
  enterpriseId: string | null;
}

export async function saveInstallation(db: Db, key: InstallationKey, installation: unknown): Promise<void> {
  const data = { ...key, installation: installation as Prisma.InputJsonValue };
  // The unique (teamId, enterpriseId) has NULLs in it, which PostgreSQL never treats as equal:
  // find-then-write in a transaction instead of an upsert on that key.
  await db.$transaction(async (tx) => {
    const existing = await tx.slackInstallation.findFirst({ where: key, select: { id: true } });
    if (existing) await tx.slackInstallation.update({ where: { id: existing.id }, data });
    else await tx.slackInstallation.create({ data });
  });
}

/** The stored installation (its JSON), or null. */
export async function findInstallation(db: Db, key: InstallationKey | { teamId: string }): Promise<unknown> {
  const row = await db.slackInstallation.findFirst({ where: key, select: { installation: true } });
  return row?.installation ?? null;
}

/** Uninstalled, or its token revoked: removed. Returns how many rows went. */
export async function deleteInstallations(db: Db, key: InstallationKey | { teamId: string }): Promise<number> {
  return (await db.slackInstallation.deleteMany({ where: key })).count;
}

/** Erasure: the installing user in an installation may be the person erased. */
export function scrubInstallations(tx: DbClient, strings: string[]): Promise<number> {
  return scrubColumn(tx, "SlackInstallation", "installation", "json", strings);
}
