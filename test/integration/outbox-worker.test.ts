import { expect, it } from "vitest";
import { enqueueNotifications } from "../../src/core/outbox/enqueue.js";
import { beginSend, claimDue } from "../../src/delivery/claim.js";
import type { OutboxSender, SendResult } from "../../src/delivery/sender.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { fixedNow, seedDemo } from "../support/fixtures.js";

const summaryData = { networkName: "N", label: "Q4 2026", employers: 1, reported: 0, responseRate: 0, realised: 0, ambition: 0, missing: [] };

async function queueSummaries(db: Database, count: number): Promise<string[]> {
  const people = await db.prisma.person.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: count });
  await enqueueNotifications(
    db.prisma,
    people.map((p) => ({ kind: "campaign.summary", personId: p.id, idempotencyKey: `test:${p.id}`, data: summaryData, notBefore: fixedNow })),
  );
  return people.map((p) => p.id);
}

function scriptedSender(answers: SendResult[], sent: string[] = []): OutboxSender {
  return {
    platform: "WEB",
    async send(d) {
      sent.push(d.idempotencyKey);
      return answers.shift() ?? { ok: true, platformMessageId: `ok-${sent.length}` };
    },
  };
}

describeEachDatabase("outbox worker", (use) => {
  it("retries with growing backoff and ends DEAD with the last error after N attempts", async () => {
    const db = use();
    await seedDemo(db);
    const [personId] = await queueSummaries(db, 1);
    let now = fixedNow;
    const failure: SendResult = { ok: false, error: "timeout", permanent: false };
    const worker = new OutboxWorker({ db: db.prisma, now: () => now, senders: [scriptedSender([failure, failure, failure])], maxAttempts: 3 });

    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await worker.drainOnce()).toBe(1);
      const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId } });
      if (row.status === "PENDING") {
        waits.push(row.nextAttemptAt.getTime() - now.getTime());
        expect(await worker.drainOnce()).toBe(0); // not due before its backoff
        now = row.nextAttemptAt;
      }
    }
    const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId } });
    expect(row).toMatchObject({ status: "DEAD", attempts: 3, lastError: "timeout" });
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(15_000);
    expect(waits[1]!).toBeGreaterThanOrEqual(30_000);
  });

  it("marks a permanent error DEAD at once and a rate limit as not an attempt", async () => {
    const db = use();
    await seedDemo(db);
    const [first, second] = await queueSummaries(db, 2);
    const answers: SendResult[] = [
      { ok: false, error: "user_not_found", permanent: true },
      { ok: false, error: "ratelimited", permanent: false, retryAfterMs: 5_000 },
    ];
    const worker = new OutboxWorker({ db: db.prisma, now: () => fixedNow, senders: [scriptedSender(answers)], concurrency: 1 });
    await worker.drainOnce();
    const rows = await db.prisma.outboxMessage.findMany({ where: { personId: { in: [first!, second!] } }, orderBy: { personId: "asc" } });
    expect(rows[0]).toMatchObject({ status: "DEAD", lastError: "user_not_found" });
    expect(rows[1]).toMatchObject({ status: "PENDING", attempts: 0, lastError: "ratelimited", nextAttemptAt: new Date(fixedNow.getTime() + 5_000) });
  });

  it("claims a crashed worker's started row only two leases later, and asks the platform before resending", async () => {
    const db = use();
    await seedDemo(db);
    const [personId] = await queueSummaries(db, 1);
    const [crashed] = await claimDue(db.prisma, { workerId: "crashed", platforms: ["WEB"], limit: 10, now: fixedNow, leaseMs: 60_000 });
    expect(await beginSend(db.prisma, { id: crashed!.id, workerId: "crashed", now: fixedNow, leaseMs: 60_000 })).toBe(true);
    const sent: string[] = [];
    const sender: OutboxSender = { ...scriptedSender([], sent), wasDelivered: async () => "already-there" };
    let now = new Date(fixedNow.getTime() + 61_000);
    const worker = new OutboxWorker({ db: db.prisma, now: () => now, senders: [sender], leaseMs: 60_000 });
    expect(await worker.drainOnce()).toBe(0); // lease lapsed, but its holder may still record the answer
    now = new Date(fixedNow.getTime() + 181_000);
    expect(await worker.drainOnce()).toBe(1);
    expect(sent).toEqual([]);
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId } })).toMatchObject({ status: "SENT", platformMessageId: "already-there" });
  });

  it("sends a row whose crashed worker never started the send right after its lease, without a look-up", async () => {
    const db = use();
    await seedDemo(db);
    await queueSummaries(db, 1);
    await claimDue(db.prisma, { workerId: "crashed", platforms: ["WEB"], limit: 10, now: fixedNow, leaseMs: 60_000 });
    const sent: string[] = [];
    let lookups = 0;
    const sender: OutboxSender = { ...scriptedSender([], sent), wasDelivered: async () => (lookups++, null) };
    await new OutboxWorker({ db: db.prisma, now: () => new Date(fixedNow.getTime() + 61_000), senders: [sender], leaseMs: 60_000 }).drain();
    expect({ sent: sent.length, lookups }).toEqual({ sent: 1, lookups: 0 });
  });

  it("keeps its lease alive while a send takes longer than the lease: another worker does not take the row", async () => {
    const db = use();
    await seedDemo(db);
    await queueSummaries(db, 1);
    const sent: string[] = [];
    let release: () => void = () => undefined;
    let sending: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (sending = resolve));
    const slow: OutboxSender = {
      platform: "WEB",
      send: async (d) => {
        sent.push(d.idempotencyKey);
        sending();
        await new Promise<void>((resolve) => (release = resolve));
        return { ok: true, platformMessageId: "slow" };
      },
    };
    const leaseMs = 600;
    const first = new OutboxWorker({ db: db.prisma, now: () => new Date(), senders: [slow], leaseMs, workerId: "first" });
    const second = new OutboxWorker({ db: db.prisma, now: () => new Date(), senders: [scriptedSender([], sent)], leaseMs, workerId: "second" });
    const draining = first.drainOnce();
    await started;
    const until = Date.now() + 3 * leaseMs;
    let claimedBySecond = 0;
    while (Date.now() < until) claimedBySecond += await second.drainOnce();
    release();
    await draining;

    expect(claimedBySecond).toBe(0);
    expect(sent).toHaveLength(1);
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { platformMessageId: "slow" } })).toMatchObject({ status: "SENT", lockedBy: "first" });
  });

  it("keeps the platform's answer while SENT cannot be written, and writes it when the database takes it again: sent once", async () => {
    const db = use();
    await seedDemo(db);
    const [personId] = await queueSummaries(db, 1);
    // The database refuses exactly the write of SENT, as an outage right after the send would.
    await db.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
    await db.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_sent BEFORE UPDATE ON "OutboxMessage" FOR EACH ROW WHEN (NEW.status = 'SENT') EXECUTE FUNCTION refuse_sent()`);
    const sent: string[] = [];
    const leaseMs = 60_000;
    const first = new OutboxWorker({ db: db.prisma, now: () => fixedNow, senders: [scriptedSender([], sent)], leaseMs, workerId: "first" });
    const draining = first.drainOnce();
    while (sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));

    // Past the lease, another instance looks: the started row is not its to take yet.
    const second = new OutboxWorker({ db: db.prisma, now: () => new Date(fixedNow.getTime() + leaseMs + 1_000), senders: [scriptedSender([], sent)], leaseMs, workerId: "second" });
    expect(await second.drainOnce()).toBe(0);
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId } })).toMatchObject({ status: "SENDING", sendStartedAt: fixedNow });

    await db.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_sent ON "OutboxMessage"`);
    await db.prisma.$executeRawUnsafe(`DROP FUNCTION refuse_sent()`);
    await draining;
    expect(sent).toHaveLength(1);
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId } })).toMatchObject({ status: "SENT", platformMessageId: "ok-1" });
  });

  it("lets several workers drain one outbox concurrently, each message sent once", async () => {
    const db = use();
    await seedDemo(db);
    const people = await queueSummaries(db, 8);
    const sent: string[] = [];
    const workers = Array.from({ length: 3 }, (_, i) => new OutboxWorker({ db: db.prisma, now: () => fixedNow, senders: [scriptedSender([], sent)], batchSize: 2, workerId: `w${i}` }));
    await Promise.all(workers.map((w) => w.drain()));
    expect(sent.sort()).toEqual(people.map((id) => `test:${id}`).sort());
    expect(await db.prisma.outboxMessage.count({ where: { status: "SENT" } })).toBe(people.length);
  });

  it("renders in the recipient's language and records the platform message id", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const alex = await actor("englishSpeaker");
    await enqueueNotifications(db.prisma, [{ kind: "campaign.summary", personId: alex.personId, idempotencyKey: "k", data: summaryData, notBefore: fixedNow }]);
    const summaries: string[] = [];
    const sender: OutboxSender = { platform: "WEB", send: async (d) => (summaries.push(d.message.summary), { ok: true, platformMessageId: "P1" }) };
    await new OutboxWorker({ db: db.prisma, now: () => fixedNow, senders: [sender] }).drain();
    expect(summaries).toEqual(["Period Q4 2026 closed — N"]);
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: "k" } })).toMatchObject({ status: "SENT", platformMessageId: "P1", sentAt: fixedNow });
  });
});

