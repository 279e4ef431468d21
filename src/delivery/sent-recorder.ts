import type { Db } from "../db/database.js";
import { messagesSent } from "../observability/metrics.js";

interface Sent {
  id: string;
  platform: string;
  kind: string;
  platformMessageId: string;
  sentAt: Date;
}

/**
 * Records delivered messages as SENT in small batches: one UPDATE for up to `maxBatch` rows
 * instead of one per message, which is most of a fan-out's database cost. The price is a
 * slightly longer window between "the platform accepted it" and "SENT" (at most one batch);
 * a worker that dies inside it leaves those rows in doubt, to be looked up before any resend.
 */
export class SentRecorder {
  private buffer: Sent[] = [];
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 25,
  ) {}

  add(sent: Sent): Promise<void> {
    this.buffer.push(sent);
    return this.buffer.length >= this.maxBatch ? this.flush() : Promise.resolve();
  }

  /** Writes whatever is buffered; flushes run one after the other. */
  flush(): Promise<void> {
    const rows = this.buffer;
    this.buffer = [];
    if (rows.length === 0) return this.flushing;
    // A failed earlier flush was reported to whoever awaited it; this batch is written regardless.
    const write = () => this.write(rows);
    this.flushing = this.flushing.then(write, write);
    return this.flushing;
  }

  private async write(rows: Sent[]): Promise<void> {
    // lockedBy stays: which instance delivered a message is worth knowing when something goes wrong.
    await this.db.$executeRaw`
      UPDATE "OutboxMessage" AS o
      SET status = 'SENT', "platformMessageId" = v.pid, "sentAt" = v.sent_at::timestamp(3), "lockedUntil" = NULL, "lastError" = NULL
      FROM (SELECT unnest(${rows.map((r) => r.id)}::text[]) AS id, unnest(${rows.map((r) => r.platformMessageId)}::text[]) AS pid,
                   unnest(${rows.map((r) => r.sentAt.toISOString())}::text[]) AS sent_at) AS v
      WHERE o.id = v.id`;
    for (const row of rows) messagesSent.inc({ platform: row.platform, kind: row.kind });
  }
}
