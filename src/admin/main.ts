// `npm run admin -- <subcommand> …`: exit codes follow sysexits (64 usage, 65 bad input, 75 busy, 78 config;
// 1 for a refusal such as a slug that is taken).
import { existsSync } from "node:fs";
import { ConfigError } from "../config.js";
import { DataDirInUseError } from "../db/data-dir-lock.js";
import { AdminError } from "./command.js";
import { runAdmin } from "./cli.js";

async function main() {
  if (existsSync(".env")) process.loadEnvFile(".env");
  try {
    process.exitCode = await runAdmin(process.argv.slice(2));
  } catch (error) {
    if (error instanceof AdminError) {
      console.error(error.message);
      process.exitCode = error.exitCode;
    } else if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 78; // EX_CONFIG
    } else if (error instanceof DataDirInUseError) {
      console.error(`${error.message} Draait de bot nog? Stop hem eerst, of gebruik het dashboard.`);
      process.exitCode = 75; // EX_TEMPFAIL
    } else {
      throw error;
    }
  }
}

await main();
