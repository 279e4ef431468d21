import { existsSync } from "node:fs";
import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

async function main() {
  // Settings may sit in a .env file in the working directory; the real environment wins.
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.env.LOG_LEVEL);
  const started = performance.now();
  const app = await startApp(config, { logger });
  logger.info(
    { database: app.db.kind, ms: Math.round(performance.now() - started) },
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
