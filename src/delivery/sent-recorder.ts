import type { Db } from "../db/database.js";
import type { Logger } from "../logger.js";
import { messagesSent } from "../observability/metrics.js";
import { sleep } from "./rate-limit.js";

interface Sent {
  id: string;
  platform: string;
  kind: string;
  platformMessageId: string;
  sentAt: Date;
}

export interface SentRecorderOptions {
  maxBatch?: number;
  /** How long a write is retried while the database is unreachable. */
  retryForMs?: number;
  logger?: Logger;
}

/**
 * Records delivered messages as SENT, the platform's answer (its message id) in the same
 * statement. An answer is written at once; answers that arrive while a write is under way go
 * together in the next one (up to `maxBatch` rows in one UPDATE), which is most of a fan-out's
 * database cost. Every answer not yet written is in doubt if the process dies: no timer.
 *
 * When the database is unreachable the answers are kept and the write is retried until it
 * returns (for `retryForMs`): the rows stay SENDING with their send started, which no other
 * worker claims for two more leases (claim.ts), so an outage does not send them again.
 */
export class SentRecorder {
  private buffer: Sent[] = [];
  private busy = false;
  private writing: Promise<void> = Promise.resolve();
  private readonly maxBatch: number;
  private readonly retryForMs: number;

  constructor(
    private readonly db: Db,
    private readonly options: SentRecorderOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 25;
    this.retryForMs = options.retryForMs ?? 120_000;
  }

  add(sent: Sent): void {
    this.buffer.push(sent);
    if (!this.busy || this.buffer.length >= this.maxBatch) void this.flush();
  }

  /** Writes whatever is buffered; resolves when everything added so far is written (or given up). */
  flush(): Promise<void> {
    const rows = this.buffer;
    this.buffer = [];
    if (rows.length > 0) {
      this.busy = true;
      this.writing = this.writing.then(async () => {
        await this.writeDurably(rows);
        this.busy = false;
        // What arrived during this write goes now, in one statement.
        if (this.buffer.length > 0) void this.flush();
      });
    }
    return this.writing;
  }

  private async writeDurably(rows: Sent[]): Promise<void> {
    const giveUpAt = Date.now() + this.retryForMs;
    for (let wait = 100; ; wait = Math.min(wait * 2, 500)) {
      try {
        await this.write(rows);
        return;
      } catch (error) {
        if (Date.now() >= giveUpAt) {
          // Left SENDING with the send started: in doubt, looked up (Slack) or resent (Teams) later.
          this.options.logger?.error({ err: error, outboxIds: rows.map((r) => r.id) }, "Outbox: verzonden berichten niet vastgelegd");
          return;
        }
        this.options.logger?.warn({ err: error, rows: rows.length }, "Outbox: verzonden berichten nog niet vastgelegd, opnieuw");
        await sleep(wait);
      }
    }
  }

  private async write(rows: Sent[]): Promise<void> {
    // lockedBy stays: which instance delivered a message is worth knowing when something goes wrong.
    // The raw tokens of a mail's links go: they were kept only for a retry (OutboxMessage.mailLinks).
    await this.db.$executeRaw`
      UPDATE "OutboxMessage" AS o
      SET status = 'SENT', "platformMessageId" = v.pid, "sentAt" = v.sent_at::timestamp(3), "lockedUntil" = NULL, "lastError" = NULL, "mailLinks" = NULL
      FROM (SELECT unnest(${rows.map((r) => r.id)}::text[]) AS id, unnest(${rows.map((r) => r.platformMessageId)}::text[]) AS pid,
                   unnest(${rows.map((r) => r.sentAt.toISOString())}::text[]) AS sent_at) AS v
      WHERE o.id = v.id`;
    for (const row of rows) messagesSent.inc({ platform: row.platform, kind: row.kind });
  }
}
