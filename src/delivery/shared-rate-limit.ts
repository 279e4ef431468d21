import { createHash } from "node:crypto";
import type { Db } from "../db/database.js";
import type { Logger } from "../logger.js";
import { sleep } from "./rate-limit.js";
import { SendLeaseStore, type PacingLog } from "./send-lease.js";

export interface SendRateLimiter {
  /**
   * Waits for this send's turn (platform-wide, and per address when the limiter has a gap).
   * False: this instance may not send now (it is stopping, or lost the platform's lease while it
   * waited); the row goes back to be sent later.
   */
  acquire(address?: string): Promise<boolean>;
  /** The platform answered 429 Retry-After: nobody sends to it before then. */
  pause(ms: number): Promise<void> | void;
  /**
   * Whether this instance may send to the platform now (it holds, or has just taken, the lease).
   * False also tells the holder this instance is waiting for it. Rows of a platform are claimed
   * only while this is true, so no send waits in line behind a lease held elsewhere.
   */
  ready?(): Promise<boolean>;
  /** Lets waiting sends go back and gives up what the limiter holds, until `reopen`. */
  close?(): Promise<void>;
  reopen?(): void;
}

// A holder renews every RENEW_MS for LEASE_MS and sends only while its last renewal has more than
// a window and a per-address gap left: when it dies, its last send is that long past by the time
// the lease lapses, and the next holder starts with a clean window.
const LEASE_MS = 3_000;
const RENEW_MS = 300;
// How long an instance that handed the lease on leaves it to the one that wanted it.
const POLL_MS = 50;
// A holder others are waiting for hands the lease on after this long (or when it has had nothing
// to send for IDLE_MS): the work is shared, and a handover costs about one poll of sending time.
const SHARE_MS = 5_000;
// A holder with nothing to send gives the lease up after this long.
const IDLE_MS = 1_000;

/**
 * The platform's rate shared by every instance on one database: one instance at a time holds
 * the platform's send lease (table DeliverySendLease) and paces every send on its own clock,
 * counting real departures: at most `perSecond` in any `windowMs` (a margin over the platform's
 * second, because it counts arrivals, not departures), and per address one per `perAddressGapMs`.
 * Within that, sends are spaced `windowMs / perSecond` apart on a schedule (GCRA), so a send that
 * left late lets the next one leave up to half a spacing early instead of losing its turn.
 *
 * Why not a slot per send reserved in the database (this file's first version): the database's
 * answer and the timer arrive late on a busy machine, and a send that leaves late next to the one
 * after it puts two in one gap. Slots woken late had to be given up, which halved the rate
 * (0.41–0.52× of the limit under load), and a late answer that slipped through drew a 429. Here
 * the decision and the departure are one synchronous step in one process; a late wake only
 * delays that send, and the next one counts from when it really left.
 *
 * Instances that have sends waiting mark the lease wanted; its holder hands it on (with its
 * pacing log) after SHARE_MS, or when it has had nothing to send for IDLE_MS. Clocks must agree between
 * instances (NTP) to well within the margin, as the handed-on log holds wall-clock times.
 */
export class SharedRateLimiter implements SendRateLimiter {
  private readonly store: SendLeaseStore;
  private readonly count: number;
  private readonly windowMs: number;
  private readonly safetyMs: number;
  private readonly spacingMs: number;
  private readonly waiters: Array<{ hash?: string; resolve: (go: boolean) => void }> = [];
  private log: PacingLog = { departures: [], addresses: {}, pausedUntil: 0, nextAt: 0 };
  /** This instance may send until then (local clock); 0 when it does not hold the lease. */
  private validUntil = 0;
  private heldSince = 0;
  private wanted = false;
  private releasedAt = 0;
  private lastBusyAt = Date.now();
  private pumping = false;
  private sinceCleanup = 0;
  private closed = false;
  private renewer: NodeJS.Timeout | undefined;
  // Every lease statement in order: a renewal landing after a release would take the lease back.
  private serial: Promise<unknown> = Promise.resolve();

  constructor(
    db: Db,
    key: string,
    holder: string,
    perSecond: number,
    private readonly perAddressGapMs = 0,
    windowMs = 1_025,
    private readonly logger?: Logger,
  ) {
    this.store = new SendLeaseStore(db, key, holder);
    // Below 1/s: one send per stretched window.
    this.count = Math.max(1, Math.floor(perSecond));
    this.windowMs = (windowMs * this.count) / perSecond;
    this.spacingMs = this.windowMs / this.count;
    this.safetyMs = Math.max(this.windowMs, perAddressGapMs) + 250;
  }