describeEachDatabase("outbox worker: stopping", (use) => {
  it("hands claimed but unsent rows back when it stops, so another instance sends them at once", async () => {
    const db = use();
    await seedDemo(db);
    const people = await queueSummaries(db, 5);
    let sends = 0;
    let firstSent: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => (firstSent = resolve));
    const sender: OutboxSender = { platform: "WEB", send: async () => (sends++, firstSent(), { ok: true, platformMessageId: `s${sends}` }) };
    // One message a second: the other four are still waiting for their slot when it stops.
    const worker = new OutboxWorker({ db: db.prisma, now: () => fixedNow, senders: [sender], ratePerSecond: { WEB: 1 } });
    worker.start();
    await sent;
    await worker.stop();

    const rows = await db.prisma.outboxMessage.findMany({ where: { personId: { in: people } }, select: { status: true, attempts: true, lockedUntil: true } });
    const pending = rows.filter((r) => r.status === "PENDING");
    expect(rows.filter((r) => r.status === "SENT")).toHaveLength(sends);
    expect(pending.length).toBe(5 - sends);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((r) => r.attempts === 0 && r.lockedUntil === null)).toBe(true);
  });
});

describeEachDatabase("outbox: large fan-outs", (use) => {
  it("stores a large batch in one statement with the same meaning: addresses, times, and once per key", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    await db.prisma.platformIdentity.create({ data: { personId: joost.personId, platform: "SLACK", tenantId: "T1", externalUserId: "UJOOST" } });
    const later = new Date("2026-12-01T08:00:00Z");
    const batch = Array.from({ length: 600 }, (_, i) => ({
      kind: "campaign.summary",
      personId: joost.personId,
      idempotencyKey: `bulk:${i}`,
      data: { ...summaryData, i },
      notBefore: i % 2 ? later : undefined,
    }));

    expect(await enqueueNotifications(db.prisma, batch)).toBe(600);
    expect(await enqueueNotifications(db.prisma, batch)).toBe(0);
    const odd = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "bulk:1" } });
    expect(odd).toMatchObject({ platform: "SLACK", address: { tenantId: "T1", userId: "UJOOST" }, payload: { i: 1, label: "Q4 2026" }, nextAttemptAt: later, status: "PENDING", attempts: 0 });
    const even = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "bulk:0" } });
    expect(Math.abs(even.nextAttemptAt.getTime() - Date.now())).toBeLessThan(600_000);
  });
});

