import { appendFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { postsPerRecipient, seedFanoutNetwork, startInstance, stopInstances, userId, waitFor, type Instance } from "./multi-instance-fleet.js";

const RECIPIENTS = 1_000;
// The fake answers 429 + Retry-After above this; the three instances share OUTBOX_RATE_SLACK (40/s) below it.
const FAKE_RATE = 100;

describe("several bot instances on one PostgreSQL", () => {
  let instances: Instance[] = [];
  let fake: FakeSlackApi | undefined;
  let drop: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await stopInstances(instances);
    instances = [];
    await fake?.close();
    await drop?.();
  });

  async function fleet(env: Record<string, string> = {}) {
    const handle = await createTestDatabase("postgres");
    drop = handle.drop;
    await seedFanoutNetwork(handle.db, RECIPIENTS);
    fake = await startFakeSlackApi({ postMessagesPerSecond: FAKE_RATE });
    const shared = { DATABASE_URL: handle.url!, SLACK_API_URL: fake.url, OUTBOX_RATE_SLACK: "40", ...env };
    instances = ["bot-a", "bot-b", "bot-c"].map((name) => startInstance(name, shared));
    return handle.db;
  }

  function expectEveryoneOnce(f: FakeSlackApi) {
    const posts = postsPerRecipient(f.callsTo("chat.postMessage"));
    const missing = Array.from({ length: RECIPIENTS }, (_, i) => `D${userId(i)}`).filter((c) => !posts.has(c));
    const doubled = [...posts].filter(([, n]) => n > 1);
    const duplicates = doubled.reduce((sum, [, n]) => sum + n - 1, 0);
    if (process.env.SOAK_REPORT) appendFileSync(process.env.SOAK_REPORT, `${JSON.stringify({ test: "slack-main", missing: missing.length, duplicates })}\n`);
    expect({ missing: missing.length, doubled: doubled.length, recipients: posts.size }).toEqual({ missing: 0, doubled: 0, recipients: RECIPIENTS });
  }

  it("runs the campaign's opening once and delivers exactly one prompt to each of 1,000 recipients", async () => {
    const db = await fleet();
    await Promise.all(instances.map((i) => i.ready));
    await waitFor(async () => (await db.prisma.outboxMessage.count({ where: { status: "SENT" } })) === RECIPIENTS, 150_000, "all prompts sent");

    expectEveryoneOnce(fake!);
    const opens = await db.prisma.scheduledRun.findMany({ where: { job: { endsWith: ":open" } } });
    expect(opens).toHaveLength(1);
    const byInstance = await db.prisma.outboxMessage.groupBy({ by: ["lockedBy"], _count: true });
    expect(byInstance.length).toBeGreaterThanOrEqual(2); // the fan-out was shared
    expect(await db.prisma.outboxMessage.count({ where: { status: { not: "SENT" } } })).toBe(0);
  }, 240_000);

  it("still delivers exactly one prompt to everyone when an instance is killed mid-fan-out", async () => {
    const db = await fleet({ OUTBOX_LEASE_SECONDS: "5" });
    await Promise.all(instances.map((i) => i.ready));
    await waitFor(async () => fake!.callsTo("chat.postMessage").length >= 300, 150_000, "fan-out under way");

    // Kill the instance holding the most claimed rows, so the kill surely lands mid-batch.
    const holding = await db.prisma.outboxMessage.groupBy({ by: ["lockedBy"], where: { status: "SENDING" }, _count: true });
    const victimName = holding.sort((a, b) => b._count - a._count)[0]?.lockedBy ?? "bot-a";
    const victim = instances.find((i) => i.name === victimName)!;
    victim.child.kill("SIGKILL");
    await victim.exited;
    const inFlight = holding.find((h) => h.lockedBy === victimName)?._count ?? 0;
    const started = await db.prisma.outboxMessage.count({ where: { lockedBy: victimName, status: "SENDING", sendStartedAt: { not: null } } });

    await waitFor(async () => (await db.prisma.outboxMessage.count({ where: { status: "SENT" } })) === RECIPIENTS, 150_000, "the others to finish");
    expect(inFlight).toBeGreaterThan(0);
    expectEveryoneOnce(fake!);
    // The victim's rows whose send had started came back "in doubt" and were looked up before any resend.
    expect(fake!.callsTo("conversations.history").length).toBeGreaterThanOrEqual(started);
  }, 240_000);
});