  acquire(address?: string): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.waiters.push({ hash: address && this.perAddressGapMs > 0 ? hashOf(address) : undefined, resolve });
      void this.pump();
    });
  }

  pause(ms: number): void {
    this.log.pausedUntil = Math.max(this.log.pausedUntil, Date.now() + ms);
  }

  async ready(): Promise<boolean> {
    if (this.closed) return false;
    if (Date.now() < this.validUntil) return true;
    return this.obtain();
  }

  reopen(): void {
    this.closed = false;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.resolve(false);
    await this.letGo();
    await this.serial;
  }

  /** One loop per limiter hands out the turns, so a decision and its departure are one step. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0 && !this.closed) {
        this.lastBusyAt = Date.now();
        // The lease lapsed (renewals late) or was handed on: what waits goes back to be claimed
        // by the holder, rather than waiting in line here.
        if (Date.now() >= this.validUntil && !(await this.obtain())) {
          for (const waiter of this.waiters.splice(0)) waiter.resolve(false);
          break;
        }
        const now = Date.now();
        const { index, wait } = this.nextTurn(now);
        if (wait > 0) {
          await sleep(Math.min(wait, RENEW_MS));
          continue;
        }
        const [waiter] = this.waiters.splice(index, 1);
        this.depart(now, waiter!.hash);
        waiter!.resolve(true);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The first waiter that may leave now, or how long until one may. */
  private nextTurn(now: number): { index: number; wait: number } {
    const { departures, pausedUntil, addresses, nextAt } = this.log;
    const windowWait = departures.length < this.count ? 0 : departures[departures.length - this.count]! + this.windowMs - now;
    const platformWait = Math.max(windowWait, pausedUntil - now, nextAt - this.spacingMs / 2 - now);
    if (platformWait > 0) return { index: -1, wait: platformWait };
    let soonest = Number.POSITIVE_INFINITY;
    for (const [index, waiter] of this.waiters.entries()) {
      const last = waiter.hash === undefined ? undefined : addresses[waiter.hash];
      const wait = last === undefined ? 0 : last + this.perAddressGapMs - now;
      if (wait <= 0) return { index, wait: 0 };
      soonest = Math.min(soonest, wait);
    }
    return { index: -1, wait: soonest };
  }

  private depart(now: number, hash: string | undefined): void {
    this.log.departures.push(now);
    this.log.nextAt = Math.max(this.log.nextAt, now) + this.spacingMs;
    if (this.log.departures.length > this.count) this.log.departures.splice(0, this.log.departures.length - this.count);
    if (hash !== undefined) this.log.addresses[hash] = now;
    if (++this.sinceCleanup >= 500) {
      this.sinceCleanup = 0;
      this.snapshot();
    }
  }

  private async obtain(): Promise<boolean> {
    // Just handed on: let the instance that wanted it take it first.
    if (Date.now() - this.releasedAt < 3 * POLL_MS) return false;
    return this.inOrder(async () => {
      const askedAt = Date.now();
      try {
        const got = await this.store.acquire(LEASE_MS);
        if (!got.held) {
          await this.store.want();
          return false;
        }
        this.takeOver(got.log);
        this.validUntil = askedAt + LEASE_MS - this.safetyMs;
        this.heldSince = Date.now();
        this.wanted = got.wanted;
        this.renewer ??= setInterval(() => void this.renew(), RENEW_MS).unref();
        return true;
      } catch (error) {
        this.logger?.warn({ err: error }, "Verzendtempo: platformlease niet verkregen");
        return false;
      }
    });
  }

  private async renew(): Promise<void> {
    const now = Date.now();
    if (now >= this.validUntil) return this.stopRenewing();
    const idle = this.waiters.length === 0 && now - this.lastBusyAt >= IDLE_MS;
    // Not the moment its queue is empty: the lanes refill it after a database round trip each
    // (beginSend), and a lease handed on at every such gap spends the rate on handovers.
    const handOn = this.wanted && now - this.heldSince >= SHARE_MS;
    if (idle || handOn) return this.letGo();
    await this.inOrder(async () => {
      if (this.validUntil === 0) return;
      const askedAt = Date.now();
      try {
        const got = await this.store.acquire(LEASE_MS);
        if (this.validUntil === 0) return;
        if (got.held) {
          this.validUntil = askedAt + LEASE_MS - this.safetyMs;
          this.wanted = got.wanted;
        } else {
          this.validUntil = 0;
          this.stopRenewing();
        }
      } catch (error) {
        // Not renewed: validUntil runs out by itself, and sending stops before the lease lapses.
        this.logger?.warn({ err: error }, "Verzendtempo: platformlease niet verlengd");
      }
    });
  }

  private async letGo(): Promise<void> {
    if (this.validUntil === 0) return;
    this.validUntil = 0;
    this.releasedAt = Date.now();
    this.stopRenewing();
    for (const waiter of this.waiters.splice(0)) waiter.resolve(false);
    const log = this.snapshot();
    await this.inOrder(async () => {
      try {
        await this.store.release(log);
      } catch (error) {
        this.logger?.warn({ err: error }, "Verzendtempo: platformlease niet vrijgegeven (verloopt vanzelf)");
      }
    });
  }

  private stopRenewing(): void {
    clearInterval(this.renewer);
    this.renewer = undefined;
  }

  private inOrder<T>(work: () => Promise<T>): Promise<T> {
    const next = this.serial.then(work);
    this.serial = next.catch(() => undefined);
    return next;
  }

  /** What this instance knew and what the previous holder left, whichever is later. */
  private takeOver(previous: PacingLog): void {
    // Both lists, not their union: two sends that left in the same millisecond are two. A send
    // in both (this instance's own, handed on and back) counts twice, which only slows it down.
    const departures = [...this.log.departures, ...previous.departures].sort((a, b) => a - b).slice(-this.count);
    const addresses = { ...previous.addresses };
    for (const [hash, at] of Object.entries(this.log.addresses)) addresses[hash] = Math.max(at, addresses[hash] ?? 0);
    this.log = { departures, addresses, pausedUntil: Math.max(this.log.pausedUntil, previous.pausedUntil), nextAt: Math.max(this.log.nextAt, previous.nextAt) };
  }

  /** The log to hand on: only what can still hold a send back. */
  private snapshot(): PacingLog {
    const now = Date.now();
    const addresses = Object.fromEntries(Object.entries(this.log.addresses).filter(([, at]) => at + this.perAddressGapMs > now));
    this.log.addresses = addresses;
    return { departures: [...this.log.departures], addresses, pausedUntil: this.log.pausedUntil, nextAt: this.log.nextAt };
  }
}

/** Addresses are chat ids: the shared log keeps a short hash instead. */
function hashOf(address: string): string {
  return createHash("sha256").update(address).digest("base64url").slice(0, 16);
}
