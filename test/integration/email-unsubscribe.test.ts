import type { ParsedMail } from "mailparser";
import { afterEach, beforeEach, expect, it } from "vitest";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { unsubscribeByLink } from "../../src/core/links/index.js";
import { linkTokenHash } from "../../src/core/links/tokens.js";
import { enqueueNotifications } from "../../src/core/outbox/enqueue.js";
import type { Database } from "../../src/db/database.js";
import { Prisma } from "../../src/generated/prisma/client.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import type { MountedEmail } from "../../src/platforms/email/mount.js";
import { describeEachDatabase } from "../support/databases.js";
import { emailWorker, MAIL_FROM, mountTestEmail } from "../support/email-channel.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.js";
import { startTestApp } from "../support/test-app.js";

const OPEN = new Date("2026-10-01T07:00:00Z"); // Thu 1 Oct 09:00 CEST: the Q4 prompt goes out
const PUBLIC_URL = "https://netwerk.example.test";

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

/** The demo network as Q4 opens, nobody linked to a chat: everyone is reached by e-mail. */
async function quarterOpens(db: Database) {
  const demo = await seedDemo(db, new Date("2026-09-20T10:00:00Z"));
  await db.prisma.network.update({ where: { id: demo.networkId }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
  await runDueCampaigns(db.prisma, OPEN, "test");
  return demo;
}

const mailTo = (mails: ParsedMail[], address: string) => mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === address);
// A long header is folded over lines (RFC 5322 §2.2.3): read unfolded.
const header = (mail: ParsedMail, key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n[ \t]+/g, " ").replace(/: +/, ": ");
const personId = async (db: Database, address: string) => (await db.prisma.person.findFirstOrThrow({ where: { email: address }, select: { id: true } })).id;
const optOut = async (db: Database, address: string) => (await db.prisma.person.findFirstOrThrow({ where: { email: address }, select: { campaignMailOffAt: true } })).campaignMailOffAt;

describeEachDatabase("e-mail: one-click unsubscribe (RFC 8058)", (use) => {
  it("a prompt carries List-Unsubscribe with the https link and List-Unsubscribe-Post; the provider's POST turns campaign mail off, the page asks first", async () => {
    const db = use();
    await quarterOpens(db);
    const app = await startTestApp(db, { SMTP_URL: smtp.url, MAIL_FROM }, { now: () => OPEN });
    try {
      await emailWorker(db, app.email!, () => OPEN).drain();
      const [mail] = mailTo(await smtp.parsed(), demoEmails.bakeryHr);
      const escaped = app.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      // The link first (RFC 8058 needs an http(s) URI), the mailbox as the fallback for other clients.
      const list = header(mail!, "list-unsubscribe")!;
      const match = list.match(new RegExp(`^List-Unsubscribe: <(${escaped}/afmelden/([A-Za-z0-9_-]{43}))>, <mailto:bot@netwerkbot\\.test\\?subject=afmelden>$`));
      expect(match, list).not.toBeNull();
      const [, url, token] = match!;
      expect(header(mail!, "list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      // Stored as a hash only, and the outbox row keeps no raw token once the mail is sent.
      expect(await db.prisma.personalLink.findUnique({ where: { tokenHash: token! } })).toBeNull();
      expect(await db.prisma.personalLink.findUniqueOrThrow({ where: { tokenHash: linkTokenHash(token!) }, select: { purpose: true, personId: true } })).toEqual({
        purpose: "UNSUBSCRIBE",
        personId: await personId(db, demoEmails.bakeryHr),
      });
      expect(await db.prisma.outboxMessage.count({ where: { status: "SENT", mailLinks: { not: Prisma.DbNull } } })).toBe(0);

      // Opening the link (a mail scanner does) changes nothing; the page asks with a button.
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Geen uitvragen meer per e-mail");
      expect(html).toContain(`Het gaat om dit e-mailadres: ${demoEmails.bakeryHr}`);
      expect(html).toMatch(/<form method="post"[^>]*>\s*<input type="hidden" name="List-Unsubscribe" value="One-Click">\s*<button type="submit" class="primary">Afmelden<\/button>/);
      expect(await optOut(db, demoEmails.bakeryHr)).toBeNull();

      // The provider's one-click POST: from its own servers, no Origin, no cookie.
      const oneClick = () => fetch(url!, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
      const posted = await oneClick();
      expect(posted.status).toBe(200);
      expect(await posted.text()).toContain("U bent afgemeld.");
      expect(await optOut(db, demoEmails.bakeryHr)).toEqual(OPEN);
      // Posted again (providers may): the same answer, nothing else changes.
      expect((await oneClick()).status).toBe(200);
      expect(await optOut(db, demoEmails.bakeryHr)).toEqual(OPEN);
      expect(await (await fetch(url!)).text()).toContain("U bent al afgemeld.");

      // A changed token turns nothing off.
      const tampered = `${app.url}/afmelden/${token!.slice(0, -1)}${token!.endsWith("A") ? "B" : "A"}`;
      const refused = await fetch(tampered, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
      expect(refused.status).toBe(404);
      expect(await refused.text()).toContain("Deze link klopt niet.");
      expect(await optOut(db, demoEmails.bakeryDirector)).toBeNull();
      // An unsubscribe token opens no report form, a report token unsubscribes no one.
      expect((await fetch(`${app.url}/link/${token}`)).status).toBe(404);
    } finally {
      await app.close();
    }
    // The app's start is slow on a loaded machine.
  }, 120_000);

  it("after unsubscribing no campaign mail goes to the person (colleagues still get theirs, mail that is no campaign mail still comes); kanaal e-mail turns it back on", async () => {
    const db = use();
    const { actor } = await quarterOpens(db);
    email = mountTestEmail(db, smtp.url, () => OPEN, { PUBLIC_URL });
    const worker = emailWorker(db, email, () => OPEN);
    await worker.drain();
    const joost = await personId(db, demoEmails.bakeryHr);
    const els = await personId(db, demoEmails.bakeryDirector);
    const [mail] = mailTo(await smtp.parsed(), demoEmails.bakeryHr);
    const url = header(mail!, "list-unsubscribe")!.match(/<(https:\/\/netwerk\.example\.test\/afmelden\/[A-Za-z0-9_-]{43})>/)![1]!;
    expect(await unsubscribeByLink(depsFor(db, OPEN), url.split("/").pop())).toMatchObject({ ok: true, value: { off: true } });

    const prompt = await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId: joost, kind: "campaign.prompt" }, select: { payload: true } });
    const again = (who: string, key: string) => ({ kind: "campaign.prompt", personId: who, idempotencyKey: key, data: prompt.payload as Record<string, string>, notBefore: OPEN });
    await enqueueNotifications(db.prisma, [again(joost, "test:again:joost"), again(els, "test:again:els")]);
    const before = smtp.received.length;
    await worker.drain();
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "test:again:joost" }, select: { status: true, lastError: true } })).toEqual({
      status: "CANCELLED",
      lastError: "unsubscribed from campaign e-mail",
    });
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "test:again:els" }, select: { status: true } })).toEqual({ status: "SENT" });
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([[demoEmails.bakeryDirector]]);

    // Not campaign mail (here: the notice that a request to join was accepted): still comes by e-mail.
    await enqueueNotifications(db.prisma, [{ kind: "join.accepted", personId: joost, idempotencyKey: "test:notice:joost", data: { networkName: "99vanDemo" }, notBefore: OPEN }]);
    await worker.drain();
    expect(smtp.received.at(-1)!.to).toEqual([demoEmails.bakeryHr]);

    const said = await handleText(chatContext(depsFor(db, OPEN), await actor("bakeryHr"), "WEB"), "kanaal e-mail");
    expect(said.length).toBeGreaterThan(0);
    expect(await optOut(db, demoEmails.bakeryHr)).toBeNull();
    await enqueueNotifications(db.prisma, [again(joost, "test:third:joost")]);
    await worker.drain();
    expect(smtp.received.at(-1)!.to).toEqual([demoEmails.bakeryHr]);
  });
});

