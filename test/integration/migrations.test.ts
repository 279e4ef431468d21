import { execFileSync } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "../support/databases.js";

// The committed migrations must build exactly the database that schema.prisma describes; a
// schema edit without its migration would otherwise only show up in production.
type Handle = Awaited<ReturnType<typeof createTestDatabase>>;
let migrated: Handle;
let fromSchema: Handle;

beforeAll(async () => {
  [migrated, fromSchema] = await Promise.all([createTestDatabase("postgres"), createTestDatabase("postgres")]);
}, 60_000);
afterAll(async () => {
  await Promise.all([migrated?.drop(), fromSchema?.drop()]);
});

async function describeSchema(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
       ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
       ORDER BY tablename, indexname`,
    );
    const enums = await client.query(
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
    );
    return { columns: columns.rows, indexes: indexes.rows, enums: enums.rows };
  } finally {
    await client.end();
  }
}

it("builds the same tables, columns, indexes and enums as schema.prisma", async () => {
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
    encoding: "utf8",
    // Empty DATABASE_URL: prisma.config.ts gives the CLI an in-memory PGlite, no server needed.
    env: { ...process.env, DATABASE_URL: "" },
  });
  const client = new pg.Client({ connectionString: fromSchema.url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await client.query(sql);
  } finally {
    await client.end();
  }
  const [expected, actual] = await Promise.all([describeSchema(fromSchema.url!), describeSchema(migrated.url!)]);
  expect(actual.columns.length).toBeGreaterThan(50);
  expect(actual).toEqual(expected);
}, 120_000);
