import type { DbClient } from "../../db/database.js";
import type { ReadCache } from "../../db/read-cache.js";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";

/** Announced when a network is added, removed or moved (migration `network_tree_changes`). */
export const NETWORK_TREE_TAG = "network-tree";

type ScopeDeps = { db: DbClient; cache: ReadCache };

/** The tree changes a few times a year and is read on nearly every request: kept until it changes. */
const cachedTree = (deps: ScopeDeps, key: string, load: () => Promise<string[]>) =>
  deps.cache.get(`${NETWORK_TREE_TAG}:${key}`, async () => ({ value: await load(), tags: [NETWORK_TREE_TAG] }));

// Networks nest (De Normaalste Zaak above its regional 99van-networks). A person belongs to one
// network; what they may read follows from where that network sits in the tree. UNION (not
// UNION ALL) ends the recursion even if a cycle ever reached the table by hand.

/** The network and every network below it, recursively; the network itself first. */
export async function networksBelow(db: DbClient, networkId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree(id) AS (
      SELECT id FROM "Network" WHERE id = ${networkId}
      UNION
      SELECT n.id FROM "Network" n JOIN tree t ON n."parentId" = t.id
    )
    SELECT id FROM tree`;
  const ids = rows.map((r) => r.id).filter((id) => id !== networkId);
  return [networkId, ...ids];
}

/** The networks above this one, nearest first (parent, grandparent, …); empty for a top network. */
export async function networksAbove(db: DbClient, networkId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string; depth: number }[]>`
    WITH RECURSIVE up(id, depth) AS (
      SELECT "parentId", 1 FROM "Network" WHERE id = ${networkId} AND "parentId" IS NOT NULL
      UNION
      SELECT n."parentId", u.depth + 1 FROM "Network" n JOIN up u ON n.id = u.id
      WHERE n."parentId" IS NOT NULL AND u.depth < 50
    )
    SELECT id, depth FROM up ORDER BY depth`;
  // A cycle (only possible by hand) would repeat ids: keep each once, and never the network itself.
  return [...new Set(rows.map((r) => r.id))].filter((id) => id !== networkId);
}

/**
 * The networks whose figures, events and directory the actor may read: a coordinator's own
 * network and every network below it (read-only); a member's own network only.
 */
export async function networksInScope(deps: ScopeDeps, actor: Actor): Promise<string[]> {
  return isCoordinator(actor) ? cachedTree(deps, `below:${actor.networkId}`, () => networksBelow(deps.db, actor.networkId)) : [actor.networkId];
}

/**
 * The networks whose events the actor may see and answer: their scope, plus every network above
 * their own, whose network-wide events are meant for the members below. Own network first, then
 * the networks above (nearest first), then those below: the order in which a typed event number
 * is resolved when two networks happen to use it.
 */
export async function eventNetworks(deps: ScopeDeps, actor: Actor): Promise<{ ids: string[]; oversee: Set<string> }> {
  const [scope, above] = await Promise.all([
    networksInScope(deps, actor),
    cachedTree(deps, `above:${actor.networkId}`, () => networksAbove(deps.db, actor.networkId)),
  ]);
  const oversee = new Set(isCoordinator(actor) ? scope : []);
  return { ids: [actor.networkId, ...above, ...scope.filter((id) => id !== actor.networkId)], oversee };
}

/**
 * Every network of the tree the network is in, with the top network's row locked for the rest
 * of the transaction: numbers handed out across the tree (events) are taken one at a time, where
 * the per-network unique index alone would let two regions pick the same number.
 */
export async function lockNetworkTree(tx: DbClient, networkId: string): Promise<string[]> {
  const top = (await networksAbove(tx, networkId)).at(-1) ?? networkId;
  // NO KEY UPDATE: inserts into the network (foreign-key checks) are not held up.
  await tx.$queryRaw`SELECT id FROM "Network" WHERE id = ${top} FOR NO KEY UPDATE`;
  return networksBelow(tx, top);
}

/**
 * A filter on one of the ids: plain equality for the usual single network, which Prisma turns
 * into a cheaper query than IN with a one-element list (period status benchmark).
 */
export const anyOf = (ids: readonly string[]): string | { in: string[] } => (ids.length === 1 ? ids[0]! : { in: [...ids] });
