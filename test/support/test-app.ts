import { startApp, type RunningApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/database.js";
import { createLogger } from "../../src/logger.js";
import { fixedNow } from "./fixtures.js";

/**
 * The real app on a free local port for end-to-end tests: the given database, the fixed clock,
 * no log output, no demo data, and no scheduler ticks or outbox polling racing the assertions
 * (suites that test those start them themselves). `env` adds or overrides settings.
 */
export function startTestApp(database: Database, env: Record<string, string> = {}, now: () => Date = () => fixedNow): Promise<RunningApp> {
  const config = loadConfig({
    NODE_ENV: "test",
    SCHEDULER: "off",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    DEMO_DATA: "off",
    ...env,
  });
  return startApp(config, { logger: createLogger("silent", false), now, database });
}
