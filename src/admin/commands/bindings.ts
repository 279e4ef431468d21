import { bindWorkspaces, listBindings, unbindWorkspace } from "../../core/networks/bindings.js";
import { adminOperator } from "../../core/networks/operator.js";
import { AdminError, type AdminCommand } from "../command.js";
import { parseFlags, requireFlag, unwrap } from "../arguments.js";

const bindUsage = "bind --network <slug> --slack <T…|E…> | --teams <tenant-id> (meerdere mogen)";
const unbindUsage = "unbind --network <slug> --slack <T…|E…> | --teams <tenant-id>";
const workspaceFlags = { network: { type: "string" }, slack: { type: "string", multiple: true }, teams: { type: "string", multiple: true } } as const;

const platformLabel = (platform: string) => (platform === "SLACK" ? "Slack-werkruimte" : "Teams-tenant");

function workspacesOf(values: { slack?: string[]; teams?: string[] }) {
  return [
    ...(values.slack ?? []).map((tenantId) => ({ platform: "SLACK" as const, tenantId })),
    ...(values.teams ?? []).map((tenantId) => ({ platform: "TEAMS" as const, tenantId })),
  ];
}

/** "workspaces.2.tenantId" → the flag and value the admin typed. */
const workspaceFlag = (workspaces: { platform: string; tenantId: string }[]) => (field: string) => {
  const index = /^workspaces?\.(\d+)/.exec(field)?.[1];
  const workspace = index !== undefined ? workspaces[Number(index)] : workspaces[0];
  if (field.startsWith("workspace") && workspace) return `--${workspace.platform.toLowerCase()} ${workspace.tenantId}`;
  return field === "workspaces" ? "--slack/--teams" : `--${field}`;
};

const bind: AdminCommand = {
  name: "bind",
  summary: "Koppelt Slack-werkruimtes (team-id) en Teams-tenants aan een netwerk: alleen daar worden chatgebruikers aan zijn mensen gekoppeld.",
  usage: bindUsage.slice("bind ".length),
  async run(ctx, args) {
    const { values } = parseFlags(args, workspaceFlags, bindUsage);
    const workspaces = workspacesOf(values);
    if (workspaces.length === 0) throw new AdminError(`Geef minstens één --slack of --teams.\nGebruik: npm run admin -- ${bindUsage}`, 64);
    const bound = unwrap(
      await bindWorkspaces(ctx.deps, adminOperator, { network: requireFlag(values.network, "--network", bindUsage), workspaces }),
      workspaceFlag(workspaces),
    );
    for (const outcome of bound.outcomes) {
      const what = `${platformLabel(outcome.platform)} ${outcome.tenantId}`;
      ctx.out(outcome.created ? `${what} is gekoppeld aan ${bound.network.name}.` : `${what} was al gekoppeld aan ${bound.network.name}.`);
      if (outcome.alsoBoundTo.length > 0) {
        ctx.out(`  Let op: ${what} is ook gekoppeld aan ${outcome.alsoBoundTo.map((n) => `${n.name} (${n.slug})`).join(", ")}. Dat mag: een werkruimte kan een netwerk en zijn regio's bedienen.`);
      }
    }
  },
};

const unbind: AdminCommand = {
  name: "unbind",
  summary: "Ontkoppelt een Slack-werkruimte of Teams-tenant van een netwerk.",
  usage: unbindUsage.slice("unbind ".length),
  async run(ctx, args) {
    const { values } = parseFlags(args, workspaceFlags, unbindUsage);
    const workspaces = workspacesOf(values);
    if (workspaces.length !== 1) throw new AdminError(`Geef precies één --slack of --teams.\nGebruik: npm run admin -- ${unbindUsage}`, 64);
    const done = unwrap(
      await unbindWorkspace(ctx.deps, adminOperator, { network: requireFlag(values.network, "--network", unbindUsage), workspace: workspaces[0] }),
      workspaceFlag(workspaces),
    );
    ctx.out(`${platformLabel(done.workspace.platform)} ${done.workspace.tenantId} is ontkoppeld van ${done.network.name}.`);
  },
};

const bindings: AdminCommand = {
  name: "bindings",
  summary: "Toont welke werkruimtes en tenants aan welk netwerk gekoppeld zijn.",
  usage: "[--network <slug>]",
  async run(ctx, args) {
    const { values } = parseFlags(args, { network: { type: "string" } }, "bindings [--network <slug>]");
    const rows = unwrap(await listBindings(ctx.deps, adminOperator, { network: values.network }));
    if (rows.length === 0) {
      ctx.out(values.network ? `Aan ${values.network} is nog geen werkruimte gekoppeld.` : "Er is nog geen werkruimte gekoppeld.");
      return;
    }
    for (const row of rows) ctx.out(`${row.network.name} (${row.network.slug})\t${platformLabel(row.platform)} ${row.tenantId}`);
  },
};

export const bindingCommands: AdminCommand[] = [bind, unbind, bindings];
