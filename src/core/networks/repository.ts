import type { DbClient } from "../../db/database.js";
import { fail, ok, type Result } from "../result.js";

const networkSelect = { id: true, slug: true, name: true, parentId: true, timeZone: true, defaultLocale: true, membershipCondition: true } as const;

export type NetworkRow = {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  timeZone: string;
  defaultLocale: "nl" | "en";
  membershipCondition: "PLACEMENT_REPORTING" | "INTENTIEVERKLARING" | "CONVENANT" | "CO2_CALCULATOR";
};

export async function networkBySlug(db: DbClient, slug: string, key: "networks.notFound" | "networks.parentNotFound" = "networks.notFound"): Promise<Result<NetworkRow>> {
  const network = await db.network.findUnique({ where: { slug }, select: networkSelect });
  return network ? ok(network) : fail("notFound", key, { slug });
}

/** Serialises changes to one network's coordinators (the last one may not leave) and bindings. */
export async function lockNetwork(tx: DbClient, networkId: string): Promise<void> {
  // NO KEY UPDATE: inserts of people and events into the network (foreign-key checks) go on.
  await tx.$queryRaw`SELECT id FROM "Network" WHERE id = ${networkId} FOR NO KEY UPDATE`;
}

/**
 * A person belongs to one network: an address already on file in another network would make
 * the chat link ambiguous (linkIdentityByEmail refuses to guess), so it is refused here.
 */
export async function networkHoldingEmail(db: DbClient, email: string, exceptNetworkId?: string): Promise<{ name: string; slug: string } | null> {
  const person = await db.person.findFirst({
    where: { email: { equals: email, mode: "insensitive" }, erasedAt: null, ...(exceptNetworkId ? { networkId: { not: exceptNetworkId } } : {}) },
    select: { network: { select: { name: true, slug: true } } },
  });
  return person?.network ?? null;
}

// Any number for pg_advisory_xact_lock, as long as nothing else in the bot takes the same one.
const TREE_LOCK = 0x4e57_5452; // "NWTR"

/**
 * Moves in the tree run one at a time: two at once (a under b, b under a) would each pass the
 * cycle check on a snapshot without the other's move. Moves are rare, so one lock is enough.
 */
export async function lockTree(tx: DbClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TREE_LOCK}::bigint)`;
}
