import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { renderNotification } from "../chat/notifications.js";
import { campaignDecisions, type DeliveryDecision } from "../core/campaigns/delivery-check.js";
import type { Db } from "../db/database.js";
import { Prisma } from "../generated/prisma/client.js";
import { isLocale, type Locale } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import { messagesFailed } from "../observability/metrics.js";
import { beginSend, claimDue, renewLeases, type ClaimedRow } from "./claim.js";
import { RateLimiter } from "./rate-limit.js";
import { SharedRateLimiter, type SendRateLimiter } from "./shared-rate-limit.js";
import { retryDelayMs } from "./retry.js";
import { SentRecorder } from "./sent-recorder.js";
import { endSend } from "./send-guard.js";
import type { OutboxSender, SendResult } from "./sender.js";

export interface WorkerOptions {
  db: Db;
  now: () => Date;
  senders: OutboxSender[];
  logger?: Logger;
  workerId?: string;
  /**
   * Messages per second per platform, for all instances on the database together (Slack: ~1/s
   * per channel, a workspace cap). The web inbox is not limited across instances.
   */
  ratePerSecond?: Partial<Record<OutboxSender["platform"], number>>;
  batchSize?: number;
  concurrency?: number;
  leaseMs?: number;
  maxAttempts?: number;
  idleMs?: number;
}

const defaults = { batchSize: 50, concurrency: 8, leaseMs: 60_000, maxAttempts: 6, idleMs: 1_000 };
// Slack allows about one message per second in one conversation.
const PER_ADDRESS_GAP_MS = 1_000;

/**
 * Delivers outbox rows: claim a batch, decide (campaign rules), render in the recipient's
 * language, send within the platform's rate, record the outcome.
 *
 * Exactly-once is not something a chat API offers (Teams' activity create takes no
 * idempotency key). What the worker does instead:
 * - the lease is renewed while a batch is worked on, so a slow machine does not let another
 *   worker take a row that is still being sent;
 * - just before the platform is called, the attempt is recorded (`beginSend`, only while this
 *   worker still holds the row); the platform's answer is recorded with SENT in one statement
 *   within milliseconds, and kept and retried while the database is unreachable;
 * - a row whose send had started and whose holder went silent is claimed only two leases later,
 *   "in doubt": a sender that can look a message up (`wasDelivered`, Slack: message metadata)
 *   is asked first. With one that cannot (Teams), a message whose worker died in the
 *   milliseconds between the platform's answer and its record may arrive twice.
 */
