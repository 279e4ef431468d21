import type { Db } from "../db/database.js";
import { sleep } from "./rate-limit.js";

export interface SendRateLimiter {
  /** Waits for this send's slot (platform-wide, and per address when the limiter has a gap). */
  acquire(address?: string): Promise<void>;
  /** The platform answered 429 Retry-After: nobody sends to it before then. */
  pause(ms: number): Promise<void> | void;
}

// A reservation is already this late when its answer arrives on a busy machine (one database
// round trip); a smaller tolerance would have every send give its slot up, forever.
const MIN_LATE_TOLERANCE_MS = 20;

/**
 * The platform's rate shared by every instance on one database. Each send reserves, in one
 * statement, the slot after the last reserved one (next = max(next, now) + spacing) and sleeps
 * until it: the sends of all instances together leave evenly spaced, at `perSecond` over
 * `windowMs` (a margin, because the platform counts arrivals, not departures). Slots are
 * handed out by the database's clock and waited for by the instance's: instances need clocks in
 * step (NTP) to well within one spacing.
 *
 * rate-limiter-flexible (used for sign-in attempts) counts points in fixed windows: two
 * instances can each spend a window's points at the end of one window and the start of the
 * next, which the platform sees as twice its limit within a second. Spacing has no such edge.
 */
export class SharedRateLimiter implements SendRateLimiter {
  private readonly spacingMs: number;
  /**
   * How late a woken send may still leave. Sends within [slot, slot + d] put at most
   * ceil((1000 + d) / spacing) in any second; with spacing = windowMs / perSecond that stays
   * within perSecond while d < windowMs - 1000.
   */
  private readonly lateToleranceMs: number;
  private pausedUntil = 0;
  private lastCleanup = Date.now();

  constructor(
    private readonly db: Db,
    private readonly key: string,
    perSecond: number,
    private readonly perAddressGapMs = 0,
    // 10 % margin, not the 5 % one instance keeps: between the on-time check and the platform's
    // count, sends of several instances on a loaded 2-core machine drift up to ~90 ms apart (seen
    // in the multi-instance test), and one 429 pauses every instance for its Retry-After.
    windowMs = 1_100,
  ) {
    this.spacingMs = windowMs / perSecond;
    // Less in practice: a send that left late may also arrive late, behind a busy network stack.
    const bound = Math.max(0, (windowMs - 1_000) * 0.9);
    this.lateToleranceMs = Math.min(bound, Math.max(MIN_LATE_TOLERANCE_MS, this.spacingMs * 0.3));
  }

  async acquire(address?: string): Promise<void> {
    if (address && this.perAddressGapMs > 0) await sleep((await this.reserve(`${this.key}:${address}`, this.perAddressGapMs)) - Date.now());
    for (;;) {
      const slot = await this.reserve(this.key, this.spacingMs);
      await sleep(slot - Date.now());
      // A 429 seen here while this send waited: its slot fell inside the pause; take one after.
      if (Date.now() < this.pausedUntil) continue;
      // Woken late (a busy event loop): sent now it would arrive with the next slot's send, two
      // in one gap. A slot not used on time is given up instead.
      if (Date.now() - slot <= this.lateToleranceMs) break;
    }
    if (Date.now() - this.lastCleanup > 60_000) await this.cleanup();
  }

  async pause(ms: number): Promise<void> {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    await this.db.$executeRaw`
      INSERT INTO "DeliveryRateSlot" (key, next) VALUES (${this.key}, clock_timestamp() + ${ms / 1000} * interval '1 second')
      ON CONFLICT (key) DO UPDATE SET next = GREATEST("DeliveryRateSlot".next, EXCLUDED.next)`;
  }

  /**
   * Reserves the next slot of `key`; returns when it is (epoch ms). An absolute time, not a
   * wait: the answer may spend long in the connection pool's queue, and a send that then leaves
   * late must know it is late.
   */
  private async reserve(key: string, spacingMs: number): Promise<number> {
    const step = spacingMs / 1000;
    const [row] = await this.db.$queryRaw<Array<{ at: number }>>`
      INSERT INTO "DeliveryRateSlot" AS s (key, next) VALUES (${key}, clock_timestamp() + ${step} * interval '1 second')
      ON CONFLICT (key) DO UPDATE SET next = GREATEST(s.next, clock_timestamp()) + ${step} * interval '1 second'
      RETURNING (EXTRACT(EPOCH FROM s.next) * 1000)::float8 AS at`;
    return Number(row!.at) - spacingMs;
  }

  /** Per-address rows pile up over a fan-out; a row whose slot passed a minute ago says nothing. */
  private async cleanup(): Promise<void> {
    this.lastCleanup = Date.now();
    await this.db.$executeRaw`DELETE FROM "DeliveryRateSlot" WHERE next < clock_timestamp() - interval '1 minute'`;
  }
}
