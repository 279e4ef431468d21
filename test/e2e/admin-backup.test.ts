import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.js";
import { runAdminProcess, serverSql } from "../support/admin-process.js";
import { postgresServerUrl, withDatabaseName, type DatabaseKind } from "../support/databases.js";
import { seedDemo } from "../support/fixtures.js";

/** Every row of every table (migrations included), as JSON, so "restored" means "all of it". */
async function everyRow(db: Database): Promise<Record<string, string[]>> {
  const tables = await db.prisma.$queryRawUnsafe<Array<{ name: string }>>(
    "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const all: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ row: string }>>(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
    all[name] = rows.map((r) => r.row).sort();
  }
  return all;
}


interface Place {
  env: Record<string, string>;
  open(): Promise<Database>;
}

/** A database of the kind that does not exist yet (PGlite: a dir; PostgreSQL: an empty database). */
async function newPlace(kind: DatabaseKind, root: string, cleanup: Array<() => Promise<void>>): Promise<Place> {
  if (kind === "pglite") {
    const dataDir = join(root, `data-${randomBytes(4).toString("hex")}`);
    return { env: { DATA_DIR: dataDir }, open: () => openDatabase({ kind: "pglite", dataDir }) };
  }
  const name = `netwerkbot_backup_${randomBytes(6).toString("hex")}`;
  await serverSql(`CREATE DATABASE ${name}`);
  cleanup.push(() => serverSql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = withDatabaseName(postgresServerUrl, name);
  return { env: { DATABASE_URL: url }, open: () => openDatabase({ kind: "postgres", url, poolSize: 2 }, { onConnectionError: () => {} }) };
}

describe.each(["pglite", "postgres"] as const)("npm run admin -- backup / restore [%s]", (kind) => {
  let root: string;
  const cleanup: Array<() => Promise<void>> = [];
  let source: Place;
  let before: Record<string, string[]>;
  const file = () => join(root, kind === "pglite" ? "netwerkbot.tar.gz" : "netwerkbot.dump");

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "netwerkbot-backup-"));
    source = await newPlace(kind, root, cleanup);
    const db = await source.open();
    try {
      await seedDemo(db);
      before = await everyRow(db);
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(async () => {
    for (const step of cleanup) await step();
    rmSync(root, { recursive: true, force: true });
  });

  it("backs up, restores into an empty database and finds every row there", async () => {
    expect(Object.values(before).flat().length).toBeGreaterThan(20);
    const backup = await runAdminProcess(["backup", file()], source.env, root);
    expect(backup, backup.stderr).toMatchObject({ code: 0 });
    expect(backup.stdout).toContain(`Back-up geschreven naar ${file()}`);

    const target = await newPlace(kind, root, cleanup);
    const restore = await runAdminProcess(["restore", file()], target.env, root);
    expect(restore, restore.stderr).toMatchObject({ code: 0 });

    const restored = await target.open();
    try {
      expect(await everyRow(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
  }, 240_000);

  it("refuses to restore over a database that holds data, and changes nothing", async () => {
    expect(existsSync(file())).toBe(true);
    const restore = await runAdminProcess(["restore", file()], source.env, root);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(kind === "pglite" ? /staat al een database/ : /is niet leeg/);
    expect(restore.stderr).not.toMatch(/^\s+at /m);
    const db = await source.open();
    try {
      expect(await everyRow(db)).toEqual(before);
    } finally {
      await db.close();
    }
  }, 120_000);

  it("refuses a backup of the other kind of database, and a file that is no backup", async () => {
    const target = await newPlace(kind, root, cleanup);
    const other = join(root, "other");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(other, kind === "pglite" ? "PGDMP\u0001…" : Buffer.from([0x1f, 0x8b, 0x08, 0, 0]));
    const wrongKind = await runAdminProcess(["restore", other], target.env, root);
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain(kind === "pglite" ? "pg_dump-back-up" : "ingebouwde database (PGlite)");
    writeFileSync(other, "geen back-up");
    const notABackup = await runAdminProcess(["restore", other], target.env, root);
    expect(notABackup.code).toBe(1);
    expect(notABackup.stderr).toContain("geen back-up van Netwerkbot");
    if (kind === "pglite") expect(existsSync(target.env.DATA_DIR!) ? readdirSync(target.env.DATA_DIR!) : []).not.toContain("PG_VERSION");
  }, 120_000);
});
