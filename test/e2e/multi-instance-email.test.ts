import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { messageIdFor } from "../../src/platforms/email/message-id.js";
import { createTestDatabase } from "../support/databases.js";
import { startFakeBotConnector, type FakeBotConnector } from "../support/fake-bot-connector.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";
import { seedFanoutNetwork, startInstance, stopInstances, teamsChat, userId, waitFor, type Instance } from "./multi-instance-fleet.js";

// A mixed network: of every six contacts one is on Slack, two on Teams, one has no chat link
// (e-mail only), and one Slack and one Teams user chose e-mail (`kanaal e-mail`). Half get mail.
const RECIPIENTS = 180;
const LIMIT = 12;
const LEASE_SECONDS = 5;
const FROM_ADDRESS = "bot@netwerkbot.test";
const PUBLIC_URL = "https://netwerk.example.test";

type Channel = "slack" | "teams" | "email";
const channelOf = (i: number): Channel => (i % 6 === 0 ? "slack" : i % 6 === 1 || i % 6 === 3 ? "teams" : "email");
const mailbox = (i: number) => `c${i}@fanout.example`;

describe("three delivery instances on one PostgreSQL, Slack, Teams and e-mail", () => {
  let instances: Instance[] = [];
  let slack: FakeSlackApi | undefined;
  let teams: FakeBotConnector | undefined;
  let smtp: TestSmtpServer | undefined;
  let drop: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await stopInstances(instances);
    instances = [];
    await Promise.all([slack?.close(), teams?.close(), smtp?.close()]);
    await drop?.();
  });

  async function fleet() {
    const handle = await createTestDatabase("postgres");
    drop = handle.drop;
    [slack, teams, smtp] = await Promise.all([startFakeSlackApi({ postMessagesPerSecond: LIMIT }), startFakeBotConnector({ sendsPerSecond: LIMIT }), startSmtpServer()]);
    await seedFanoutNetwork(handle.db, RECIPIENTS, new Date(), { serviceUrl: teams.url });
    const p = handle.db.prisma;
    const ids = (rest: number[]) => Array.from({ length: RECIPIENTS }, (_, i) => i).filter((i) => rest.includes(i % 6)).map((i) => `person-${i}`);
    await p.platformIdentity.deleteMany({ where: { personId: { in: ids([2]) } } });
    await p.person.updateMany({ where: { id: { in: ids([4, 5]) } }, data: { channel: "EMAIL" } });
    const env = {
      DATABASE_URL: handle.url!,
      SLACK_API_URL: slack.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: `Netwerkbot <${FROM_ADDRESS}>`,
      PUBLIC_URL,
      OUTBOX_RATE_SLACK: String(LIMIT),
      OUTBOX_RATE_TEAMS: String(LIMIT),
      OUTBOX_RATE_EMAIL: String(LIMIT),
      OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
    };
    instances = ["bot-a", "bot-b", "bot-c"].map((name) => startInstance(name, env, "test/support/delivery-process.ts"));
    await Promise.all(instances.map((i) => i.ready));
    return p;
  }

  it("give everyone exactly one prompt on exactly their own channel when an instance is killed (SIGKILL) mid-fan-out", async () => {
    const db = await fleet();
    await waitFor(async () => smtp!.received.length >= RECIPIENTS / 6, 150_000, "the e-mail fan-out under way");

    // The victim is the instance holding the most mail rows in flight.
    const holding = await db.outboxMessage.groupBy({ by: ["lockedBy"], where: { status: "SENDING", platform: { in: ["EMAIL", "WEB"] } }, _count: true });
    const victimName = holding.sort((a, b) => b._count - a._count)[0]?.lockedBy ?? "bot-a";
    const victim = instances.find((i) => i.name === victimName)!;
    victim.child.kill("SIGKILL");
    await victim.exited;
    const inFlight = await db.outboxMessage.count({ where: { lockedBy: victimName, status: "SENDING" } });
    // Rows whose send had started: the only ones that may have reached the far side unrecorded.
    const inDoubt = new Set(
      (await db.outboxMessage.findMany({ where: { lockedBy: victimName, status: "SENDING", sendStartedAt: { not: null } }, select: { personId: true } })).map((r) => r.personId!),
    );
    const receivedAtKill = smtp!.received.length;

    await waitFor(async () => (await db.outboxMessage.count({ where: { status: "SENT" } })) === RECIPIENTS, 150_000, "the others to finish");
    expect(inFlight).toBeGreaterThan(0);
    expect(smtp!.received.length).toBeGreaterThan(receivedAtKill);

    const rows = await db.outboxMessage.findMany({ select: { personId: true, idempotencyKey: true, kind: true, platform: true, status: true } });
    expect(rows).toHaveLength(RECIPIENTS);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["campaign.prompt"]));
    const keyOf = new Map(rows.map((r) => [r.personId!, r.idempotencyKey]));

    const slackPosts = new Map<string, number>();
    for (const call of slack!.callsTo("chat.postMessage")) slackPosts.set(String(call.body.channel), (slackPosts.get(String(call.body.channel)) ?? 0) + 1);
    const teamsPosts = new Map<string, number>();
    for (const call of teams!.sent()) if (call.method === "POST") teamsPosts.set(call.conversationId, (teamsPosts.get(call.conversationId) ?? 0) + 1);
    const mails = await Promise.all(smtp!.received.map(async (m) => ({ to: m.to, parsed: await simpleParser(m.raw) })));
    const mailIds = new Map<string, string[]>();
    for (const mail of mails) for (const to of mail.to) mailIds.set(to, [...(mailIds.get(to) ?? []), mail.parsed.messageId ?? ""]);

    const wrong: string[] = [];
    let mailDoubles = 0;
    let teamsDoubles = 0;
    const doubled: string[] = [];
    for (let i = 0; i < RECIPIENTS; i++) {
      const got = { slack: slackPosts.get(`D${userId(i)}`) ?? 0, teams: teamsPosts.get(teamsChat(i)) ?? 0, email: mailIds.get(mailbox(i))?.length ?? 0 };
      const expected = channelOf(i);
      // Exactly one channel carried the prompt, the person's own.
      for (const channel of ["slack", "teams", "email"] as const) if ((channel === expected) !== got[channel] > 0) wrong.push(`${i}: ${channel} ${got[channel]}`);
      if (got.slack > 1) wrong.push(`${i}: slack twice`);
      teamsDoubles += Math.max(0, got.teams - 1);
      mailDoubles += Math.max(0, got.email - 1);
      if (got.teams > 1 || got.email > 1) doubled.push(`person-${i}`);
      if (expected === "email") {
        // A mail sent again after the kill carries the same Message-ID: a mail client shows it once.
        const distinct = new Set(mailIds.get(mailbox(i)));
        if (distinct.size !== 1 || !distinct.has(messageIdFor(keyOf.get(`person-${i}`)!, FROM_ADDRESS))) wrong.push(`${i}: Message-IDs ${[...distinct].join(", ")}`);
      }
    }
    expect(wrong).toEqual([]);
    // SMTP and Teams cannot be asked whether a message arrived (Slack can: no doubles above). A
    // message whose send had started when its instance died goes again, the mail with the same
    // Message-ID; nothing else does.
    expect(doubled.filter((id) => !inDoubt.has(id))).toEqual([]);
    expect(doubled.length).toBeLessThanOrEqual(inDoubt.size);
    console.log(`mixed fan-out, SIGKILL: ${inFlight} rows held by the victim, ${inDoubt.size} in doubt; resent: ${mailDoubles} mails (same Message-ID), ${teamsDoubles} Teams`);
    expect(mails.length).toBe(RECIPIENTS / 2 + mailDoubles);

    // Every mail carries the personal report link.
    for (const mail of mails) expect(mail.parsed.text).toContain(`${PUBLIC_URL}/link/`);
    // The e-mail-only contacts' rows are e-mail rows.
    const emailOnly = rows.filter((r) => Number(r.personId!.slice("person-".length)) % 6 === 2);
    expect(new Set(emailOnly.map((r) => r.platform))).toEqual(new Set(["EMAIL"]));
  }, 300_000);
});
