import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { readMigrations, type SqlSession } from "../../src/db/migrate.js";
import { databaseKinds, postgresServerUrl, withDatabaseName, type DatabaseKind } from "../support/databases.js";
import { serverSql } from "../support/admin-process.js";

const MIGRATION = "20261202130000_one_ambition";

/** A database at the migrations before `one_ambition`, on either kind, with the migrator's SQL session. */
async function databaseBefore(kind: DatabaseKind): Promise<{ session: SqlSession; close(): Promise<void> }> {
  let session: SqlSession;
  let close: () => Promise<void>;
  if (kind === "pglite") {
    const pglite = await PGlite.create();
    session = { exec: async (sql) => void (await pglite.exec(sql)), query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows };
    close = () => pglite.close();
  } else {
    const name = `netwerkbot_migration_${randomBytes(6).toString("hex")}`;
    await serverSql(`CREATE DATABASE ${name}`);
    const client = new pg.Client({ connectionString: withDatabaseName(postgresServerUrl, name) });
    await client.connect();
    session = { exec: async (sql) => void (await client.query(sql)), query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params as unknown[])).rows as T[] };
    close = async () => {
      await client.end();
      await serverSql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    };
  }
  for (const migration of (await readMigrations()).filter((m) => m.name < MIGRATION)) await session.exec(migration.sql);
  return { session, close };
}

async function apply(session: SqlSession) {
  const migration = (await readMigrations()).find((m) => m.name === MIGRATION)!;
  await session.exec("BEGIN");
  await session.exec(migration.sql);
  await session.exec("COMMIT");
}

// Before issue 12 each report version carried an ambition, and the profile a third value.
const legacy = `
INSERT INTO "Network" (id, slug, name) VALUES ('n1', 'twente', '99vanTwente');
INSERT INTO "Person" (id, "networkId", name, function) VALUES ('p1', 'n1', 'Joost Bakker', 'HR'), ('p2', 'n1', 'Els Meel', 'DIRECTIE');
INSERT INTO "Employer" (id, "networkId", name, branche, "sizeBand", location, region, ambition, "createdAt")
VALUES ('bakery', 'n1', 'Bakkerij', 'Voeding', 'SMALL', 'Enschede', 'Twente', 12, '2026-11-01T00:00:00Z'),
       ('quiet', 'n1', 'Stil BV', 'ICT', 'SMALL', 'Hengelo', 'Twente', 5, '2026-01-15T00:00:00Z');
INSERT INTO "ReportingPeriod" (id, "networkId", year, quarter, "opensAt", "closesAt")
VALUES ('q2', 'n1', 2026, 2, '2026-03-31T22:00:00Z', '2026-06-30T22:00:00Z'), ('q3', 'n1', 2026, 3, '2026-06-30T22:00:00Z', '2026-09-30T22:00:00Z');
INSERT INTO "PlacementReport" (id, "employerId", "periodId", ambition, realised, "submittedById", "submittedVia", "submittedAt", version)
VALUES ('r2', 'bakery', 'q2', 10, 2, 'p2', 'TEAMS', '2026-04-20T08:00:00Z', 2), ('r3', 'bakery', 'q3', 11, 1, 'p1', 'SLACK', '2026-07-10T08:00:00Z', 1);
INSERT INTO "PlacementReportRevision" (id, "reportId", version, ambition, realised, "submittedById", "submittedVia", "submittedAt")
VALUES ('v1', 'r2', 1, 10, 3, 'p1', 'SLACK', '2026-04-10T08:00:00Z'),
       ('v2', 'r2', 2, 10, 2, 'p2', 'TEAMS', '2026-04-20T08:00:00Z'),
       ('v3', 'r3', 1, 11, 1, 'p1', 'SLACK', '2026-07-10T08:00:00Z');
`;

describe.each(databaseKinds)("migration one_ambition [%s]", (kind) => {
  const opened: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of opened) await close();
  });

  it("moves every version's ambition into the history, keeps the profile's value current and every version", async () => {
    const { session, close } = await databaseBefore(kind);
    opened.push(close);
    await session.exec(legacy);
    await apply(session);

    const revisions = await session.query<{ id: string; version: number; realised: number; submittedById: string }>(
      `SELECT id, version, realised, "submittedById" FROM "PlacementReportRevision" ORDER BY id`,
    );
    expect(revisions).toEqual([
      { id: "v1", version: 1, realised: 3, submittedById: "p1" },
      { id: "v2", version: 2, realised: 2, submittedById: "p2" },
      { id: "v3", version: 1, realised: 1, submittedById: "p1" },
    ]);
    const changes = await session.query<{ employerId: string; ambition: number; source: string; changedById: string | null; changedAt: Date }>(
      `SELECT "employerId", ambition, source::text AS source, "changedById", "changedAt" FROM "EmployerAmbitionChange" ORDER BY "employerId", "changedAt"`,
    );
    expect(changes.map((c) => [c.employerId, c.ambition, c.source, c.changedById, new Date(c.changedAt).toISOString()])).toEqual([
      ["bakery", 10, "REPORT", "p1", "2026-04-10T08:00:00.000Z"],
      ["bakery", 11, "REPORT", "p1", "2026-07-10T08:00:00.000Z"],
      ["bakery", 12, "MIGRATED", null, "2026-07-10T08:00:00.001Z"],
      ["quiet", 5, "MIGRATED", null, "2026-01-15T00:00:00.000Z"],
    ]);
    const employers = await session.query<{ id: string; ambition: number; joinedAt: Date }>(`SELECT id, ambition, "joinedAt" FROM "Employer" ORDER BY id`);
    expect(employers.map((e) => [e.id, e.ambition, new Date(e.joinedAt).toISOString()])).toEqual([
      ["bakery", 12, "2026-03-31T22:00:00.000Z"],
      ["quiet", 5, "2026-01-15T00:00:00.000Z"],
    ]);
  }, 120_000);
});
