import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";

// The CLI runs through driver adapters and Prisma's WebAssembly schema engine, so no engine
// binary is downloaded. Without DATABASE_URL (or with pglite:<dir>) the CLI works on a PGlite dir.
const url = process.env.DATABASE_URL ?? "";
process.env.DATABASE_URL ||= "postgresql://localhost/placeholder";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    if (url.startsWith("postgres")) return new PrismaPg({ connectionString: url });
    const dir = url.startsWith("pglite:") ? url.slice("pglite:".length) : undefined;
    // pglite-prisma-adapter 0.6 is typed against an older @prisma/driver-adapter-utils; the
    // runtime contract is the same (verified by the migrate commands in DESIGN.md).
    const factory = new PrismaPGlite(new PGlite(dir));
    return factory as unknown as SqlMigrationAwareDriverAdapterFactory;
  },
});
