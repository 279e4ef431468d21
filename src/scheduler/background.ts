import { hostname } from "node:os";
import type { Config } from "../config.js";
import type { Db } from "../db/database.js";
import type { OutboxSender } from "../delivery/sender.js";
import { webSender } from "../delivery/web-inbox.js";
import { OutboxWorker } from "../delivery/worker.js";
import type { Logger } from "../logger.js";
import { startScheduler } from "./scheduler.js";

export interface BackgroundWork {
  worker: OutboxWorker;
  stop(): Promise<void>;
}

/**
 * The scheduler (node-cron ticks) and the outbox worker of one instance. Started from
 * startApp; any number of instances may run them against one PostgreSQL.
 */
export function startBackgroundWork(options: {
  config: Config;
  db: Db;
  now: () => Date;
  logger: Logger;
  senders: Array<OutboxSender | undefined>;
  /** Delivers to people without a chat identity outside demo mode (Slack's lookup by address). */
  unlinked?: OutboxSender;
  /** With e-mail set up: people without a chat identity get e-mail (also in demo mode), before any Slack lookup. */
  unlinkedByEmail?: OutboxSender;
}): BackgroundWork {
  const { config, db, now, logger } = options;
  const env = config.env;
  const instanceId = env.INSTANCE_ID ?? `${hostname()}:${process.pid}`;
  // The playground's inbox is read only in demo mode; elsewhere it would swallow the message.
  // E-mail first: a Slack lookup (Tier 3, ~50 a minute) for every unlinked person would hold a
  // campaign to Slack's pace, and the person is linked on their first chat message anyway.
  const unlinked = options.unlinkedByEmail ?? (config.demoMode ? undefined : options.unlinked);
  const senders = [unlinked ?? webSender, ...options.senders.filter((s): s is OutboxSender => s !== undefined)];
  const worker = new OutboxWorker({
    db,
    now,
    logger,
    senders,
    workerId: instanceId,
    leaseMs: env.OUTBOX_LEASE_SECONDS * 1_000,
    // Rows without a chat identity go by e-mail or through Slack, at that channel's pace.
    ratePerSecond: {
      SLACK: env.OUTBOX_RATE_SLACK,
      TEAMS: env.OUTBOX_RATE_TEAMS,
      EMAIL: env.OUTBOX_RATE_EMAIL,
      // (By e-mail they share OUTBOX_RATE_EMAIL with the EMAIL rows: the sender deliversAs EMAIL.)
      ...(unlinked && !options.unlinkedByEmail ? { WEB: env.OUTBOX_RATE_SLACK } : {}),
    },
  });
  const enabled = env.SCHEDULER === "on" || (env.SCHEDULER === "auto" && env.NODE_ENV !== "test");
  const scheduler = enabled
    ? startScheduler({ db, now, logger, instanceId, eventReminderLeadMs: env.EVENT_REMINDER_HOURS * 3_600_000 })
    : undefined;
  if (enabled) {
    worker.start();
    // A moment missed while no instance ran is caught up now rather than at the next minute.
    scheduler?.catchUp().catch((error: unknown) => logger.error({ err: error }, "Planner: inhalen mislukt"));
  }
  return {
    worker,
    async stop() {
      await scheduler?.stop();
      await worker.stop();
    },
  };
}
