/** Exponential backoff with full jitter: 30 s, 1 min, 2 min … capped at an hour. */
export function retryDelayMs(attempts: number, random: () => number = Math.random, baseMs = 30_000, capMs = 3_600_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  // Half fixed, half random: spreads a burst of failures without ever retrying at once.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