describeEachDatabase("e-mail: people with no chat link", (use) => {
  it("are recorded as EMAIL rows, and a retry of the same row carries the links of its first attempt instead of new ones", async () => {
    const db = use();
    await quarterOpens(db);
    smtp.refuse(demoEmails.careBuyer, { code: 451, text: "4.7.1 Greylisted, try again later", times: 1 });
    let now = OPEN;
    email = mountTestEmail(db, smtp.url, () => now, { PUBLIC_URL });
    const worker = emailWorker(db, email, () => now);
    await worker.drain();

    const fleur = await personId(db, demoEmails.careBuyer);
    const first = await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId: fleur, kind: "campaign.prompt" }, select: { id: true, platform: true, status: true, mailLinks: true } });
    // Queued for an unlinked person; once the e-mail channel took it, it is an e-mail row.
    expect(first).toMatchObject({ platform: "EMAIL", status: "PENDING" });
    const tokens = first.mailLinks as { report: string; unsubscribe: string };
    expect(Object.keys(tokens).sort()).toEqual(["report", "unsubscribe"]);
    const sent = await db.prisma.outboxMessage.findMany({ where: { kind: "campaign.prompt", status: "SENT" }, select: { platform: true } });
    expect(sent.length).toBeGreaterThan(3);
    expect(new Set(sent.map((r) => r.platform))).toEqual(new Set(["EMAIL"]));

    now = new Date(OPEN.getTime() + 3_600_000);
    await worker.drain();
    const [mail] = mailTo(await smtp.parsed(), demoEmails.careBuyer);
    expect(mail!.text).toContain(`${PUBLIC_URL}/link/${tokens.report}`);
    expect(header(mail!, "list-unsubscribe")).toContain(`${PUBLIC_URL}/afmelden/${tokens.unsubscribe}`);
    // One link of each, and the row's raw tokens gone now that it is sent.
    expect(await db.prisma.personalLink.groupBy({ by: ["purpose"], where: { personId: fleur }, _count: true, orderBy: { purpose: "asc" } })).toEqual([
      { purpose: "REPORT", _count: 1 },
      { purpose: "UNSUBSCRIBE", _count: 1 },
    ]);
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: first.id }, select: { status: true, platform: true, mailLinks: true } })).toEqual({
      status: "SENT",
      platform: "EMAIL",
      mailLinks: null,
    });
  });

  it("a message refused for good withdraws its links and the row is a DEAD e-mail row", async () => {
    const db = use();
    await quarterOpens(db);
    smtp.refuse(demoEmails.logisticsHr, { code: 550, text: "5.1.1 Mailbox unknown" });
    email = mountTestEmail(db, smtp.url, () => OPEN, { PUBLIC_URL });
    await emailWorker(db, email, () => OPEN).drain();
    const mo = await personId(db, demoEmails.logisticsHr);
    expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { personId: mo, kind: "campaign.prompt" }, select: { platform: true, status: true, mailLinks: true } })).toEqual({
      platform: "EMAIL",
      status: "DEAD",
      mailLinks: null,
    });
    expect(await db.prisma.personalLink.count({ where: { personId: mo } })).toBe(0);
  });
});
