import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { open, readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.js";

const run = promisify(execFile);

export type BackupTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
export type BackupFormat = "pglite" | "pg_dump";

/** A backup that cannot go where it was asked to; the message says why and what to do instead. */
export class BackupRefused extends Error {}

/**
 * PGlite: its own dump of the data dir (a gzipped tar, PGlite's dumpDataDir), restored by
 * opening a new dir with it. PostgreSQL: pg_dump's custom format, restored with pg_restore.
 * The two do not mix: a PGlite dump holds PostgreSQL's files for PGlite's build, not SQL.
 */
export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  if (target.kind === "pglite") return backupPglite(target.dataDir, file);
  const { url, env } = connection(target.url);
  await run("pg_dump", ["--format=custom", "--no-owner", "--no-acl", `--file=${file}`, `--dbname=${url}`], { env });
}

export async function restoreDatabase(target: BackupTarget, file: string): Promise<void> {
  const format = await formatOf(file);
  if (target.kind === "pglite") {
    if (format !== "pglite") throw new BackupRefused(`${file} is een pg_dump-back-up van PostgreSQL; zet DATABASE_URL om hem in PostgreSQL terug te zetten.`);
    return restorePglite(target.dataDir, file);
  }
  if (format !== "pg_dump") throw new BackupRefused(`${file} is een back-up van de ingebouwde database (PGlite); zet DATA_DIR (zonder DATABASE_URL) om hem terug te zetten.`);
  const { url, env } = connection(target.url);
  if (!(await postgresIsEmpty(target.url))) {
    throw new BackupRefused(`De database in DATABASE_URL is niet leeg. Zet een back-up terug in een nieuwe, lege database (createdb …) en wijs DATABASE_URL daarheen.`);
  }
  // One transaction: a restore that fails half-way leaves the database empty, not half-filled.
  await run("pg_restore", ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", `--dbname=${url}`, file], { env });
}

async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!hasPgliteDatabase(dataDir)) throw new BackupRefused(`In ${dataDir} staat geen database om te back-uppen.`);
  const unlock = lockDataDir(dataDir);
  const pglite = await PGlite.create(dataDir);
  try {
    const dump = await pglite.dumpDataDir("gzip");
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
    unlock();
  }
}

async function restorePglite(dataDir: string, file: string): Promise<void> {
  if (hasPgliteDatabase(dataDir)) throw new BackupRefused(`In ${dataDir} staat al een database. Zet een back-up terug in een lege of nieuwe DATA_DIR.`);
  const unlock = lockDataDir(dataDir);
  const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([await readFile(file)]) });
  try {
    await pglite.query("SELECT 1");
  } finally {
    await pglite.close();
    unlock();
  }
}

function hasPgliteDatabase(dataDir: string): boolean {
  return existsSync(dataDir) && readdirSync(dataDir).includes("PG_VERSION");
}

async function formatOf(file: string): Promise<BackupFormat> {
  if (!existsSync(file)) throw new BackupRefused(`Het bestand ${file} bestaat niet.`);
  const handle = await open(file, "r");
  const head = Buffer.alloc(5);
  try {
    await handle.read(head, 0, 5, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  if (head.toString("latin1") === "PGDMP") return "pg_dump";
  throw new BackupRefused(`${file} is geen back-up van Netwerkbot (geen PGlite-dump en geen pg_dump-bestand in custom-formaat).`);
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')");
    return Number(rows[0]?.n) === 0;
  } finally {
    await client.end();
  }
}

/** The password goes in PGPASSWORD, not on the command line, where `ps` shows it to everyone. */
function connection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}
