import type { Config } from "./config.js";
import { ConfigError } from "./config.js";
import { DataDirInUseError } from "./db/data-dir-lock.js";

/** The one line an operator reads at start: what runs, on which database, where. */
export function startupLine(config: Config, url: string): string {
  return `Netwerkbot draait op ${url} — database: ${databaseText(config)}; platforms: ${platformsText(config)}`;
}

function databaseText(config: Config): string {
  if (config.database.kind === "pglite") return `ingebouwd (PGlite) in ${config.database.dataDir}`;
  // Never the password; host, port and database name say which server it is.
  const url = new URL(config.database.url);
  return `PostgreSQL op ${url.host}${url.pathname}`;
}

function platformsText(config: Config): string {
  const platforms = [
    ...(config.slackEnabled ? [`Slack (${config.env.SLACK_MODE === "socket" ? "Socket Mode" : "HTTP op /slack/events"})`] : []),
    ...(config.teamsEnabled ? [`Teams (${config.env.MICROSOFT_APP_TYPE}, /api/messages)`] : []),
    ...(config.emailEnabled && config.env.SMTP_URL ? [`e-mail (SMTP via ${new URL(config.env.SMTP_URL).host})`] : []),
    ...(config.demoMode ? ["demo-modus (speeltuin en anonieme Bot Framework Emulator)"] : []),
  ];
  return platforms.join(", ");
}

/**
 * Start-up failures whose cause we know: the operator gets the cause and what to do, without a
 * stack trace, and a sysexits code (78 configuration, 75 try again once the other is gone).
 * Anything else is a bug and keeps its stack.
 */
export function knownStartFailure(error: unknown, config?: Config): { message: string; exitCode: number } | undefined {
  if (error instanceof ConfigError) return { message: error.message, exitCode: 78 };
  if (error instanceof DataDirInUseError) return { message: `Netwerkbot start niet: ${error.message} Eén proces per datamap; voor meerdere instanties: DATABASE_URL (PostgreSQL).`, exitCode: 75 };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE" || code === "EACCES") {
    const where = config ? `${config.host}:${config.env.PORT}` : "het adres";
    const why = code === "EADDRINUSE" ? "is al in gebruik (draait de bot al?)" : "mag dit proces niet openen (poorten onder 1024 vragen rechten)";
    return { message: `Netwerkbot start niet: ${where} ${why}. Kies een andere PORT of HOST.`, exitCode: code === "EADDRINUSE" ? 75 : 78 };
  }
  return undefined;
}
