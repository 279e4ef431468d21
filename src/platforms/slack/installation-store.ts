import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Db } from "../../db/database.js";
import type { Prisma } from "../../generated/prisma/client.js";

/**
 * Slack OAuth installations in the SlackInstallation table, so one deployment serves several
 * regional workspaces and every instance sees a new install at once. One row per workspace
 * (or per Enterprise Grid org for org-wide installs).
 */
export function prismaInstallationStore(db: Db, allowedTeams?: readonly string[]): InstallationStore {
  const mayServe = allowedTeamsCheck(allowedTeams);
  return {
    async storeInstallation(installation) {
      const key = keyOf(installation.isEnterpriseInstall, installation.team?.id, installation.enterprise?.id);
      if (!mayServe(key)) throw new WorkspaceNotAllowed(key);
      const data = { ...key, installation: installation as unknown as Prisma.InputJsonValue };
      // The unique (teamId, enterpriseId) has NULLs in it, which PostgreSQL never treats as equal:
      // find-then-write in a transaction instead of an upsert on that key.
      await db.$transaction(async (tx) => {
        const existing = await tx.slackInstallation.findFirst({ where: key, select: { id: true } });
        if (existing) await tx.slackInstallation.update({ where: { id: existing.id }, data });
        else await tx.slackInstallation.create({ data });
      });
    },
    async fetchInstallation(query) {
      const key = keyOfQuery(query);
      // Also for an installation stored before the list was set: it is not served any more.
      if (!mayServe(key)) throw new WorkspaceNotAllowed(key);
      const row = await db.slackInstallation.findFirst({ where: key, select: { installation: true } });
      if (!row) throw new Error(`No Slack installation for team ${query.teamId ?? "-"} / enterprise ${query.enterpriseId ?? "-"}`);
      return row.installation as unknown as Installation<"v2", boolean>;
    },
    async deleteInstallation(query) {
      await db.slackInstallation.deleteMany({ where: keyOfQuery(query) });
    },
  };
}

/** A workspace (or Enterprise Grid org) that SLACK_ALLOWED_TEAMS does not name. */
export class WorkspaceNotAllowed extends Error {
  constructor(key: InstallationKey) {
    super(`Slack workspace ${key.teamId ?? key.enterpriseId ?? "-"} is not in SLACK_ALLOWED_TEAMS`);
    this.name = "WorkspaceNotAllowed";
  }
}

type InstallationKey = ReturnType<typeof keyOf>;

// An org-wide install is allowed by its org id; a workspace by its own id or its org's.
function allowedTeamsCheck(allowedTeams: readonly string[] | undefined): (key: InstallationKey) => boolean {
  if (!allowedTeams) return () => true;
  const allowed = new Set(allowedTeams);
  return (key) => (key.teamId !== null && allowed.has(key.teamId)) || (key.enterpriseId !== null && allowed.has(key.enterpriseId));
}

function keyOf(isEnterpriseInstall: boolean | undefined, teamId: string | undefined, enterpriseId: string | undefined) {
  return isEnterpriseInstall ? { teamId: null, enterpriseId: enterpriseId ?? null } : { teamId: teamId ?? null, enterpriseId: enterpriseId ?? null };
}

function keyOfQuery(query: InstallationQuery<boolean>) {
  return keyOf(query.isEnterpriseInstall, query.teamId, query.enterpriseId);
}

/** The bot token of a workspace, for sending outside a request (the outbox). */
export async function botTokenForTeam(db: Db, teamId: string): Promise<string | undefined> {
  const row = await db.slackInstallation.findFirst({ where: { teamId }, select: { installation: true } });
  const installation = row?.installation as { bot?: { token?: string } } | undefined;
  return installation?.bot?.token;
}
