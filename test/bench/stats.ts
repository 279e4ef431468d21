/** Small helpers shared by the benchmarks. */

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export function summarise(samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export function verdict(ok: boolean): string {
  return ok ? "OK" : "MISSED";
}

/** Warms up, runs `work` `runs` times and prints p50/p99 against a p99 target in ms. */
export async function timed(label: string, targetMs: number, runs: number, work: () => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < 10; i++) await work(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  const s = summarise(samples);
  console.log(`${label}: p50 ${ms(s.p50)}, p99 ${ms(s.p99)}  target p99 < ${targetMs} ms: ${verdict(s.p99 < targetMs)}`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The p99 ratio of an app to its minimal counterpart: the median of the rounds' own ratios. Each
 * round runs both apps back to back, so a burst of load on this shared machine hits both alike;
 * comparing medians taken across rounds would pair a quiet round of one with a noisy one of the other.
 */
export function pairedP99Ratio(bases: Array<{ p99: number }>, fulls: Array<{ p99: number }>): { ratio: number; rounds: number[] } {
  const rounds = fulls.map((full, i) => full.p99 / bases[i]!.p99);
  return { ratio: median(rounds), rounds };
}

export const ratios = (values: number[]) => values.map((r) => `${r.toFixed(2)}×`).join(", ");

/** Runs `send(i)` for i < total, `concurrency` at a time (a closed loop); latency percentiles of the sends. */
export async function closedLoop(total: number, concurrency: number, send: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const started = performance.now();
        await send(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return summarise(latencies);
}

/**
 * A full collection before each measured load, so garbage left by the previous phase (another
 * app, another database) is not collected in the middle of this one. `npm run bench` exposes gc.
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("Start the benchmarks with `npm run bench` (node --expose-gc).");
  gc();
}