describeEachDatabase("outbox worker: a row that cannot be rendered or sent", (use) => {
  it("marks a payload the renderer rejects (ZodError) DEAD with the reason, once, without calling the platform", async () => {
    const db = use();
    await seedDemo(db);
    const [person] = await db.prisma.person.findMany({ select: { id: true }, take: 1 });
    const { networkName: _dropped, ...damaged } = summaryData;
    await enqueueNotifications(db.prisma, [{ kind: "campaign.summary", personId: person!.id, idempotencyKey: "damaged", data: damaged, notBefore: fixedNow }]);
    const sent: string[] = [];
    let now = fixedNow;
    const worker = new OutboxWorker({ db: db.prisma, now: () => now, senders: [scriptedSender([], sent)], leaseMs: 60_000 });

    expect(await worker.drainOnce()).toBe(1);
    now = new Date(fixedNow.getTime() + 120_000); // past the lease: nothing to reclaim
    expect(await worker.drainOnce()).toBe(0);

    expect(sent).toEqual([]);
    const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: "damaged" } });
    expect(row).toMatchObject({ status: "DEAD", attempts: 1, lockedUntil: null });
    expect(row.lastError).toBe("render: networkName: Required");
  });

  it("sends an error thrown before the send (here: opening the conversation) down the retry path, DEAD after the attempts", async () => {
    const db = use();
    await seedDemo(db);
    const [personId] = await queueSummaries(db, 1);
    let now = fixedNow;
    const sender: OutboxSender = {
      ...scriptedSender([]),
      prepare: async () => {
        throw new Error("socket hang up");
      },
    };
    const worker = new OutboxWorker({ db: db.prisma, now: () => now, senders: [sender], maxAttempts: 2 });

    expect(await worker.drainOnce()).toBe(1);
    const retried = await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId } });
    expect(retried).toMatchObject({ status: "PENDING", attempts: 1, lastError: "socket hang up", lockedUntil: null });
    now = retried.nextAttemptAt;
    expect(await worker.drainOnce()).toBe(1);
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId } })).toMatchObject({ status: "DEAD", attempts: 2, lastError: "socket hang up" });
  });

  it("ends a row DEAD whose every claim was lost with its worker (claimed more often than it may be tried)", async () => {
    const db = use();
    await seedDemo(db);
    const [personId] = await queueSummaries(db, 1);
    let now = fixedNow;
    for (let i = 0; i < 3; i++) {
      await claimDue(db.prisma, { workerId: `crashed-${i}`, platforms: ["WEB"], limit: 1, now, leaseMs: 1_000 });
      now = new Date(now.getTime() + 10_000);
    }
    const sent: string[] = [];
    await new OutboxWorker({ db: db.prisma, now: () => now, senders: [scriptedSender([], sent)], maxAttempts: 3 }).drainOnce();
    expect(sent).toEqual([]);
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId } })).toMatchObject({ status: "DEAD", attempts: 4, lastError: "given up after 3 attempts" });
  });
});
