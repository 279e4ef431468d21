import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/database.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import type { OutboxSender } from "../../src/delivery/sender.js";
import { mountEmail, type MountedEmail } from "../../src/platforms/email/mount.js";
import { personalLinkExtras } from "../../src/platforms/email/personal-links.js";
import { depsFor } from "./fixtures.js";

export const MAIL_FROM = "Netwerkbot 99vanDemo <bot@netwerkbot.test>";

/** The e-mail channel as startApp mounts it (nodemailer pool, core recipients) against a test SMTP server. */
export function mountTestEmail(db: Database, smtpUrl: string, now: () => Date, env: Record<string, string> = {}): MountedEmail {
  const config = loadConfig({ NODE_ENV: "test", SMTP_URL: smtpUrl, MAIL_FROM, ...env });
  const deps = { ...depsFor(db), now };
  const email = mountEmail(config.env, deps, { extras: personalLinkExtras(deps, config.env.PUBLIC_URL) });
  if (!email) throw new Error("e-mail not mounted");
  return email;
}

/** An outbox worker with the e-mail senders (EMAIL rows and unlinked people) and any others. */
export function emailWorker(db: Database, email: MountedEmail, now: () => Date, others: OutboxSender[] = []): OutboxWorker {
  return new OutboxWorker({
    db: db.prisma,
    now,
    senders: [email.unlinkedSender, email.sender, ...others],
    ratePerSecond: { WEB: 10_000, EMAIL: 10_000, SLACK: 10_000, TEAMS: 10_000 },
  });
}
