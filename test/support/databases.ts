import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { CHANGES_CHANNEL } from "../../src/db/change-feed.js";
import { openDatabase, type Database } from "../../src/db/database.js";

/** The PostgreSQL server the integration suites use; each test file gets its own database. */
export const postgresServerUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type DatabaseKind = "pglite" | "postgres";
export const databaseKinds: DatabaseKind[] = ["pglite", "postgres"];

/** Creates an empty, migrated database of the given kind; `drop` removes it again. */
export async function createTestDatabase(kind: DatabaseKind): Promise<{ db: Database; url?: string; drop(): Promise<void> }> {
  if (kind === "pglite") {
    const db = await openDatabase({ kind: "pglite", dataDir: undefined });
    return { db, drop: () => db.close() };
  }
  const name = `netwerkbot_test_${randomBytes(6).toString("hex")}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = withDatabaseName(postgresServerUrl, name);
  // DROP DATABASE … WITH (FORCE) below may end connections the pool is still closing.
  const db = await openDatabase({ kind: "postgres", url, poolSize: 5 }, { onConnectionError: () => {} });
  return {
    db,
    url,
    async drop() {
      await db.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export function withDatabaseName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Waits until this instance has heard every change committed so far: PostgreSQL delivers a
 * server's notifications in commit order, so a marker sent now arrives after all of them.
 */
export async function changesDelivered(db: Database): Promise<void> {
  const marker = `test-marker:${randomBytes(6).toString("hex")}`;
  const arrived = new Promise<void>((resolve) => {
    const stop = db.changes.subscribe((tag) => {
      if (tag !== marker) return;
      stop();
      resolve();
    });
  });
  await db.prisma.$executeRaw`SELECT pg_notify(${CHANGES_CHANNEL}, ${marker})`;
  await arrived;
}

/** Empties every table (keeping the migrations) so each test starts from a known state. */
export async function resetDatabase(db: Database): Promise<void> {
  const tables = await db.prisma.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  // PGlite keeps them in memory (request-receipts.ts): forgetting all of them is the TRUNCATE of that store.
  await db.receipts.pruneBefore(new Date(8.64e15));
  if (tables.length === 0) return;
  await db.prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`);
  // The next test must not be served what this process cached from the previous one.
  await changesDelivered(db);
}

/**
 * Runs the same suite against PGlite and the PostgreSQL server. `use()` returns the database
 * of the running suite, emptied before every test.
 */
export function describeEachDatabase(name: string, suite: (use: () => Database, kind: DatabaseKind) => void): void {
  for (const kind of databaseKinds) {
    describe(`${name} [${kind}]`, () => {
      let handle: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(kind);
      }, 60_000);
      afterAll(async () => {
        await handle?.drop();
      });
      beforeEach(async () => {
        if (handle) await resetDatabase(handle.db);
      });
      suite(() => {
        if (!handle) throw new Error("database not ready");
        return handle.db;
      }, kind);
    });
  }
}
