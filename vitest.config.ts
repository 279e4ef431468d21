import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite (WebAssembly) and real servers per file: bounded parallelism keeps CI's 2 cores honest.
    pool: "forks",
    maxWorkers: 2,
  },
});
