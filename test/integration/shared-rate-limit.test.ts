import { afterEach, expect, it } from "vitest";
import { SharedRateLimiter } from "../../src/delivery/shared-rate-limit.js";
import { describeEachDatabase } from "../support/databases.js";

// Issue 15.10: the send lease of src/delivery/shared-rate-limit.ts, three limiters (three
// instances) on one database. What is checked is what the platform counts: how many sends leave
// within one second, and how close together two go to one conversation; not how fast.
const LIMIT = 10;
const SENDS = 90;
const GAP_MS = 1_000;

function maxWithinOneSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + 1_000) j++;
    worst = Math.max(worst, j - i);
  }
  return worst;
}

describeEachDatabase("shared send rate: one lease per platform", (use) => {
  let limiters: SharedRateLimiter[] = [];
  afterEach(async () => {
    await Promise.all(limiters.map((l) => l.close()));
    limiters = [];
  });

  it(`three instances with sends waiting let at most ${LIMIT} leave in any second, share the work, and keep a conversation's gap`, async () => {
    limiters = ["a", "b", "c"].map((holder) => new SharedRateLimiter(use().prisma, "rate:TEST", holder, LIMIT, GAP_MS));
    const left: Array<{ at: number; by: number; address: string }> = [];
    const todo = Array.from({ length: SENDS }, (_, i) => i);
    // Eight lanes per instance, as the worker runs: each asks for the lease first (the worker
    // claims rows only then) and hands a send back when the lease moved on while it waited.
    // Every tenth send goes to one conversation.
    const lane = async (by: number) => {
      while (todo.length > 0) {
        if (!(await limiters[by]!.ready())) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        const i = todo.shift()!;
        const address = i % 10 === 0 ? "shared-conversation" : `conversation-${i}`;
        if (await limiters[by]!.acquire(address)) left.push({ at: Date.now(), by, address });
        else todo.push(i);
      }
    };
    await Promise.all(limiters.flatMap((_, by) => Array.from({ length: 8 }, () => lane(by))));

    expect(left).toHaveLength(SENDS);
    expect(maxWithinOneSecond(left.map((l) => l.at))).toBeLessThanOrEqual(LIMIT);
    const shared = left.filter((l) => l.address === "shared-conversation").map((l) => l.at);
    const gaps = shared.slice(1).map((at, i) => at - shared[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(GAP_MS);
    // The lease was handed on while the others waited: more than one instance sent.
    expect(new Set(left.map((l) => l.by)).size).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("a holder that stops hands its pacing to the next: no eleventh send within the second, no conversation twice within its gap", async () => {
    const first = new SharedRateLimiter(use().prisma, "rate:TEST", "first", LIMIT, GAP_MS);
    const second = new SharedRateLimiter(use().prisma, "rate:TEST", "second", LIMIT, GAP_MS);
    limiters = [first, second];
    const firstLeft: number[] = [];
    for (let i = 0; i < LIMIT; i++) if (await first.acquire(`c-${i}`)) firstLeft.push(Date.now());
    // The second asks while the first holds the lease: it is told no, and marks it wanted.
    expect(await second.ready()).toBe(false);
    await first.close();
    await expect.poll(() => second.ready(), { timeout: 30_000 }).toBe(true);
    expect(await second.acquire("c-0")).toBe(true);
    const secondAt = Date.now();
    // The first's ten sends and the second's first one are not eleven within a second.
    expect(maxWithinOneSecond([...firstLeft, secondAt])).toBeLessThanOrEqual(LIMIT);
    // And the conversation the first messaged last second waits out its gap.
    expect(secondAt - firstLeft[0]!).toBeGreaterThanOrEqual(GAP_MS);
    expect(await first.acquire("c-1")).toBe(false);
  }, 60_000);
});
