import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient, type Prisma } from "../generated/prisma/client.js";
import { pgliteChangeFeed, postgresChangeFeed, type ChangeFeed } from "./change-feed.js";
import { lockDataDir } from "./data-dir-lock.js";
import { withPrismaErrorKinds } from "./pglite-errors.js";
import { withTurnsBetweenQueries } from "./pglite-turns.js";
import { applyMigrations, type SqlSession } from "./migrate.js";
import { TaggedReadCache } from "./read-cache.js";
import { memoryReceipts, sqlReceipts, type RequestReceipts } from "./request-receipts.js";

export type Db = PrismaClient;
/** The client or an open transaction: repositories accept either. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

export interface Database {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** Which rows changed, announced by the database to every instance after each commit. */
  changes: ChangeFeed;
  /** This process's cache of hot reads, kept exact by `changes`. */
  cache: TaggedReadCache;
  /** Signed chat requests already taken, for the replay check of every instance on this database. */
  receipts: RequestReceipts;
  /** Runs a raw query on the underlying driver (health checks, locks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string | undefined } // undefined: in memory (tests)
  | { kind: "postgres"; url: string; poolSize?: number };

export interface OpenOptions {
  /**
   * A pooled connection that is idle can still fail (server restart, admin terminating it).
   * node-postgres emits that as an "error" event, which crashes the process when nobody
   * listens; the pool replaces the connection, so reporting it is enough.
   */
  onConnectionError?: (error: Error) => void;
}

/** Opens the database, applies pending migrations and returns a ready Prisma client. */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  if (target.kind === "pglite") return openPglite(target.dataDir);
  return openPostgres(target.url, target.poolSize, options.onConnectionError ?? ((error) => console.warn("PostgreSQL connection lost:", error.message)));
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  const pglite = await PGlite.create(dataDir);
  await applyMigrations(pgliteSession(pglite), { advisoryLock: false });
  // pglite-prisma-adapter 0.6 is typed against an older @prisma/driver-adapter-utils with the
  // same runtime contract; 0.7 would need Prisma 7 (see DESIGN.md).
  const adapter = withPrismaErrorKinds(new PrismaPGlite(withTurnsBetweenQueries(pglite)) as unknown as SqlDriverAdapterFactory);
  const prisma = new PrismaClient({ adapter });
  const changes = await pgliteChangeFeed(pglite);
  return {
    prisma,
    kind: "pglite",
    changes,
    cache: new TaggedReadCache(changes),
    receipts: memoryReceipts(),
    ping: async () => void (await pglite.query("SELECT 1")),
    async close() {
      await changes.close();
      await prisma.$disconnect();
      // $disconnect leaves PGlite open, which keeps the process alive and the dir locked.
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}

function pgliteSession(pglite: PGlite): SqlSession {
  return {
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  };
}

async function openPostgres(url: string, poolSize = 10, onConnectionError: (error: Error) => void): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on("error", onConnectionError);
  const client = await pool.connect();
  try {
    await applyMigrations(pgSession(client), { advisoryLock: true });
  } finally {
    client.release();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const changes = await postgresChangeFeed(url, { onConnectionError });
  return {
    prisma,
    kind: "postgres",
    changes,
    cache: new TaggedReadCache(changes),
    receipts: sqlReceipts(async (sql, params) => {
      const result = await pool.query(sql, params);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    }),
    ping: async () => void (await pool.query("SELECT 1")),
    async close() {
      await changes.close();
      await prisma.$disconnect();
      if (!pool.ended) await pool.end();
    },
  };
}

function pgSession(client: pg.PoolClient): SqlSession {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
}
