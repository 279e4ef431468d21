import type { ChatPlatform } from "../platforms.js";
import type { CoreDeps } from "../deps.js";
import { notAllowed, ok, type Result } from "../result.js";
import { isAdminOperator, type AdminOperator } from "./operator.js";
import type { NetworkRow } from "./repository.js";

export interface NetworkNode extends NetworkRow {
  /** 0 for a top network, 1 for the networks directly below one, … */
  depth: number;
  parentSlug: string | null;
  coordinators: { personId: string; name: string; email: string | null }[];
  employers: number;
  people: number;
  bindings: { platform: ChatPlatform; tenantId: string }[];
}

/** Every network as a tree (each parent followed by the networks below it), for the self-hoster. */
export async function listNetworks(deps: CoreDeps, operator: AdminOperator): Promise<Result<NetworkNode[]>> {
  if (!isAdminOperator(operator)) return notAllowed();
  const rows = await deps.db.network.findMany({
    select: {
      id: true,
      slug: true,
      name: true,
      parentId: true,
      timeZone: true,
      defaultLocale: true,
      membershipCondition: true,
      people: { where: { role: "COORDINATOR", erasedAt: null }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" } },
      bindings: { select: { platform: true, tenantId: true }, orderBy: [{ platform: "asc" }, { tenantId: "asc" }] },
      _count: { select: { employers: { where: { archivedAt: null } }, people: { where: { erasedAt: null } } } },
    },
    orderBy: [{ name: "asc" }, { slug: "asc" }],
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const children = new Map<string | null, typeof rows>();
  for (const row of rows) {
    // A parent that no longer exists counts as none (onDelete: SetNull makes that rare).
    const parent = row.parentId && byId.has(row.parentId) ? row.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const tree: NetworkNode[] = [];
  const listed = new Set<string>();
  const visit = (level: typeof rows, depth: number) => {
    for (const row of level) {
      if (listed.has(row.id)) continue;
      listed.add(row.id);
      const { people, bindings, _count, ...network } = row;
      tree.push({
        ...network,
        depth,
        parentSlug: row.parentId ? byId.get(row.parentId)?.slug ?? null : null,
        coordinators: people.map((p) => ({ personId: p.id, name: p.name, email: p.email })),
        employers: _count.employers,
        people: _count.people,
        bindings,
      });
      visit(children.get(row.id) ?? [], depth + 1);
    }
  };
  visit(children.get(null) ?? [], 0);
  // Networks in a loop made by hand have no top: listed at the top, so they can be repaired.
  visit(rows.filter((row) => !listed.has(row.id)), 0);
  return ok(tree);
}
