/**
 * How late this process's timers fire right now: the cheapest measure of how far behind the
 * event loop is. A request that arrives while it is far behind waits that long before any
 * handler runs, and every piece of work taken on makes it later for all.
 */
export class EventLoopLag {
  private lagMs = 0;
  private expected = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly sampleMs = 20) {
    this.timer = setInterval(() => this.sample(), sampleMs).unref();
  }

  /** The latest sample, or how long the current sample is overdue when that is more. */
  get currentMs(): number {
    return Math.max(this.lagMs, Date.now() - this.expected - this.sampleMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const now = Date.now();
    const late = Math.max(0, now - this.expected - this.sampleMs);
    // Up at once, down gently: one on-time tick after a stall does not mean the queue is gone.
    this.lagMs = late >= this.lagMs ? late : this.lagMs * 0.7 + late * 0.3;
    this.expected = now;
  }
}
