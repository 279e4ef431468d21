import { existsSync } from "node:fs";
import { startApp } from "./app.js";
import { loadConfig, type Config } from "./config.js";
import { createLogger } from "./logger.js";
import { knownStartFailure, startupLine } from "./startup.js";

async function main() {
  // Settings may sit in a .env file in the working directory; the real environment wins.
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config: Config | undefined;
  try {
    config = loadConfig();
    await run(config);
  } catch (error) {
    // Start-up reads the database for some settings (DEMO=auto), so startApp can refuse too.
    const known = knownStartFailure(error, config);
    if (!known) throw error;
    console.error(known.message);
    process.exit(known.exitCode);
  }
}

async function run(config: Config) {
  const logger = createLogger(config.env.LOG_LEVEL);
  const started = performance.now();
  const app = await startApp(config, { logger });
  logger.info(
    { url: app.url, database: app.db.kind, host: config.host, slack: config.slackEnabled, teams: config.teamsEnabled, demo: config.demoMode, ms: Math.round(performance.now() - started) },
    startupLine(config, app.url),
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