export class OutboxWorker {
  readonly workerId: string;
  private readonly options: Required<Omit<WorkerOptions, "logger" | "workerId" | "ratePerSecond">>;
  private readonly limiters = new Map<string, SendRateLimiter>();
  private readonly senders = new Map<string, OutboxSender>();
  private readonly recorder: SentRecorder;
  /** Platforms whose rows this worker sends as e-mail (an unsubscribe from campaign mail applies to them). */
  private readonly byEmail = new Set<string>();
  private running = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly config: WorkerOptions) {
    this.workerId = config.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
    this.options = { ...defaults, ...stripUndefined(config) } as typeof this.options;
    this.recorder = new SentRecorder(config.db, { logger: config.logger });
    const byChannel = new Map<string, SendRateLimiter>();
    for (const sender of config.senders) {
      this.senders.set(sender.platform, sender);
      if ((sender.deliversAs ?? sender.platform) === "EMAIL") this.byEmail.add(sender.platform);
      // A sender that carries another channel's messages (unlinked rows by e-mail) shares that
      // channel's limit: the mail server sees one rate, whatever the rows' platform.
      const channel = sender.deliversAs ?? sender.platform;
      const rate = config.ratePerSecond?.[channel] ?? (channel === "WEB" ? 1_000 : 1);
      const limiter = byChannel.get(channel) ?? (channel === "WEB" ? new RateLimiter(rate) : new SharedRateLimiter(config.db, `rate:${channel}`, rate, PER_ADDRESS_GAP_MS));
      byChannel.set(channel, limiter);
      this.limiters.set(sender.platform, limiter);
    }
  }

  /** Claims and handles one batch; returns how many rows it handled. */
  async drainOnce(): Promise<number> {
    const rows = await claimDue(this.config.db, {
      workerId: this.workerId,
      platforms: [...this.senders.keys()],
      limit: this.options.batchSize,
      now: this.config.now(),
      leaseMs: this.options.leaseMs,
    });
    if (rows.length === 0) return 0;
    const [decisions, locales] = await Promise.all([
      campaignDecisions(this.config.db, rows, this.config.now(), this.byEmail),
      recipientLocales(this.config.db, rows),
    ]);
    const ids = rows.map((r) => r.id);
    const heartbeat = setInterval(() => {
      renewLeases(this.config.db, { ids, workerId: this.workerId, now: this.config.now(), leaseMs: this.options.leaseMs }).catch((error: unknown) =>
        this.config.logger?.warn({ err: error }, "Outbox-worker: lease niet verlengd"),
      );
    }, this.options.leaseMs / 3);
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        // Stopping: hand unsent rows back at once instead of waiting for rate slots.
        if (this.stopping) await this.reschedule(row, this.config.now(), null, false);
        else await this.handleOrFail(row, decisions.get(row.id) ?? { action: "send" }, locales.get(row.personId ?? "") ?? "nl");
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency, rows.length) }, lane));
    } finally {
      await this.recorder.flush();
      clearInterval(heartbeat);
    }
    return rows.length;
  }

  /** Handles everything due now (tests and the fake clock). */
  async drain(): Promise<number> {
    let total = 0;
    for (let handled = await this.drainOnce(); handled > 0; handled = await this.drainOnce()) total += handled;
    return total;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    // Two loops share the rate limiter: one sends while the other claims its next batch.
    this.loop = Promise.all([this.run(), this.run()]).then(() => undefined);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.drainOnce()) > 0) continue;
      } catch (error) {
        this.config.logger?.error({ err: error }, "Outbox-worker: ronde mislukt");
      }
      await new Promise<void>((resolve) => {
        const previous = this.wake;
        this.wake = () => (previous?.(), resolve());
        setTimeout(resolve, this.options.idleMs);
      });
    }
  }

  /**
   * Whatever goes wrong with one row ends in its retry/DEAD path with the reason, never as an
   * error out of the batch: that would leave the row SENDING, claimed again every lease.
   */
  private async handleOrFail(row: ClaimedRow, decision: DeliveryDecision, locale: Locale): Promise<void> {
    try {
      await this.handle(row, decision, locale);
    } catch (error) {
      try {
        await this.fail(row, { ok: false, error: reasonOf(error), permanent: false });
      } catch (unrecorded) {
        // The database is gone too: the row stays SENDING and is claimed again after its lease.
        this.config.logger?.error({ err: unrecorded, outboxId: row.id, cause: reasonOf(error) }, "Outbox-worker: uitkomst niet vastgelegd");
      }
    }
  }

  private async handle(row: ClaimedRow, decision: DeliveryDecision, locale: Locale): Promise<void> {
    const db = this.config.db;
    if (decision.action === "cancel") {
      await db.outboxMessage.updateMany({ where: this.held(row), data: { status: "CANCELLED", lastError: decision.reason, lockedBy: null, lockedUntil: null } });
      return;
    }
    if (decision.action === "defer") return this.reschedule(row, decision.until, null, false);

    // A row claimed more often than it may be tried keeps killing or stalling its worker.
    if (row.attempts > this.options.maxAttempts) return this.fail(row, { ok: false, error: `given up after ${row.attempts - 1} attempts`, permanent: true });
    let message;
    try {
      message = renderNotification(row.kind, locale, row.payload);
    } catch (error) {
      // An unknown kind or a payload the renderer's schema rejects: no retry will change it.
      return this.fail(row, { ok: false, error: `render: ${reasonOf(error)}`, permanent: true });
    }
    const sender = this.senders.get(row.platform)!;
    const delivery = { outboxId: row.id, idempotencyKey: row.idempotencyKey, personId: row.personId, address: row.address, kind: row.kind, locale, message, payload: row.payload };

    if (row.inDoubt && sender.wasDelivered) {
      let found: string | null;
      try {
        found = await sender.wasDelivered(delivery);
      } catch (error) {
        // Unknown whether it arrived: sending now could double it, so try again later.
        return this.fail(row, { ok: false, error: `delivery check failed: ${reasonOf(error)}`, permanent: false, maybeDelivered: true });
      }
      if (found) return this.markSent(row, found);
    }
    await sender.prepare?.(delivery);
    await this.limiters.get(row.platform)!.acquire(JSON.stringify(row.address));
    if (this.stopping) return this.reschedule(row, this.config.now(), null, false);
    // Taken over by another worker, or erased, since the claim: not ours to send any more.
    if (!(await beginSend(db, { id: row.id, workerId: this.workerId, now: this.config.now(), leaseMs: this.options.leaseMs, deliversAs: sender.deliversAs }))) return;
    if (sender.deliversAs) row = { ...row, platform: sender.deliversAs };
    let result: SendResult;
    try {
      result = await sender.send(delivery);
    } catch (error) {
      result = { ok: false, error: reasonOf(error), permanent: false, maybeDelivered: true };
    }
    // The outcome below must be recorded even when this mark cannot be cleared (the database
    // gone for a moment): an erasure then waits for the lease instead.
    await endSend(db, row.id).catch((error: unknown) => this.config.logger?.warn({ err: error, outboxId: row.id }, "Outbox-worker: verzendmarkering niet gewist"));
    if (result.ok) return this.markSent(row, result.platformMessageId);
    return this.fail(row, result);
  }

  private markSent(row: ClaimedRow, platformMessageId: string): void {
    this.recorder.add({ id: row.id, platform: row.platform, kind: row.kind, platformMessageId, sentAt: this.config.now() });
  }

  private async fail(row: ClaimedRow, result: Extract<SendResult, { ok: false }>): Promise<void> {
    if (result.retryAfterMs !== undefined) {
      // Rate limited: not the message's fault, so it does not count as an attempt.
      await this.limiters.get(row.platform)?.pause(result.retryAfterMs);
      return this.reschedule(row, new Date(this.config.now().getTime() + result.retryAfterMs), result.error, false);
    }
    const dead = result.permanent || row.attempts >= this.options.maxAttempts;
    messagesFailed.inc({ platform: row.platform, dead: String(dead) });
    this.config.logger?.warn({ outboxId: row.id, kind: row.kind, attempts: row.attempts, error: result.error, dead }, "Bericht niet afgeleverd");
    if (dead) {
      await this.config.db.outboxMessage.updateMany({
        where: this.held(row),
        data: { status: "DEAD", lastError: result.error.slice(0, 1_000), lockedBy: null, lockedUntil: null, mailLinks: Prisma.DbNull },
      });
      return;
    }
    await this.reschedule(row, new Date(this.config.now().getTime() + retryDelayMs(row.attempts)), result.error, true, result.maybeDelivered);
  }

  /** The row, as long as this worker still holds it: another that took it over decides now. */
  private held(row: ClaimedRow) {
    return { id: row.id, lockedBy: this.workerId, status: "SENDING" as const };
  }

  /** Back to PENDING; `counted` false gives the claim's attempt back (deferrals, rate limits). */
  private async reschedule(row: ClaimedRow, at: Date, error: string | null, counted: boolean, maybeDelivered = false): Promise<void> {
    await this.config.db.outboxMessage.updateMany({
      where: this.held(row),
      data: {
        status: "PENDING",
        nextAttemptAt: at,
        lockedBy: null,
        lockedUntil: null,
        // Unless the failure leaves open whether it arrived, it did not: no longer in doubt.
        ...(maybeDelivered ? {} : { sendStartedAt: null }),
        ...(error === null ? {} : { lastError: error.slice(0, 1_000) }),
        ...(counted ? {} : { attempts: { decrement: 1 } }),
      },
    });
  }
}

async function recipientLocales(db: Db, rows: ClaimedRow[]): Promise<Map<string, Locale>> {
  const ids = [...new Set(rows.map((r) => r.personId).filter((id): id is string => id !== null))];
  const people = await db.person.findMany({
    where: { id: { in: ids } },
    select: { id: true, locale: true, network: { select: { defaultLocale: true } } },
  });
  return new Map(people.map((p) => [p.id, isLocale(p.locale) ? p.locale : p.network.defaultLocale]));
}

/** A short, readable reason for lastError: a ZodError as its issues, not its JSON dump. */
function reasonOf(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ");
  return error instanceof Error ? error.message : String(error);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

