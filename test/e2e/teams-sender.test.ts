import type { ConversationReference } from "botbuilder";
import express from "express";
import { expect, it } from "vitest";
import { saveConversation } from "../../src/platforms/teams/conversations.js";
import { mountTeams } from "../../src/platforms/teams/mount.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { textMessage } from "../../src/chat/message.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { enqueueNotifications } from "../../src/core/outbox/enqueue.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";

const tenantId = "tenant-1";
const aad = "aad-joost";

const connector = await fakeBotConnectorForFile();

function personalReference(conversationId: string): Partial<ConversationReference> {
  return {
    serviceUrl: connector.url,
    channelId: "msteams",
    conversation: { id: conversationId, conversationType: "personal", tenantId, isGroup: false, name: "" },
    bot: { id: "28:netwerkbot", name: "Netwerkbot" },
    user: { id: "29:joost", name: "Joost", aadObjectId: aad },
  };
}

const delivery = (key: string, address: unknown = { tenantId, userId: aad }) => ({
  outboxId: key,
  idempotencyKey: key,
  personId: null,
  address,
  message: textMessage("Herinnering: **rapporteer** je plaatsingen"),
});

describeEachDatabase("Teams outbox sender", (use) => {
  // Built as the app builds it: on the bot's own adapter, where teams-ai's turn-error handler sits.
  const sender = () =>
    mountTeams(express(), { env: loadConfig({}).env, demoMode: false, deps: depsFor(use()), logger: createLogger("silent"), baseUrl: () => "http://localhost" }).sender;

  it("sends a card proactively into the stored personal chat", async () => {
    await saveConversation(use().prisma, { conversationId: "a:joost", tenantId, aadObjectId: aad, kind: "personal", reference: personalReference("a:joost") });
    const before = connector.sent().length;

    const result = await sender().send(delivery("k1"));

    expect(result).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(/^sent-/) });
    const [call] = connector.sent().slice(before);
    expect(call?.conversationId).toBe("a:joost");
    const card = call?.body.attachments?.[0];
    expect(card?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card?.content.version).toBe("1.5");
    // Markdown in the text is shown literally: TextRuns are never parsed as markdown.
    expect(card?.content.body[0]).toEqual({ type: "RichTextBlock", inlines: [{ type: "TextRun", text: "Herinnering: **rapporteer** je plaatsingen" }] });
  });

  it("hands a 429 or 503 back at once with its Retry-After: botbuilder neither retries nor sleeps inside the send", async () => {
    await saveConversation(use().prisma, { conversationId: "a:joost", tenantId, aadObjectId: aad, kind: "personal", reference: personalReference("a:joost") });
    const refusedBefore = connector.refused.length;
    // Left to botbuilder's pipeline, each would be retried three times after sleeping 30 s.
    connector.failNext(1, 429, 30);
    connector.failNext(1, 503, 20);

    const started = performance.now();
    const throttled = await sender().send(delivery("k2"));
    const unavailable = await sender().send(delivery("k2"));
    const elapsed = performance.now() - started;

    expect(throttled).toMatchObject({ ok: false, permanent: false, retryAfterMs: 30_000 });
    expect(unavailable).toMatchObject({ ok: false, permanent: false, retryAfterMs: 20_000 });
    expect(connector.refused.slice(refusedBefore).map((c) => c.status)).toEqual([429, 503]);
    expect(elapsed).toBeLessThan(5_000);
    expect(await sender().send(delivery("k2"))).toMatchObject({ ok: true });
  });

  it("treats 412 as transient and 403/404 (conversation gone) as permanent", async () => {
    await saveConversation(use().prisma, { conversationId: "a:joost", tenantId, aadObjectId: aad, kind: "personal", reference: personalReference("a:joost") });
    connector.failNext(1, 412);
    expect(await sender().send(delivery("k3"))).toMatchObject({ ok: false, permanent: false });
    connector.failNext(1, 403);
    expect(await sender().send(delivery("k4"))).toMatchObject({ ok: false, permanent: true });
    connector.failNext(1, 404);
    expect(await sender().send(delivery("k5"))).toMatchObject({ ok: false, permanent: true });
  });

  it("opens a personal chat through a channel reference of the same tenant and stores it", async () => {
    await saveConversation(use().prisma, {
      conversationId: "19:general@thread.tacv2",
      tenantId,
      aadObjectId: null,
      kind: "channel",
      reference: { ...personalReference("19:general@thread.tacv2"), conversation: { id: "19:general@thread.tacv2", conversationType: "channel", tenantId } as never },
    });
    const before = connector.calls.length;

    const result = await sender().send(delivery("k6"));

    expect(result).toMatchObject({ ok: true });
    const calls = connector.calls.slice(before);
    expect(calls[0]).toMatchObject({ method: "POST", path: "/v3/conversations" });
    expect(calls[0]?.body.members).toEqual([expect.objectContaining({ id: aad })]);
    expect(calls[1]).toMatchObject({ method: "POST", conversationId: calls[0]?.conversationId });
    const stored = await use().prisma.teamsConversation.findFirst({ where: { aadObjectId: aad, kind: "personal" } });
    expect(stored?.conversationId).toBe(calls[0]?.conversationId);
  });

  it("gives up permanently when nothing is known about the person's tenant, and on a malformed address", async () => {
    const before = connector.calls.length;
    expect(await sender().send(delivery("k7"))).toMatchObject({ ok: false, permanent: true });
    expect(await sender().send(delivery("k8", { personId: "x" }))).toMatchObject({ ok: false, permanent: true });
    expect(connector.calls.length).toBe(before);
  });

  /** Joost, linked to Teams with a stored personal chat, gets a quarterly prompt in the outbox. */
  async function queuePromptForJoost(idempotencyKey: string): Promise<number> {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    await db.prisma.platformIdentity.create({ data: { personId: joost.personId, platform: "TEAMS", tenantId, externalUserId: aad } });
    await saveConversation(db.prisma, { conversationId: "a:joost", tenantId, aadObjectId: aad, kind: "personal", reference: personalReference("a:joost") });
    const data = { networkName: "99vanDemo", label: "Q4 2026", employerName: "Bakkerij De Korenschoof", closesAt: "2027-01-01T00:00:00.000Z", timeZone: "Europe/Amsterdam" };
    return enqueueNotifications(db.prisma, [{ kind: "campaign.prompt", personId: joost.personId, idempotencyKey, data }]);
  }

  it("delivers an outbox prompt through the outbox worker as a card in the person's Teams chat", async () => {
    const db = use();
    expect(await queuePromptForJoost("prompt-q4")).toBe(1);
    const before = connector.sent().length;

    // Real clock: the row is due from the database's now(), not the fixture date.
    const worker = new OutboxWorker({ db: db.prisma, now: () => new Date(), senders: [sender()] });
    expect(await worker.drainOnce()).toBe(1);

    const [call] = connector.sent().slice(before);
    expect(call?.conversationId).toBe("a:joost");
    const card = call?.body.attachments?.[0]?.content;
    expect(JSON.stringify(card)).toContain(translator("nl")("reporting.button.report"));
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: "prompt-q4" } })).toMatchObject({ status: "SENT" });
  });

  it("lets the outbox worker reschedule a throttled Teams send after its Retry-After at once, not counted as an attempt", async () => {
    const db = use();
    await queuePromptForJoost("prompt-throttled");
    const refusedBefore = connector.refused.length;
    connector.failNext(1, 429, 45);

    const worker = new OutboxWorker({ db: db.prisma, now: () => new Date(), senders: [sender()] });
    const started = Date.now();
    await worker.drainOnce();

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(connector.refused.slice(refusedBefore)).toHaveLength(1);
    const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: "prompt-throttled" } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 0, lastError: expect.stringContaining("HTTP 429") });
    expect(row.nextAttemptAt.getTime() - started).toBeGreaterThan(40_000);
  });
});
