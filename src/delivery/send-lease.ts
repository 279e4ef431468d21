import { z } from "zod";
import type { Db } from "../db/database.js";

/** The pacing state that travels with a platform's send lease from one holder to the next. */
export const pacingLog = z.object({
  /** When the last sends left (epoch ms), oldest first. */
  departures: z.array(z.number()).default([]),
  /** Address hash → when the last send to it left (epoch ms), for the per-conversation gap. */
  addresses: z.record(z.number()).default({}),
  /** The platform's last Retry-After ran until then (epoch ms). */
  pausedUntil: z.number().default(0),
  /** When the next send is due on the even schedule (epoch ms). */
  nextAt: z.number().default(0),
});
export type PacingLog = z.infer<typeof pacingLog>;

export type Acquired = { held: true; wanted: boolean; log: PacingLog } | { held: false };

/**
 * The statements of a platform's send lease (table DeliverySendLease). The database's clock
 * decides who holds it; the holder paces on its own clock (see shared-rate-limit.ts).
 */
export class SendLeaseStore {
  constructor(
    private readonly db: Db,
    private readonly key: string,
    private readonly holder: string,
  ) {}

  /** Takes the lease when it is free or lapsed, or renews it for its holder. */
  async acquire(leaseMs: number): Promise<Acquired> {
    const rows = await this.db.$queryRaw<Array<{ log: unknown; wanted: boolean }>>`
      INSERT INTO "DeliverySendLease" AS l (key, holder, "heldUntil")
      VALUES (${this.key}, ${this.holder}, clock_timestamp() + ${leaseMs / 1000} * interval '1 second')
      ON CONFLICT (key) DO UPDATE SET holder = EXCLUDED.holder, "heldUntil" = EXCLUDED."heldUntil",
        "wantedAt" = CASE WHEN l.holder = EXCLUDED.holder THEN l."wantedAt" END
      WHERE l.holder = EXCLUDED.holder OR l.holder IS NULL OR l."heldUntil" < clock_timestamp()
      RETURNING l.log, COALESCE(l."wantedAt" > clock_timestamp() - interval '1 second', false) AS wanted`;
    const row = rows[0];
    if (!row) return { held: false };
    return { held: true, wanted: Boolean(row.wanted), log: pacingLog.parse(row.log ?? {}) };
  }

  /** Tells the holder that this instance has sends waiting. */
  async want(): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "DeliverySendLease" SET "wantedAt" = clock_timestamp() WHERE key = ${this.key} AND holder IS DISTINCT FROM ${this.holder}`;
  }

  /** Gives the lease up, leaving the pacing state for whoever takes it next. */
  async release(log: PacingLog): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "DeliverySendLease" SET holder = NULL, "heldUntil" = NULL, "wantedAt" = NULL, log = ${JSON.stringify(log)}::jsonb
      WHERE key = ${this.key} AND holder = ${this.holder}`;
  }
}
