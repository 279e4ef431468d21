/**
 * Work a platform adapter is doing or carries on with after it has answered the platform
 * (Slack's ack, Teams' invoke response): shutdown waits for it, so no answer or update is cut
 * off half-way. With a limit it is also the instance's back-pressure: beyond `limit` pieces
 * running, new requests are turned away at once instead of queueing behind each other.
 */
export class WorkInFlight {
  private readonly running = new Set<Promise<unknown>>();

  constructor(readonly limit = Number.POSITIVE_INFINITY) {}

  get size(): number {
    return this.running.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => void this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Starts and tracks `work` unless `limit` pieces are running already; then nothing starts. */
  tryTrack<T>(work: () => Promise<T>): Promise<T> | undefined {
    if (this.running.size >= this.limit) return undefined;
    return this.track(work());
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
