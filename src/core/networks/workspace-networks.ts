import { changeTag } from "../../db/change-feed.js";
import type { CoreDeps } from "../deps.js";
import type { Locale } from "../../i18n/index.js";

export interface BoundNetwork {
  id: string;
  name: string;
  defaultLocale: Locale;
}

/**
 * How a workspace id is stored and compared: Slack team and org ids in uppercase (T024BE7LD),
 * Microsoft tenant ids (GUIDs) in lowercase, whatever case a client or an admin typed.
 */
export function normalTenantId(platform: string, tenantId: string): string {
  const trimmed = tenantId.trim();
  if (platform === "SLACK") return trimmed.toUpperCase();
  if (platform === "TEAMS") return trimmed.toLowerCase();
  return trimmed;
}

/**
 * The networks a Slack workspace or Teams tenant is bound to, by name. Asked on every chat
 * request, so kept until a binding of this workspace (or one of its networks) changes; an
 * unbound workspace is kept too, so a flood of requests from one costs no queries.
 */
export async function boundNetworks(deps: Pick<CoreDeps, "db" | "cache">, platform: "SLACK" | "TEAMS", rawTenantId: string): Promise<BoundNetwork[]> {
  const tenantId = normalTenantId(platform, rawTenantId);
  const tag = changeTag.binding(platform, tenantId);
  return deps.cache.get(tag, async () => {
    const rows = await deps.db.workspaceBinding.findMany({
      where: { platform, tenantId },
      select: { network: { select: { id: true, name: true, defaultLocale: true } } },
      orderBy: { network: { name: "asc" } },
    });
    const networks = rows.map((r) => r.network);
    return { value: networks, tags: [tag, ...networks.map((n) => changeTag.network(n.id))] };
  });
}
