/**
 * Work a platform adapter carries on with after it has answered the platform (Slack's ack,
 * Teams' invoke response): shutdown waits for it, so no answer or update is cut off half-way.
 */
export class WorkInFlight {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => void this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
