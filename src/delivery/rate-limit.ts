/**
 * At most `perSecond` sends per second, evenly spaced (a burst arriving late can spill into
 * the platform's next counting window), with a small margin because the platform counts
 * arrivals, not departures; and a pause for everyone when the platform answers 429
 * Retry-After. Per instance: with several instances, give each its share.
 */
export class RateLimiter {
  private nextSlot = 0;
  private pausedUntil = 0;
  private readonly spacingMs: number;
  private readonly departures: number[] = [];
  private readonly lastPerAddress = new Map<string, number>();

  constructor(
    private readonly perSecond: number,
    private readonly perAddressGapMs = 0,
    private readonly windowMs = 1_050,
  ) {
    this.spacingMs = windowMs / perSecond;
  }

  /** Waits for this send's slot. Each caller reserves its own slot: one timer per send. */
  async acquire(address?: string): Promise<void> {
    const addressWait = this.addressWait(address, Date.now());
    if (addressWait > 0) await sleep(addressWait);
    for (;;) {
      const now = Date.now();
      const slot = Math.max(now, this.nextSlot, this.pausedUntil);
      this.nextSlot = slot + this.spacingMs;
      if (slot > now) await sleep(slot - now);
      // Timers fire late under load and then bunch up: count real departures too.
      const windowWait = this.windowWait(Date.now());
      if (windowWait > 0) await sleep(windowWait);
      // A 429 while waiting moved the pause past this slot: take a new one after it.
      if (Date.now() >= this.pausedUntil && this.windowWait(Date.now()) <= 0) break;
    }
    this.departures.push(Date.now());
    if (this.departures.length > this.perSecond) this.departures.splice(0, this.departures.length - this.perSecond);
    if (address && this.perAddressGapMs > 0) this.lastPerAddress.set(address, Date.now());
  }

  /** The platform said slow down: nobody on this instance sends to it before then. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    this.nextSlot = Math.max(this.nextSlot, this.pausedUntil);
  }

  private windowWait(now: number): number {
    if (this.departures.length < this.perSecond) return 0;
    return this.departures[this.departures.length - this.perSecond]! + this.windowMs - now;
  }

  private addressWait(address: string | undefined, now: number): number {
    if (!address || this.perAddressGapMs <= 0) return 0;
    if (this.lastPerAddress.size > 10_000) this.prune(now);
    const last = this.lastPerAddress.get(address);
    return last === undefined ? 0 : last + this.perAddressGapMs - now;
  }

  private prune(now: number): void {
    for (const [address, at] of this.lastPerAddress) if (at < now - this.perAddressGapMs) this.lastPerAddress.delete(address);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
