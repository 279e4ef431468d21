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
import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { cancelEvent, respondToEvent, updateEvent } from "../../src/core/events/index.js";
import { verifyLink } from "../../src/core/links/index.js";
import { startTestApp } from "../support/test-app.js";

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

const PUBLIC_URL = "https://netwerk.example.test";
const LINK = /https:\/\/netwerk\.example\.test\/link\/([A-Za-z0-9_-]{43})(?:\?antwoord=(ja|misschien|nee))?/g;
const mailTo = (mails: ParsedMail[], address: string) => mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === address);
const linksIn = (text: string) => [...text.matchAll(LINK)].map((m) => ({ url: m[0], token: m[1]!, answer: m[2] }));

// A URI scheme is case-insensitive (RFC 3986): the ics library writes MAILTO for the organizer.
function calendarOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent("vevent")!;
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: event.getFirstPropertyValue("sequence"),
    organizer: String(event.getFirstPropertyValue("organizer")).replace(/^mailto:/i, "mailto:"),
  };
}

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

  it("the prompt carries the person's own report link, as a button and written out, which opens the form for their employer and quarter", async () => {
    const db = use();
    await quarterOpens(db);
    email = mountTestEmail(db, smtp.url, () => OPEN, { PUBLIC_URL });
    await emailWorker(db, email, () => OPEN).drain();

    const [mail] = mailTo(await smtp.parsed(), demoEmails.bakeryHr);
    const inText = linksIn(mail!.text!);
    expect(inText).toHaveLength(1);
    expect(mail!.html).toContain(`href="${inText[0]!.url}"`);
    // The button works by e-mail now: no "buttons only work in chat" footer.
    expect(mail!.text).not.toContain("werken in Slack en Teams");
    const joost = await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails.bakeryHr }, select: { id: true, employerId: true } });
    const link = await verifyLink(depsFor(db, OPEN), inText[0]!.token);
    if (!link.ok) throw new Error(JSON.stringify(link.error));
    expect(link.value).toMatchObject({ purpose: "REPORT", personId: joost.id, employerId: joost.employerId });
    const period = await db.prisma.reportingPeriod.findUniqueOrThrow({ where: { id: link.value.periodId! }, select: { year: true, quarter: true } });
    expect(period).toEqual({ year: 2026, quarter: 4 });
    // Every contact's mail has a different link of their own; one link per message.
    const tokens = (await smtp.parsed()).filter((m) => m.subject?.includes("Q4")).flatMap((m) => linksIn(m.text!).map((l) => l.token));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(await db.prisma.personalLink.count({ where: { purpose: "REPORT", personId: joost.id } })).toBe(1);
  });

  it("in the running app (demo mode: links to this server) the prompt's link opens the form and a POST of it stores the report", async () => {
    const db = use();
    await quarterOpens(db);
    const app = await startTestApp(db, { SMTP_URL: smtp.url, MAIL_FROM: "Netwerkbot 99vanDemo <bot@netwerkbot.test>" }, { now: () => OPEN });
    try {
      await emailWorker(db, app.email!, () => OPEN).drain();
      const [mail] = mailTo(await smtp.parsed(), demoEmails.bakeryHr);
      const url = mail!.text!.match(new RegExp(`${app.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/link/[A-Za-z0-9_-]{43}`))?.[0];
      expect(url, "a link to the running server").toBeDefined();
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Bakkerij");
      const sent = await fetch(url!, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url },
        body: new URLSearchParams({ send: "0", realised: "3", ambition: "5", remark: "" }),
      });
      expect(sent.status).toBe(200);
      const joost = await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails.bakeryHr }, select: { id: true, employerId: true } });
      const report = await db.prisma.placementReport.findFirstOrThrow({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } }, select: { realised: true, submittedById: true } });
      expect(report).toEqual({ realised: 3, submittedById: joost.id });
    } finally {
      await app.close();
    }
    // The app's start is slow on a loaded machine.
  }, 120_000);

  it("a transient refusal (451) is retried with backoff and then delivered once, with one working link", async () => {
    const db = use();
    await quarterOpens(db);
    smtp.refuse(demoEmails.careBuyer, { code: 451, text: "4.7.1 Greylisted, try again later", times: 1 });
    let now = OPEN;
    email = mountTestEmail(db, smtp.url, () => now, { PUBLIC_URL });
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
    // The retry carried the refused attempt's link instead of a new one: one report link, and it works.
    const fleurId = (await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails.careBuyer }, select: { id: true } })).id;
    expect(await db.prisma.personalLink.count({ where: { personId: fleurId, purpose: "REPORT" } })).toBe(1);
    const [mail] = mailTo(await smtp.parsed(), demoEmails.careBuyer);
    const [link] = linksIn(mail!.text!);
    expect(await verifyLink(depsFor(db, now), link!.token)).toMatchObject({ ok: true, value: { personId: fleurId, purpose: "REPORT" } });
  });
});

