/**
 * At most `perSecond` sends in any window of a second (plus a small margin, because the
 * platform counts arrivals, not departures), and a pause for everyone when the platform
 * answers 429 Retry-After. Per instance: with several instances, give each its share.
 */
export class RateLimiter {
  private readonly sent: number[] = [];
  private pausedUntil = 0;
  private readonly lastPerAddress = new Map<string, number>();

  constructor(
    private readonly perSecond: number,
    private readonly perAddressGapMs = 0,
    private readonly windowMs = 1_020,
  ) {}

  /** Waits until one more send is allowed, then counts it. */
  async acquire(address?: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      const wait = Math.max(this.pausedUntil - now, this.windowWait(now), this.addressWait(address, now));
      if (wait <= 0) {
        this.sent.push(now);
        if (address && this.perAddressGapMs > 0) this.lastPerAddress.set(address, now);
        return;
      }
      await sleep(wait);
    }
  }

  /** The platform said slow down: nobody on this instance sends to it before then. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  private windowWait(now: number): number {
    while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
    if (this.sent.length < this.perSecond) return 0;
    return this.sent[0]! + this.windowMs - now;
  }

  private addressWait(address: string | undefined, now: number): number {
    if (!address || this.perAddressGapMs <= 0) return 0;
    const last = this.lastPerAddress.get(address);
    if (this.lastPerAddress.size > 10_000) this.prune(now);
    return last === undefined ? 0 : last + this.perAddressGapMs - now;
  }

  private prune(now: number): void {
    for (const [address, at] of this.lastPerAddress) if (at < now - this.perAddressGapMs) this.lastPerAddress.delete(address);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
