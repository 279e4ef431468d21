import type { DbClient } from "../../../db/database.js";

/**
 * Deleted and overwritten rows stay in the table and index files (and PostgreSQL's write-ahead
 * log) after the transaction. Plain VACUUM frees their space but leaves their bytes in pages it
 * does not rewrite (measured: an updated channel reference, a scrubbed remark and three index
 * entries kept the name and chat ids), so the touched tables get VACUUM FULL: each is rewritten
 * into new files with its indexes and the old files are truncated. That takes each table's
 * exclusive lock for the time it takes to copy it (these tables are small; erasures are rare).
 * It runs outside any transaction, as VACUUM requires. On PGlite, a data dir of this process
 * only, the log is then switched to a new segment with recycling off and a CHECKPOINT written, so
 * the old segment, which still holds the rows as inserted, is removed rather than kept for
 * reuse. On a PostgreSQL server the WAL is the server's (shared by every database, archived or
 * streamed as its operator set it up): README "AVG" says what that means for backups.
 */
export async function vacuumTables(db: DbClient, tables: string[]): Promise<void> {
  await db.$executeRawUnsafe(`VACUUM FULL ${[...new Set(tables)].map((t) => `"${t}"`).join(", ")}`);
  if (!(await isPglite(db))) return;
  await db.$executeRawUnsafe(`SET wal_recycle = off`);
  await db.$queryRawUnsafe(`SELECT pg_switch_wal()::text`);
  await db.$executeRawUnsafe(`CHECKPOINT`);
}

async function isPglite(db: DbClient): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<{ version: string }[]>(`SELECT version()`);
  return /PGlite/.test(row?.version ?? "");
}
