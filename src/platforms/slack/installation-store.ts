import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { deleteInstallations, findInstallation, saveInstallation } from "../../core/platform-links/workspace-installations.js";
import type { Db } from "../../db/database.js";

/** Whether a Slack workspace or org id is bound to a network (core's workspace bindings). */
export type IsBound = (slackId: string) => Promise<boolean>;

/**
 * Slack OAuth installations in the SlackInstallation table (through core/platform-links), so one deployment serves several
 * regional workspaces and every instance sees a new install at once. One row per workspace
 * (or per Enterprise Grid org for org-wide installs). Who may install: with SLACK_ALLOWED_TEAMS
 * the workspaces and orgs on that list; without it, a workspace (or org) bound to a network, so
 * a stranger cannot install the app to claim members by e-mail.
 */
export function prismaInstallationStore(db: Db, isBound: IsBound, allowedTeams?: readonly string[]): InstallationStore {
  const listed = allowedTeamsCheck(allowedTeams);
  const mayInstall = async (key: InstallationKey) => (allowedTeams ? listed(key) : (await anyBound(isBound, key)));
  return {
    async storeInstallation(installation) {
      const key = keyOf(installation.isEnterpriseInstall, installation.team?.id, installation.enterprise?.id);
      if (!(await mayInstall(key))) throw new WorkspaceNotAllowed(key, Boolean(allowedTeams));
      await saveInstallation(db, key, installation);
    },
    async fetchInstallation(query) {
      const key = keyOfQuery(query);
      // Also for an installation stored before the list was set: it is not served any more. One
      // whose binding ended later is still served: its people hear why the bot does nothing there.
      if (allowedTeams && !listed(key)) throw new WorkspaceNotAllowed(key, true);
      const installation = await findInstallation(db, key);
      if (!installation) throw new Error(`No Slack installation for team ${query.teamId ?? "-"} / enterprise ${query.enterpriseId ?? "-"}`);
      return installation as Installation<"v2", boolean>;
    },
    async deleteInstallation(query) {
      await deleteInstallations(db, keyOfQuery(query));
    },
  };
}

/** A workspace (or Enterprise Grid org) that SLACK_ALLOWED_TEAMS does not name, or that no network is bound to. */
export class WorkspaceNotAllowed extends Error {
  constructor(key: InstallationKey, byList: boolean) {
    const id = key.teamId ?? key.enterpriseId ?? "-";
    super(byList ? `Slack workspace ${id} is not in SLACK_ALLOWED_TEAMS` : `Slack workspace ${id} is not bound to a network (npm run admin -- bind)`);
    this.name = "WorkspaceNotAllowed";
  }
}

type InstallationKey = ReturnType<typeof keyOf>;

async function anyBound(isBound: IsBound, key: InstallationKey): Promise<boolean> {
  for (const id of [key.teamId, key.enterpriseId]) if (id !== null && (await isBound(id))) return true;
  return false;
}

// An org-wide install is allowed by its org id; a workspace by its own id or its org's.
function allowedTeamsCheck(allowedTeams: readonly string[] | undefined): (key: InstallationKey) => boolean {
  if (!allowedTeams) return () => false;
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
  const installation = (await findInstallation(db, { teamId })) as { bot?: { token?: string } } | null;
  return installation?.bot?.token;
}
