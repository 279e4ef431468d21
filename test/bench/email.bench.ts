import { fork } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { renderNotification } from "../../src/chat/notifications.js";
import { loadConfig, mailboxAddress } from "../../src/config.js";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { messageIdFor } from "../../src/platforms/email/message-id.js";
import { mountEmail, SMTP_POOL } from "../../src/platforms/email/mount.js";
import { personalLinkExtras } from "../../src/platforms/email/personal-links.js";
import { renderEmail } from "../../src/platforms/email/render.js";
import { translator } from "../../src/i18n/index.js";
import { createTestDatabase } from "../support/databases.js";
import { depsFor } from "../support/fixtures.js";
import { seedFanoutNetwork } from "../e2e/multi-instance-fleet.js";

// Fan-out of one campaign moment to 10,000 e-mail-only contacts through the outbox (claim, campaign
// rules, render, personal report and unsubscribe links, the nodemailer pool, SENT records) to a
// local SMTP server, at the configured e-mail rate. The floor is measured in the same run:
// nodemailer sending the same number of mails (the same prompt, rendered once) directly over the
// same pool settings at the same rate. Target ≤ 1.10× the floor, 0 duplicates, 0 missing.
const RECIPIENTS = Number(process.env.EMAIL_BENCH_RECIPIENTS ?? 10_000);
const RATE = Number(process.env.EMAIL_BENCH_RATE ?? 200);
const TARGET = 1.1;
const MAIL_FROM = "Netwerkbot <bot@netwerkbot.test>";
const address = (i: number) => `c${i}@fanout.example`;

