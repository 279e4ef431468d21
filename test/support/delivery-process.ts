import express from "express";
import { loadConfig } from "../../src/config.js";
import { systemClock } from "../../src/core/deps.js";
import { openDatabase } from "../../src/db/database.js";
import { createLogger } from "../../src/logger.js";
import { createSlackSender } from "../../src/platforms/slack/sender.js";
import { mountEmail } from "../../src/platforms/email/mount.js";
import { personalLinkExtras } from "../../src/platforms/email/personal-links.js";
import { mountTeams } from "../../src/platforms/teams/mount.js";
import { startBackgroundWork } from "../../src/scheduler/background.js";

// One instance's delivery side, as src/app.ts composes it (scheduler, outbox worker, the real
// Slack sender, the real botbuilder Teams sender and, with SMTP_URL and MAIL_FROM, the real
// nodemailer e-mail senders with personal links), in a process of its own so that a test can
// kill it. Teams runs anonymously: main.ts mounts Teams only with an app id, whose proactive sends
// need tokens from login.microsoftonline.com, out of reach here. The HTTP front is left out.
const config = loadConfig({ ...process.env, SCHEDULER: "on", DEMO: "off" });
const logger = createLogger(config.env.LOG_LEVEL, false);
const db = await openDatabase(config.database, { onConnectionError: (error) => logger.warn({ err: error }, "PostgreSQL-verbinding verbroken") });
const deps = { db: db.prisma, cache: db.cache, now: systemClock };
const teams = mountTeams(express(), { env: config.env, demoMode: false, deps, logger, baseUrl: () => "http://localhost" });
const slack = createSlackSender({ apiUrl: process.env.SLACK_API_URL, tokenForTeam: async () => "xoxb-delivery-test" });
const email = mountEmail(config.env, deps, { extras: personalLinkExtras(deps, config.env.PUBLIC_URL) });
const background = startBackgroundWork({ config, db: db.prisma, now: systemClock, logger, senders: [slack, teams.sender, email?.sender], unlinkedByEmail: email?.unlinkedSender });
logger.info("Netwerkbot draait (bezorging)");

process.once("SIGTERM", () => {
  void background
    .stop()
    .then(() => email?.stop())
    .then(() => db.close())
    .finally(() => process.exit(0));
});
