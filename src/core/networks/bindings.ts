import type { CoreDeps } from "../deps.js";
import { fail, invalidInput, notAllowed, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { isAdminOperator, type AdminOperator } from "./operator.js";
import { lockNetwork, networkBySlug } from "./repository.js";
import { bindInput, bindingsInput, unbindInput, type Workspace } from "./schema.js";

export type BindingOutcome = Workspace & {
  /** False when the workspace was bound to this network already. */
  created: boolean;
  /** Other networks this workspace serves: allowed (a parent and its regions may share one). */
  alsoBoundTo: { slug: string; name: string }[];
};

/** Binds Slack workspaces (team ids) and Teams tenants to a network; binding again changes nothing. */
export async function bindWorkspaces(deps: CoreDeps, operator: AdminOperator, raw: unknown): Promise<Result<{ network: { slug: string; name: string }; outcomes: BindingOutcome[] }>> {
  if (!isAdminOperator(operator)) return notAllowed();
  const parsed = bindInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const found = await networkBySlug(deps.db, parsed.data.network);
  if (!found.ok) return found;
  const network = found.value;

  const outcomes = await deps.db.$transaction(async (tx) => {
    await lockNetwork(tx, network.id);
    const results: BindingOutcome[] = [];
    for (const workspace of parsed.data.workspaces) {
      // createMany + skipDuplicates: INSERT … ON CONFLICT DO NOTHING, so a repeated bind is a no-op.
      const { count } = await tx.workspaceBinding.createMany({
        data: { networkId: network.id, platform: workspace.platform, tenantId: workspace.tenantId, createdById: operator.personId, createdAt: deps.now() },
        skipDuplicates: true,
      });
      const others = await tx.workspaceBinding.findMany({
        where: { platform: workspace.platform, tenantId: workspace.tenantId, networkId: { not: network.id } },
        select: { network: { select: { slug: true, name: true } } },
        orderBy: { network: { name: "asc" } },
      });
      if (count === 1) {
        const binding = await tx.workspaceBinding.findUniqueOrThrow({
          where: { platform_tenantId_networkId: { platform: workspace.platform, tenantId: workspace.tenantId, networkId: network.id } },
          select: { id: true },
        });
        await audit(tx, operator, "workspace.bind", { type: "WorkspaceBinding", id: binding.id }, { networkId: network.id, platform: workspace.platform, tenantId: workspace.tenantId }, deps.now());
      }
      results.push({ ...workspace, created: count === 1, alsoBoundTo: others.map((o) => o.network) });
    }
    return results;
  });
  return ok({ network, outcomes });
}

/** Ends a binding: chat users of that workspace are no longer linked to people of this network. */
export async function unbindWorkspace(deps: CoreDeps, operator: AdminOperator, raw: unknown): Promise<Result<{ network: { slug: string; name: string }; workspace: Workspace }>> {
  if (!isAdminOperator(operator)) return notAllowed();
  const parsed = unbindInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const found = await networkBySlug(deps.db, parsed.data.network);
  if (!found.ok) return found;
  const network = found.value;
  const { workspace } = parsed.data;

  return deps.db.$transaction(async (tx) => {
    const binding = await tx.workspaceBinding.findUnique({
      where: { platform_tenantId_networkId: { platform: workspace.platform, tenantId: workspace.tenantId, networkId: network.id } },
      select: { id: true },
    });
    if (!binding) return fail("notFound", "networks.binding.notFound", { workspace: workspace.tenantId, network: network.name });
    await tx.workspaceBinding.delete({ where: { id: binding.id } });
    await audit(tx, operator, "workspace.unbind", { type: "WorkspaceBinding", id: binding.id }, { networkId: network.id, platform: workspace.platform, tenantId: workspace.tenantId }, deps.now());
    return ok({ network, workspace });
  });
}

export type BindingRow = Workspace & {
  network: { slug: string; name: string };
  createdAt: Date;
};

/** Every binding, or one network's, by network and then workspace. */
export async function listBindings(deps: CoreDeps, operator: AdminOperator, raw: unknown = {}): Promise<Result<BindingRow[]>> {
  if (!isAdminOperator(operator)) return notAllowed();
  const parsed = bindingsInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  let networkId: string | undefined;
  if (parsed.data.network) {
    const found = await networkBySlug(deps.db, parsed.data.network);
    if (!found.ok) return found;
    networkId = found.value.id;
  }
  const rows = await deps.db.workspaceBinding.findMany({
    where: { ...(networkId ? { networkId } : {}), platform: { in: ["SLACK", "TEAMS"] } },
    select: { platform: true, tenantId: true, createdAt: true, network: { select: { slug: true, name: true } } },
    orderBy: [{ network: { name: "asc" } }, { platform: "asc" }, { tenantId: "asc" }],
  });
  return ok(rows.map((r) => ({ ...r, platform: r.platform as Workspace["platform"] })));
}
