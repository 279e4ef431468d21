import { afterAll, beforeAll, expect, it } from "vitest";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { createSlackSender } from "../../src/platforms/slack/sender.js";
import { describeEachDatabase } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";

const LIMIT = 10;
const MESSAGES = 60;
const summary = { networkName: "N", label: "Q4 2026", employers: 1, reported: 0, responseRate: 0, realised: 0, ambition: 0, missing: [] };

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi({ postMessagesPerSecond: LIMIT });
});
afterAll(() => fake.close());

describeEachDatabase("outbox: one platform rate for all instances", (use) => {
  it(`three workers at the platform's ${LIMIT}/s together stay within it: no 429, each message once`, async () => {
    const db = use().prisma;
    await db.outboxMessage.createMany({
      data: Array.from({ length: MESSAGES }, (_, i) => ({
        idempotencyKey: `rate:${i}`,
        platform: "SLACK" as const,
        kind: "campaign.summary",
        address: { tenantId: "T0001", userId: `U${i}` },
        payload: summary,
      })),
    });
    const before = fake.callsTo("chat.postMessage").length;
    const limited = fake.rateLimited;
    const workers = ["a", "b", "c"].map(
      (name) =>
        new OutboxWorker({
          db,
          now: () => new Date(),
          workerId: name,
          senders: [createSlackSender({ apiUrl: fake.url, tokenForTeam: async () => "xoxb-rate" })],
          ratePerSecond: { SLACK: LIMIT },
          batchSize: 10,
        }),
    );

    await Promise.all(workers.map((w) => w.drain()));

    const posts = fake.callsTo("chat.postMessage").slice(before);
    const perChannel = new Map<string, number>();
    for (const post of posts) perChannel.set(String(post.body.channel), (perChannel.get(String(post.body.channel)) ?? 0) + 1);
    expect({ rateLimited: fake.rateLimited - limited, recipients: perChannel.size, doubled: [...perChannel.values()].filter((n) => n > 1).length }).toEqual({
      rateLimited: 0,
      recipients: MESSAGES,
      doubled: 0,
    });
    // The work was shared, and together the workers kept close to the limit (not 1/3 of it).
    const byWorker = await db.outboxMessage.groupBy({ by: ["lockedBy"], where: { status: "SENT" }, _count: true });
    expect(byWorker.length).toBeGreaterThanOrEqual(2);
    const spanSeconds = (posts.at(-1)!.at - posts[0]!.at) / 1000;
    expect((MESSAGES - 1) / spanSeconds).toBeGreaterThan(LIMIT * 0.6);
  }, 60_000);
});
