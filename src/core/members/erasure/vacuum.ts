import type { DbClient } from "../../../db/database.js";

/**
 * Deleted and overwritten rows stay in the table and index files (and PostgreSQL's write-ahead
 * log) until VACUUM prunes them. After an erasure the touched tables are vacuumed, outside any
 * transaction, as VACUUM requires. On PGlite, which is a data dir of this process only, the log
 * is then switched to a new segment with recycling off and a CHECKPOINT written, so the old
 * segment, which still holds the rows as inserted, is removed rather than kept for reuse. On a
 * PostgreSQL server the WAL is the server's (shared by every database, archived or streamed as
 * its operator set it up): README "AVG" says what that means for backups.
 */
export async function vacuumTables(db: DbClient, tables: string[]): Promise<void> {
  await db.$executeRawUnsafe(`VACUUM ${[...new Set(tables)].map((t) => `"${t}"`).join(", ")}`);
  if (!(await isPglite(db))) return;
  await db.$executeRawUnsafe(`SET wal_recycle = off`);
  await db.$queryRawUnsafe(`SELECT pg_switch_wal()::text`);
  await db.$executeRawUnsafe(`CHECKPOINT`);
}

async function isPglite(db: DbClient): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ version: string }[]>(`SELECT version()`);
  return /PGlite/.test(row?.version ?? "");
}
