import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/database.js";
import { postgresServerUrl, withDatabaseName, type DatabaseKind } from "./databases.js";

const entryPoint = resolve("src/admin/main.ts");
// Resolved here, so the command can run in any directory.
const tsx = import.meta.resolve("tsx");

export interface AdminRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `npm run admin -- <args>` as a process of its own (src/admin/main.ts through tsx), with only
 * PATH and `env` as its environment, in `cwd` (an empty directory, so no .env leaks in).
 */
export function runAdminProcess(args: string[], env: Record<string, string>, cwd: string): Promise<AdminRun> {
  return new Promise((done) => {
    execFile(process.execPath, ["--import", tsx, entryPoint, ...args], { cwd, env: { PATH: process.env.PATH ?? "", ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

export interface EmptyTarget {
  /** What the CLI (and the bot) get to find the database: DATA_DIR or DATABASE_URL, demo data off. */
  env: Record<string, string>;
  /** An empty directory of its own, for files the host would keep beside the bot. */
  workDir: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/**
 * The self-hoster's first set-up, as typed: a database nobody has touched (a PostgreSQL database
 * without tables, as `createdb` leaves it, or an empty PGlite dir), demo data off.
 */
export async function emptyTarget(kind: DatabaseKind): Promise<EmptyTarget> {
  const workDir = mkdtempSync(join(tmpdir(), "netwerkbot-admin-"));
  if (kind === "pglite") {
    const dataDir = join(workDir, "data");
    return {
      env: { DATA_DIR: dataDir, DEMO: "off", DEMO_DATA: "off" },
      workDir,
      open: () => openDatabase({ kind: "pglite", dataDir }),
      drop: async () => rmSync(workDir, { recursive: true, force: true }),
    };
  }
  const name = `netwerkbot_admin_${randomBytes(6).toString("hex")}`;
  await serverSql(`CREATE DATABASE ${name}`);
  const url = withDatabaseName(postgresServerUrl, name);
  return {
    env: { DATABASE_URL: url, DEMO: "off", DEMO_DATA: "off" },
    workDir,
    open: () => openDatabase({ kind: "postgres", url, poolSize: 4 }, { onConnectionError: () => {} }),
    drop: async () => {
      rmSync(workDir, { recursive: true, force: true });
      await serverSql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Runs one statement on the PostgreSQL server itself (CREATE/DROP DATABASE for a test). */
export async function serverSql(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
