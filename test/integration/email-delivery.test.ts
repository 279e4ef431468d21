import { afterEach, beforeEach, expect, it } from "vitest";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { messageIdFor } from "../../src/platforms/email/message-id.js";
import type { MountedEmail } from "../../src/platforms/email/mount.js";
import { visibleText } from "../support/chat-text.js";
import { describeEachDatabase } from "../support/databases.js";
import { emailWorker, mountTestEmail } from "../support/email-channel.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";
import type { Database } from "../../src/db/database.js";

const OPEN = new Date("2026-10-01T07:00:00Z"); // Thu 1 Oct 09:00 CEST: the Q4 prompt goes out

let smtp: TestSmtpServer;
let email: MountedEmail | undefined;
beforeEach(async () => {
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await email?.stop();
  email = undefined;
  await smtp.close();
});

/** The demo network before Q4 opens, with nobody linked to a chat: everyone is reached by e-mail. */
async function quarterOpens(db: Database) {
  const demo = await seedDemo(db, new Date("2026-09-20T10:00:00Z"));
  await db.prisma.network.update({ where: { id: demo.networkId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
  await runDueCampaigns(db.prisma, OPEN, "test");
  return demo;
}

const promptsTo = (db: Database, address: string) =>
  db.prisma.outboxMessage.findMany({ where: { kind: "campaign.prompt", personId: { not: null }, payload: {} }, select: { idempotencyKey: true, personId: true, status: true, lastError: true, attempts: true } }).then(async (rows) => {
    const person = await db.prisma.person.findFirstOrThrow({ where: { email: address }, select: { id: true } });
    return rows.filter((r) => r.personId === person.id);
  });

describeEachDatabase("e-mail: the quarterly prompt over SMTP", (use) => {
  it("arrives once per contact as multipart text + HTML in their language, with From, Reply-To, List-Unsubscribe and a stable Message-ID", async () => {
    const db = use();
    await quarterOpens(db);
    // Renamed after the prompts were queued: the footer reads the name at send time.
    await db.prisma.network.updateMany({ data: { name: "99vanDemo <b>&</b>" } });
    email = mountTestEmail(db, smtp.url, () => OPEN);
    await emailWorker(db, email, () => OPEN).drain();

    const contacts = await db.prisma.person.findMany({ where: { reportingContact: true, email: { not: null } }, select: { email: true } });
    expect(contacts.length).toBeGreaterThan(3);
    const counts = smtp.countsByRecipient();
    for (const c of contacts) expect(counts.get(c.email!.toLowerCase()), c.email!).toBe(1);
    // Every message of the moment (the prompts, and Q3's summary to the coordinator) once, nothing more.
    expect(smtp.received).toHaveLength(await db.prisma.outboxMessage.count({ where: { status: "SENT" } }));
    expect(await db.prisma.outboxMessage.count({ where: { kind: "campaign.prompt", status: "SENT" } })).toBe(contacts.length);

    const mails = await smtp.parsed();
    const dutch = mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === demoEmails.bakeryHr)!;
    const english = mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === demoEmails.englishSpeaker)!;
    expect(dutch.from!.value[0]).toEqual({ name: "Netwerkbot 99vanDemo", address: "bot@netwerkbot.test" });
    // Replies reach the network's coordinator, not a mailbox nobody reads.
    expect(dutch.replyTo!.value.map((a) => a.address)).toEqual([demoEmails.coordinator]);
    const [row] = await promptsTo(db, demoEmails.bakeryHr);
    expect(dutch.messageId).toBe(messageIdFor(row!.idempotencyKey, "bot@netwerkbot.test"));
    expect(dutch.headerLines.find((h) => h.key === "list-unsubscribe")?.line).toBe("List-Unsubscribe: <mailto:bot@netwerkbot.test?subject=afmelden>");
    expect(dutch.headers.get("auto-submitted")).toBe("auto-generated");

    // Both parts, Dutch for Joost and English for Alex.
    expect(dutch.text).toContain("Beantwoord deze e-mail om je netwerkcoördinator te bereiken.");
    expect(dutch.html).toContain('<html lang="nl">');
    expect(english.text).toContain("Reply to this e-mail to reach your network coordinator.");
    expect(english.html).toContain('<html lang="en">');
    expect(english.headers.get("content-language")).toBe("en");
    // The network's name is user content: literal in the text part, escaped in the HTML part.
    expect(dutch.text).toContain("99vanDemo <b>&</b>");
    expect(dutch.html).toContain("99vanDemo &lt;b&gt;&amp;&lt;/b&gt;");
    expect(dutch.html).not.toContain("<b>&</b>");
    // The text part reads without the HTML: the subject is the message's summary, and it is there.
    expect(dutch.subject!.length).toBeGreaterThan(5);
    expect(dutch.text!).not.toMatch(/<(p|a|h1|html|table|div)[ >]/i);

    expect((await db.prisma.outboxMessage.findMany({ where: { kind: "campaign.prompt" }, select: { status: true } })).every((r) => r.status === "SENT")).toBe(true);
  });

  it("a permanent refusal (550) ends the message DEAD with the server's reason and marks the address for the coordinator", async () => {
    const db = use();
    const { actor } = await quarterOpens(db);
    smtp.refuse(demoEmails.logisticsHr, { code: 550, text: "5.1.1 Mailbox unknown" });
    email = mountTestEmail(db, smtp.url, () => OPEN);
    await emailWorker(db, email, () => OPEN).drain();

    const [row] = await promptsTo(db, demoEmails.logisticsHr);
    expect(row).toMatchObject({ status: "DEAD", attempts: 1 });
    expect(row!.lastError).toMatch(/^smtp 550: .*Mailbox unknown/);
    expect(smtp.countsByRecipient().get(demoEmails.logisticsHr)).toBeUndefined();
    const mo = await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails.logisticsHr }, select: { emailFailingSince: true, emailFailure: true } });
    expect(mo.emailFailingSince).toEqual(OPEN);
    expect(mo.emailFailure).toMatch(/Mailbox unknown/);

    // The coordinator sees both the dead message and the failing address; a member is refused.
    const ctx = chatContext(depsFor(db, OPEN), await actor("coordinator"), "WEB");
    const failures = visibleText((await handleText(ctx, "herinner mislukt")).map((e) => (e.type === "reply" ? e.message : { summary: "", blocks: [] }))[0]!);
    expect(failures).toContain("Mo Yilmaz");
    expect(failures).toContain("E-mailadressen die niet werken");
    expect(failures).toContain(`Mo Yilmaz <${demoEmails.logisticsHr}>`);
    const card = (await handleText(ctx, `persoon ${demoEmails.logisticsHr}`))[0]!;
    expect(card.type === "reply" && visibleText(card.message)).toContain("E-mailadres werkt niet");
  });

  it("a transient refusal (451) is retried with backoff and then delivered once", async () => {
    const db = use();
    await quarterOpens(db);
    smtp.refuse(demoEmails.careBuyer, { code: 451, text: "4.7.1 Greylisted, try again later", times: 1 });
    let now = OPEN;
    email = mountTestEmail(db, smtp.url, () => now);
    const worker = emailWorker(db, email, () => now);
    await worker.drain();
    const [first] = await promptsTo(db, demoEmails.careBuyer);
    expect(first).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(first!.lastError).toMatch(/^smtp 451: .*Greylisted/);
    const next = await db.prisma.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: first!.idempotencyKey }, select: { nextAttemptAt: true } });
    expect(next.nextAttemptAt.getTime()).toBeGreaterThan(OPEN.getTime()); // not at once: backoff

    now = new Date(OPEN.getTime() + 3_600_000);
    await worker.drain();
    const [second] = await promptsTo(db, demoEmails.careBuyer);
    expect(second).toMatchObject({ status: "SENT", attempts: 2 });
    expect(smtp.countsByRecipient().get(demoEmails.careBuyer)).toBe(1);
    const fleur = await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails.careBuyer }, select: { emailFailingSince: true } });
    expect(fleur.emailFailingSince).toBeNull(); // a 4xx says nothing about the address
  });
});
