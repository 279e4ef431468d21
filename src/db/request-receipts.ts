import type { Db } from "./database.js";

/**
 * Signed chat requests already taken (signature + timestamp), shared by every instance on one
 * database, so a replayed request is processed once. Slack's replay check asks this on every
 * request: it is the one write on the hot path of a command, so each database gets the cheapest
 * store that still covers all instances that can reach it.
 */
export interface RequestReceipts {
  /** True only the first time this signature with this timestamp is taken. */
  take(signature: string, requestTimestamp: Date, receivedAt: Date): Promise<boolean>;
  /** Forgets receipts of requests signed before `before` (the signature check refuses them anyway). */
  pruneBefore(before: Date): Promise<void>;
  count(): Promise<number>;
}

/**
 * For PGlite: a data dir is opened by one process at a time (data-dir-lock.ts), so every instance
 * that can reach this database runs in this process and shares this open database. A Map is then
 * as exact as the table, and costs no SQL statement, WAL write or query compilation per request.
 */
export function memoryReceipts(): RequestReceipts {
  const taken = new Map<string, number>();
  return {
    take: async (signature, requestTimestamp) => {
      const key = `${requestTimestamp.getTime()} ${signature}`;
      if (taken.has(key)) return false;
      taken.set(key, requestTimestamp.getTime());
      return true;
    },
    pruneBefore: async (before) => {
      const limit = before.getTime();
      for (const [key, at] of taken) if (at < limit) taken.delete(key);
    },
    count: async () => taken.size,
  };
}

/** Runs one statement on the driver itself: the rows it returned and how many it changed. */
export type RawSql = (sql: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;

/**
 * For PostgreSQL (several instances): the SlackRequestReceipt table, written through the driver
 * directly. One constant statement needs none of Prisma's per-call query compilation, which
 * cost more CPU than the rest of a cached command.
 */
export function sqlReceipts(sql: RawSql): RequestReceipts {
  return {
    take: async (signature, requestTimestamp, receivedAt) =>
      (await sql(`INSERT INTO "SlackRequestReceipt" ("signature", "requestTimestamp", "receivedAt") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [signature, requestTimestamp, receivedAt])).rowCount === 1,
    pruneBefore: async (before) => void (await sql(`DELETE FROM "SlackRequestReceipt" WHERE "requestTimestamp" < $1`, [before])),
    count: async () => Number((await sql(`SELECT count(*)::int AS n FROM "SlackRequestReceipt"`, [])).rows[0]?.n ?? 0),
  };
}

/** Through Prisma, for a caller that has only the client (tests mounting Slack on their own). */
export function prismaReceipts(db: Db): RequestReceipts {
  return {
    take: async (signature, requestTimestamp, receivedAt) =>
      (await db.slackRequestReceipt.createMany({ data: [{ signature, requestTimestamp, receivedAt }], skipDuplicates: true })).count === 1,
    pruneBefore: async (before) => void (await db.slackRequestReceipt.deleteMany({ where: { requestTimestamp: { lt: before } } })),
    count: () => db.slackRequestReceipt.count(),
  };
}