describeEachDatabase("e-mail: event notices with Ja / Misschien / Nee and an iTIP invitation", (use) => {
  const NOW = new Date("2026-10-01T08:00:00Z");

  it("a change mails the three answer links and METHOD:REQUEST with the raised SEQUENCE; a cancellation mails METHOD:CANCEL without links", async () => {
    const db = use();
    const { actor } = await seedDemo(db, NOW);
    const deps = depsFor(db, NOW);
    const joost = await actor("bakeryHr");
    const sanne = await actor("coordinator");
    expect(await respondToEvent(deps, joost, { number: 1, response: "ja" })).toMatchObject({ ok: true });
    expect(await updateEvent(deps, sanne, { number: 1, location: "Stadhuis Enschede" })).toMatchObject({ ok: true });
    const event = await db.prisma.event.findFirstOrThrow({ where: { number: 1 }, select: { id: true, revision: true } });
    email = mountTestEmail(db, smtp.url, () => NOW, { PUBLIC_URL });
    const worker = emailWorker(db, email, () => NOW);
    // The outbox stamps a notice with the database's clock; this test's clock stands still before it.
    const due = () => db.prisma.outboxMessage.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: NOW } });
    await due();
    await worker.drain();

    const [changed] = mailTo(await smtp.parsed(), demoEmails.bakeryHr);
    expect(changed, "the change notice reached Joost by e-mail").toBeDefined();
    const links = linksIn(changed!.text!);
    expect(links.map((l) => l.answer)).toEqual(["ja", "misschien", "nee"]);
    expect(new Set(links.map((l) => l.token)).size).toBe(1);
    for (const l of links) expect(changed!.html).toContain(`href="${l.url}"`);
    expect(await verifyLink(deps, links[0]!.token)).toMatchObject({ ok: true, value: { purpose: "RSVP", personId: joost.personId, eventId: event.id } });
    const request = changed!.attachments.find((a) => a.filename === "uitnodiging.ics");
    expect(request, "the .ics is attached").toBeDefined();
    expect(request!.contentType).toBe("text/calendar");
    const raw = smtp.received.find((m) => m.to.includes(demoEmails.bakeryHr))!.raw.toString();
    expect(raw).toMatch(/Content-Type: text\/calendar; (charset=utf-8; )?method=REQUEST/i);
    expect(calendarOf(request!.content.toString())).toEqual({ method: "REQUEST", uid: `event-${event.id}@netwerkbot`, sequence: event.revision, organizer: `mailto:${demoEmails.coordinator}` });

    expect(await cancelEvent(deps, sanne, { number: 1 })).toMatchObject({ ok: true });
    await due();
    await worker.drain();
    const mails = mailTo(await smtp.parsed(), demoEmails.bakeryHr);
    expect(mails).toHaveLength(2);
    const cancelled = mails[1]!;
    expect(linksIn(cancelled.text!)).toEqual([]);
    const cancel = cancelled.attachments.find((a) => a.filename === "afzegging.ics");
    expect(cancel, "the cancellation is attached").toBeDefined();
    expect(calendarOf(cancel!.content.toString())).toMatchObject({ method: "CANCEL", uid: `event-${event.id}@netwerkbot`, sequence: event.revision + 1 });
  });

  it("event <nr> gast <e-mail>: the guest gets one invitation e-mail through the outbox, with their own answer links and the .ics", async () => {
    const db = use();
    const { actor } = await seedDemo(db, NOW);
    const ctx = chatContext(depsFor(db, NOW), await actor("coordinator"), "WEB");
    await handleText(ctx, "event 1 gast wsp@werkgeversservicepunt.example");
    // Inviting the same address again stores nothing new and queues nothing new.
    await handleText(ctx, "event 1 gast wsp@werkgeversservicepunt.example");
    const guest = await db.prisma.eventGuest.findFirstOrThrow({ where: { email: "wsp@werkgeversservicepunt.example" }, select: { id: true, eventId: true } });
    expect(await db.prisma.outboxMessage.count({ where: { kind: "event.guestInvited" } })).toBe(1);
    email = mountTestEmail(db, smtp.url, () => NOW, { PUBLIC_URL });
    await db.prisma.outboxMessage.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: NOW } });
    await emailWorker(db, email, () => NOW).drain();

    const mails = mailTo(await smtp.parsed(), "wsp@werkgeversservicepunt.example");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Je bent uitgenodigd voor");
    const links = linksIn(mails[0]!.text!);
    expect(links.map((l) => l.answer)).toEqual(["ja", "misschien", "nee"]);
    expect(await verifyLink(depsFor(db, NOW), links[0]!.token)).toMatchObject({ ok: true, value: { purpose: "RSVP", guestId: guest.id, personId: null, eventId: guest.eventId } });
    const ics = mails[0]!.attachments.find((a) => a.filename === "uitnodiging.ics");
    expect(calendarOf(ics!.content.toString())).toMatchObject({ method: "REQUEST", uid: `event-${guest.eventId}@netwerkbot`, organizer: `mailto:${demoEmails.coordinator}` });
    expect(ics!.content.toString()).toMatch(/ATTENDEE[^\n]*mailto:wsp@werkgeversservicepunt\.example/i);
  });
});