export async function run(): Promise<void> {
  const handle = await createTestDatabase("postgres");
  const smtp = await smtpInChildProcess();
  try {
    await seedFanoutNetwork(handle.db, RECIPIENTS);
    const db = handle.db.prisma;
    // E-mail-only contacts: no chat link, an address on file.
    await db.platformIdentity.deleteMany({});

    const floorMs = await directFloor(smtp.url);
    const floorCounts = await smtp.report(true);
    const floorMissing = RECIPIENTS - floorCounts.recipients;
    console.log(`floor (nodemailer direct, same pool, same rate): ${(floorMs / 1000).toFixed(1)} s for ${RECIPIENTS} mails (${floorMissing} missing); rate alone ${(RECIPIENTS / RATE).toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)}`);

    const env = loadConfig({ NODE_ENV: "test", SMTP_URL: smtp.url, MAIL_FROM, PUBLIC_URL: "https://netwerk.example.test", OUTBOX_RATE_EMAIL: String(RATE) }).env;
    const deps = depsFor(handle.db);
    const email = mountEmail(env, deps, { extras: personalLinkExtras(deps, env.PUBLIC_URL) })!;
    // As startBackgroundWork composes it, with the fan-out bench's batch settings.
    const worker = new OutboxWorker({ db, now: () => new Date(), senders: [email.unlinkedSender, email.sender], ratePerSecond: { EMAIL: RATE }, batchSize: 200, concurrency: 32, idleMs: 50 });
    const started = performance.now();
    const opened = (await runDueCampaigns(db, new Date(), "bench")).find((r) => r.job.endsWith(":open"));
    const enqueuedMs = performance.now() - started;
    worker.start();
    while ((await db.outboxMessage.count({ where: { status: "SENT" } })) < RECIPIENTS) {
      if ((await db.outboxMessage.count({ where: { status: "DEAD" } })) > 0) throw new Error("a message went DEAD");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const totalMs = performance.now() - started;
    await worker.stop();
    await email.stop();

    const counts = await smtp.report(false);
    const missing = RECIPIENTS - counts.recipients;
    const rows = await db.outboxMessage.findMany({ select: { idempotencyKey: true } });
    const expectedIds = new Set(rows.map((r) => messageIdFor(r.idempotencyKey, mailboxAddress(MAIL_FROM))));
    const foreignIds = counts.messageIds.filter((id) => !expectedIds.has(id)).length;
    const ratio = totalMs / floorMs;
    console.log(`moment: ${opened?.job ?? "none"} (${opened?.messages ?? 0} enqueued in ${Math.round(enqueuedMs)} ms); rate ${RATE}/s, pool ${SMTP_POOL.maxConnections} connections`);
    console.log(`outbox: ${(totalMs / 1000).toFixed(1)} s = ${ratio.toFixed(3)}× the floor; mails ${counts.mails}, duplicates ${counts.mails - counts.recipients}, missing ${missing}, Message-IDs not of an outbox row ${foreignIds}`);
    console.log(`delivery alone ${((totalMs - enqueuedMs) / 1000).toFixed(1)} s = ${((totalMs - enqueuedMs) / floorMs).toFixed(3)}× the floor; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
    const ok = ratio <= TARGET && counts.mails === RECIPIENTS && missing === 0 && foreignIds === 0;
    console.log(ok ? `OK (target ≤ ${TARGET}×, none doubled or missing)` : `MISSED TARGET (≤ ${TARGET}×, zero duplicates and missing)`);
  } finally {
    await smtp.close();
    await handle.drop();
  }
}

/** nodemailer alone: the same prompt to every address over a pool like the channel's, paced at RATE. */
async function directFloor(url: string): Promise<number> {
  const transport = nodemailer.createTransport({ url, ...SMTP_POOL });
  const message = renderNotification("campaign.prompt", "nl", {
    networkName: "Fan-out",
    label: "Q4 2026",
    employerName: "Werkgever 1",
    closesAt: "2027-01-01T00:00:00.000Z",
    timeZone: "Europe/Amsterdam",
  });
  const rendered = renderEmail(message, { locale: "nl", t: translator("nl"), networkName: "Fan-out", campaign: true });
  const started = performance.now();
  const sends: Array<Promise<unknown>> = [];
  for (let i = 0; i < RECIPIENTS; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(
      transport.sendMail({
        from: MAIL_FROM,
        to: address(i),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: messageIdFor(`floor:${i}`, "bot@netwerkbot.test"),
        headers: { "Auto-Submitted": "auto-generated" },
        list: { unsubscribe: ["https://netwerk.example.test/afmelden/floor", "mailto:bot@netwerkbot.test?subject=afmelden"] },
      }),
    );
  }
  await Promise.all(sends);
  const elapsed = performance.now() - started;
  transport.close();
  return elapsed;
}

interface SmtpReport {
  mails: number;
  recipients: number;
  messageIds: string[];
}

/** The mail server runs in its own process, as a relay would, so it does not share the worker's event loop. */
async function smtpInChildProcess() {
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, EMAIL_BENCH_SMTP_CHILD: "1" }, execArgv: ["--import", "tsx"] });
  const url = await new Promise<string>((resolve) => child.once("message", (m) => resolve((m as { url: string }).url)));
  return {
    url,
    /** What arrived since the last report; `reset` forgets it after reporting. */
    report: (reset: boolean) =>
      new Promise<SmtpReport>((resolve) => {
        child.once("message", (m) => resolve(m as SmtpReport));
        child.send({ reset });
      }),
    close: async () => {
      child.kill("SIGTERM");
    },
  };
}

// Counts per envelope recipient and the Message-ID header; the bodies are not kept (10,000 mails).
async function serveSmtp() {
  let perRecipient = new Map<string, number>();
  let messageIds: string[] = [];
  let mails = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let head = "";
      stream.on("data", (chunk: Buffer) => {
        if (head.length < 8_192) head += chunk.toString("latin1");
      });
      stream.on("end", () => {
        mails++;
        for (const to of session.envelope.rcptTo) perRecipient.set(to.address, (perRecipient.get(to.address) ?? 0) + 1);
        const id = head.match(/^Message-ID:\s*(<[^>]+>)/im)?.[1];
        if (id) messageIds.push(id);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  process.send!({ url: `smtp://127.0.0.1:${port}` });
  process.on("message", (m: { reset: boolean }) => {
    process.send!({ mails, recipients: perRecipient.size, messageIds } satisfies SmtpReport);
    if (m.reset) {
      perRecipient = new Map();
      messageIds = [];
      mails = 0;
    }
  });
}

if (process.env.EMAIL_BENCH_SMTP_CHILD === "1") void serveSmtp();
