import { afterEach, beforeEach, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { enqueueNotifications } from "../../src/core/outbox/enqueue.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { describeEachDatabase } from "../support/databases.js";
import { fixedNow, seedDemo, type DemoPersonKey } from "../support/fixtures.js";
import { slashAndAnswer } from "../support/slack-answers.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";

type Json = Record<string, any>;

const summaryData = { networkName: "N", label: "Q4 2026", employers: 6, reported: 5, responseRate: 5 / 6, realised: 9, ambition: 40, missing: [] };
const people: DemoPersonKey[] = ["coordinator", "bakeryHr", "bakeryDirector", "logisticsHr", "careBuyer"];

// The outbox's Slack port exactly as the app builds it (mountSlack's sender, the app's token and
// API URL), driven by the worker with the app's default Slack rate, against a Slack that allows
// one message per second: more than that comes back 429 with Retry-After.
describeEachDatabase("Slack outbox: Retry-After through the app's own sender", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use(), {}, { postMessagesPerSecond: 1 });
  });
  afterEach(async () => {
    await h.close();
  });

  it("reschedules a throttled DM no earlier than Retry-After without burning an attempt, and delivers every DM exactly once", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    // Linked the way people link: their first slash command.
    for (const key of people) await slashAndAnswer(h, slackUser[key], "help", `link-${key}`);
    const personIds = await Promise.all(people.map(async (key) => (await actor(key)).personId));
    await enqueueNotifications(
      db.prisma,
      personIds.map((personId) => ({ kind: "campaign.summary", personId, idempotencyKey: `summary:${personId}`, data: summaryData, notBefore: fixedNow })),
    );
    const rows = () => db.prisma.outboxMessage.findMany({ where: { personId: { in: personIds } }, orderBy: { idempotencyKey: "asc" } });
    expect((await rows()).map((r) => r.platform)).toEqual(people.map(() => "SLACK"));

    let now = fixedNow;
    const rate = loadConfig({ NODE_ENV: "test" }).env.OUTBOX_RATE_SLACK;
    const worker = new OutboxWorker({ db: db.prisma, now: () => now, senders: [h.app.slack!.sender], ratePerSecond: { SLACK: rate } });

    expect(await worker.drainOnce()).toBe(people.length);

    expect(h.fake.rateLimited).toBeGreaterThan(0);
    const throttled = (await rows()).filter((r) => r.status === "PENDING");
    expect(throttled).toHaveLength(h.fake.rateLimited);
    for (const row of throttled) {
      // The fake's Retry-After is 1 s; the worker's clock did not move while it sent.
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + 1_000);
      expect(row).toMatchObject({ attempts: 0, lastError: "ratelimited", lockedBy: null });
    }
    expect(await worker.drainOnce()).toBe(0); // not due before Retry-After

    for (let round = 0; round < 10 && (await rows()).some((r) => r.status !== "SENT"); round++) {
      const pending = (await rows()).filter((r) => r.status === "PENDING");
      now = new Date(Math.max(...pending.map((r) => r.nextAttemptAt.getTime())));
      await worker.drain();
    }

    const final = await rows();
    expect(final.map((r) => r.status)).toEqual(people.map(() => "SENT"));
    // Rate limits are not the message's fault: each DM took exactly one counted attempt.
    expect(final.map((r) => r.attempts)).toEqual(people.map(() => 1));
    const posts = h.fake.callsTo("chat.postMessage");
    const keys = posts.map((p) => (p.body.metadata as Json).event_payload.outboxKey as string);
    expect(keys.sort()).toEqual(final.map((r) => r.idempotencyKey).sort());
    expect(posts.map((p) => p.body.channel).sort()).toEqual(people.map((key) => `D${slackUser[key]}`).sort());
    expect(new Set(final.map((r) => r.platformMessageId)).size).toBe(people.length);
    expect(posts[0]!.token).toBe("xoxb-test-token");
  });
});
