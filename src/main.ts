import { existsSync } from "node:fs";
import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

async function main() {
  // Settings may sit in a .env file in the working directory; the real environment wins.
  if (existsSync(".env")) process.loadEnvFile(".env");
  try {
    await run();
  } catch (error) {
    // Start-up reads the database for some settings (DEMO=auto), so startApp can refuse too.
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
}

async function run() {
  const config = loadConfig();
  const logger = createLogger(config.env.LOG_LEVEL);
  const started = performance.now();
  const app = await startApp(config, { logger });
  logger.info(
    { database: app.db.kind, host: config.host, demo: config.demoMode, ms: Math.round(performance.now() - started) },
    `Netwerkbot draait op ${app.url}`,
  );

  const stop = async (signal: string) => {
    logger.info({ signal }, "Netwerkbot stopt");
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
