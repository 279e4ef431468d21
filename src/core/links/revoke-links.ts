import type { DbClient } from "../../db/database.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, ok, type Result } from "../result.js";
import { revokeLinksInput } from "./schema.js";
import { linkTokenHash } from "./tokens.js";

// A revoked or expired link keeps its row for a while, so its page can say "revoked" or
// "expired" instead of "not right"; after this it is removed and reads as unknown.
export const KEEP_DEAD_LINKS_DAYS = 90;

/**
 * Revokes links: one token, or every link of a person, a guest, an event or a period (any
 * combination narrows it). Returns how many were revoked now.
 */
export async function revokeLinks(deps: Pick<CoreDeps, "db" | "now">, raw: unknown): Promise<Result<number>> {
  const parsed = revokeLinksInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { token, ...owners } = parsed.data;
  const { count } = await deps.db.personalLink.updateMany({
    where: { ...owners, ...(token ? { tokenHash: linkTokenHash(token) } : {}), revokedAt: null },
    data: { revokedAt: deps.now() },
  });
  return ok(count);
}

/** For an erasure: every link of the person goes, used or not. */
export async function eraseLinksOf(tx: DbClient, personId: string): Promise<number> {
  const { count } = await tx.personalLink.deleteMany({ where: { personId } });
  return count;
}

/** For the scheduler: removes links dead (expired or revoked) for KEEP_DEAD_LINKS_DAYS. */
export async function purgeDeadLinks(db: DbClient, now: Date): Promise<number> {
  const before = new Date(now.getTime() - KEEP_DEAD_LINKS_DAYS * 86_400_000);
  const { count } = await db.personalLink.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] } });
  return count;
}
