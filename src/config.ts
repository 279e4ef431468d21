import { createPrivateKey } from "node:crypto";
import { isIP } from "node:net";
import { z } from "zod";

// Env is parsed once at start-up; a bad value stops the bot with a message naming the variable.
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  // Empty: 127.0.0.1 in demo mode (anyone who reaches the playground can act as anyone), else 0.0.0.0.
  HOST: optionalString,
  // Open connections per instance; more are closed as they arrive, so that slow clients holding
  // connections cannot exhaust the process's file descriptors.
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(10).max(100_000).default(1_000),
  // Behind a reverse proxy: whose X-Forwarded-For to believe (Express's "trust proxy"), as a number
  // of hops or a list of addresses, subnets and loopback/linklocal/uniquelocal. Empty: nobody's;
  // the client is the connection's address. It tells sign-in attempts of clients apart.
  TRUST_PROXY: optionalString.pipe(
    z
      .string()
      .refine(isTrustProxy, "moet een aantal proxy's zijn (bijv. 1) of een lijst adressen/subnetten (bijv. loopback, 10.0.0.0/8)")
      .transform((v) => (/^\d+$/.test(v) ? Number(v) : v.split(",").map((part) => part.trim())))
      .optional(),
  ),
  // With it, /metrics asks for "Authorization: Bearer <token>"; without, it answers only requests
  // made on this machine directly (not through a proxy).
  METRICS_TOKEN: optionalString.pipe(z.string().min(24, "moet minstens 24 tekens zijn").optional()),
  // Chat requests (Slack commands, buttons, forms; Teams messages and card actions; playground)
  // one instance works on at once. More are answered "busy, try again" at once, instead of
  // queueing until their answers come too late (Slack's 3 s, Teams' 15 s).
  MAX_REQUESTS_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(32),
  PUBLIC_URL: optionalString.pipe(z.string().url("moet een volledige https://-URL zijn").optional()),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "moet beginnen met postgresql:// (laat leeg voor de ingebouwde database)")
      .optional(),
  ),
  DATA_DIR: z.string().default("./data"),
  DEFAULT_LOCALE: z.enum(["nl", "en"]).default("nl"),
  DEFAULT_TIME_ZONE: z
    .string()
    .default("Europe/Amsterdam")
    .refine(isKnownTimeZone, "onbekende tijdzone (verwacht bijv. Europe/Amsterdam)"),
  // auto: demo mode only without Slack/Teams, on the embedded database, holding no network but the
  // demo one (checked at start). on: demo mode on any database. off: never.
  DEMO: z.enum(["auto", "on", "off"]).default("auto"),
  DEMO_DATA: z.enum(["auto", "on", "off"]).default("auto"),
  ADMIN_TOKEN: optionalString.pipe(z.string().min(24, "moet minstens 24 tekens zijn").optional()),

  SLACK_MODE: z.enum(["http", "socket"]).default("http"),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_API_URL: optionalString.pipe(z.string().url().optional()),
  // OAuth installs: the workspaces (T…) or Enterprise Grid orgs (E…) that may install. Required
  // with OAuth (slackProblems): without it any workspace could install and claim members by e-mail.
  SLACK_ALLOWED_TEAMS: optionalString.pipe(
    z
      .string()
      .transform((v) => v.split(",").map((id) => id.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[TE][A-Z0-9]{2,}$/, "moet een lijst Slack-team-id's zijn (T…, of E… voor een Enterprise Grid-organisatie), gescheiden door komma's")))
      .optional(),
  ),

  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  // Azure has created no new multi-tenant bot registrations since July 2025: SingleTenant is what a
  // new registration is (the Entra app itself may still be multi-tenant; see README "Teams koppelen").
  MICROSOFT_APP_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("SingleTenant"),
  // Certificate instead of a client secret (botbuilder's CertificateThumbprint/CertificatePrivateKey).
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT: optionalString.pipe(
    z.string().regex(/^[0-9a-fA-F]{40}$/, "moet de SHA-1-vingerafdruk van het certificaat zijn (40 hexadecimale tekens)").optional(),
  ),
  // A PEM key on one line (as most .env files and secret stores hold it) has its line breaks as \n.
  MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: optionalString
    .transform((v) => v?.replace(/\\n/g, "\n"))
    .pipe(z.string().refine(isPrivateKey, "moet de private key van het certificaat zijn, in PEM-formaat (-----BEGIN PRIVATE KEY-----)").optional()),
  // Where botbuilder fetches the keys that sign the Bot Framework's requests (its BotOpenIdMetadata
  // setting). Empty: the public cloud. Only for another Bot Framework cloud, and for tests.
  MICROSOFT_BOT_OPENID_METADATA: optionalString.pipe(z.string().url("moet een volledige URL zijn").optional()),

  // Scheduler and outbox (src/scheduler, src/delivery). Rates hold for all instances together
  // (slots shared in the database). Slack: ~1 message/s per conversation and a workspace cap of
  // a few hundred a minute; Teams: 50 requests/s per app per tenant.
  // auto: on, except under NODE_ENV=test, so other suites' outboxes are not sent behind their back.
  SCHEDULER: z.enum(["auto", "on", "off"]).default("auto"),
  EVENT_REMINDER_HOURS: z.coerce.number().min(1).max(168).default(24),
  OUTBOX_RATE_SLACK: z.coerce.number().positive().max(1_000).default(4),
  OUTBOX_RATE_TEAMS: z.coerce.number().positive().max(1_000).default(20),
  // E-mail (src/platforms/email): smtp:// or smtps://user:password@host:port, and the sender address.
  // Both or neither (emailProblems). Replies go to MAIL_REPLY_TO, else to the network's coordinators.
  SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\/[^/\s]+/, "moet een smtp://- of smtps://-URL zijn, bijv. smtps://gebruiker:wachtwoord@smtp.example.nl:465").optional()),
  MAIL_FROM: optionalString.pipe(z.string().refine(isMailbox, "moet één e-mailadres zijn, eventueel met naam: Netwerkbot <bot@example.nl>").optional()),
  MAIL_REPLY_TO: optionalString.pipe(z.string().refine(isMailbox, "moet één e-mailadres zijn, bijv. netwerk@example.nl").optional()),
  // Mail servers and providers throttle per minute or hour; ten a second stays under most relay limits.
  OUTBOX_RATE_EMAIL: z.coerce.number().positive().max(1_000).default(10),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3_600).default(60),
  INSTANCE_ID: optionalString,
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env;
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
  slackEnabled: boolean;
  teamsEnabled: boolean;
  /** SMTP_URL and MAIL_FROM set: the bot's messages can go out by e-mail. */
  emailEnabled: boolean;
  /**
   * No chat platform, and DEMO allows it: the playground and an anonymous /api/messages for the
   * Bot Framework Emulator, on loopback unless HOST says otherwise.
   */
  demoMode: boolean;
  /** Demo mode came from DEMO=auto: start-up checks that the database holds only the demo network. */
  demoAutomatic: boolean;
  /** The address the HTTP server listens on. */
  host: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ongeldige configuratie:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // `PORT=` in an .env file means "not set": empty values fall back to the defaults.
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const env = parsed.data;
  const slackEnabled = Boolean(env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN);
  const teamsEnabled = Boolean(env.MICROSOFT_APP_ID);
  const platform = slackEnabled || teamsEnabled;
  const problems = [...teamsProblems(env, "MICROSOFT_APP_TYPE" in given), ...slackProblems(env), ...emailProblems(env), ...demoProblems(env, platform)];
  if (problems.length > 0) throw new ConfigError(problems);
  // Demo mode used to be what the bot fell into whenever no platform was set: a deployment whose
  // credentials went missing ran an anonymous Teams endpoint and the pick-anyone playground on
  // real data. Now it needs DEMO=on, or DEMO=auto on the embedded database (as on a fresh clone).
  const demoMode = !platform && (env.DEMO === "on" || (env.DEMO === "auto" && !env.DATABASE_URL));
  return {
    env,
    database: env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: env.DATA_DIR },
    slackEnabled,
    teamsEnabled,
    emailEnabled: Boolean(env.SMTP_URL && env.MAIL_FROM),
    demoMode,
    demoAutomatic: demoMode && env.DEMO === "auto",
    host: env.HOST ?? (demoMode ? "127.0.0.1" : "0.0.0.0"),
  };
}

function demoProblems(env: Env, platform: boolean): string[] {
  if (!platform || env.DEMO !== "on") return [];
  return ["DEMO: staat op on, maar Slack of Teams is ingesteld; de demo-modus (speeltuin, anoniem /api/messages) gaat niet samen met echte koppelingen. Maak DEMO leeg of zet het op off."];
}

/**
 * What stops the bot from serving with this configuration: no chat platform and no demo mode.
 * Checked at start, not in loadConfig, so that commands that only need the database (db:seed,
 * admin) run without platform settings.
 */
export function startProblems(config: Config): string[] {
  if (config.slackEnabled || config.teamsEnabled || config.demoMode) return [];
  const reason = config.env.DEMO === "off" ? "DEMO=off en geen Slack of Teams ingesteld." : "Geen Slack of Teams ingesteld, en met DATABASE_URL start de demo-modus niet vanzelf.";
  return [noPlatformProblem(reason)];
}

/** Why the bot will not start without a chat platform, and what to set. */
export function noPlatformProblem(reason: string): string {
  return (
    `DEMO: ${reason} Zet Slack (SLACK_SIGNING_SECRET en SLACK_BOT_TOKEN, of SLACK_MODE=socket met SLACK_APP_TOKEN en SLACK_BOT_TOKEN) ` +
    `of Teams (MICROSOFT_APP_ID met MICROSOFT_APP_PASSWORD of een certificaat); zie README, "Slack koppelen" en "Teams koppelen". ` +
    `Of zet DEMO=on voor de demo-modus: een speeltuin waarin iedereen elke persoon kan spelen, alleen om te proberen.`
  );
}

const TEAMS_SETTINGS = [
  "MICROSOFT_APP_PASSWORD",
  "MICROSOFT_APP_TENANT_ID",
  "MICROSOFT_APP_CERTIFICATE_THUMBPRINT",
  "MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY",
  "MICROSOFT_BOT_OPENID_METADATA",
] as const;

// Without MICROSOFT_APP_ID the Teams endpoint takes every request unchecked (emulator and demo
// mode), so a half-configured deployment stops here instead of starting wide open. The rest
// mirrors what botbuilder asserts when it builds the credentials, but names our variables.
function teamsProblems(env: Env, typeGiven: boolean): string[] {
  const type = env.MICROSOFT_APP_TYPE;
  if (!env.MICROSOFT_APP_ID) {
    // SingleTenant is what .env.example ships and MultiTenant what it shipped before: alone, either
    // is no half-filled set. A managed identity without an app id is.
    const stray = [...TEAMS_SETTINGS.filter((key) => env[key] !== undefined), ...(typeGiven && type === "UserAssignedMSI" ? ["MICROSOFT_APP_TYPE"] : [])];
    if (stray.length === 0) return [];
    return [
      `MICROSOFT_APP_ID: ontbreekt, terwijl ${stray.join(", ")} wel ${stray.length === 1 ? "is" : "zijn"} ingesteld. Zonder app-id neemt /api/messages elk verzoek aan zonder controle; zet MICROSOFT_APP_ID (de app-id van de Azure Bot) of maak de andere Teams-variabelen leeg.`,
    ];
  }
  const problems: string[] = [];
  const password = env.MICROSOFT_APP_PASSWORD !== undefined;
  const thumbprint = env.MICROSOFT_APP_CERTIFICATE_THUMBPRINT !== undefined;
  const privateKey = env.MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY !== undefined;
  const certificate = thumbprint || privateKey;
  if (type !== "MultiTenant" && !env.MICROSOFT_APP_TENANT_ID) {
    problems.push(`MICROSOFT_APP_TENANT_ID: nodig bij MICROSOFT_APP_TYPE=${type} (de tenant-id van de app-registratie)`);
  }
  if (certificate && !(thumbprint && privateKey)) {
    problems.push(`${thumbprint ? "MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY" : "MICROSOFT_APP_CERTIFICATE_THUMBPRINT"}: nodig voor aanmelden met een certificaat (zet de vingerafdruk én de private key)`);
  }
  if (type === "UserAssignedMSI") {
    if (password) problems.push("MICROSOFT_APP_PASSWORD: laat leeg bij MICROSOFT_APP_TYPE=UserAssignedMSI (de managed identity meldt zich zelf aan)");
    if (certificate) problems.push("MICROSOFT_APP_CERTIFICATE_THUMBPRINT, MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: laat leeg bij MICROSOFT_APP_TYPE=UserAssignedMSI");
  } else if (!password && !certificate) {
    problems.push(
      `MICROSOFT_APP_PASSWORD: nodig bij MICROSOFT_APP_TYPE=${type} (het clientgeheim van de app-registratie), of meld aan met een certificaat via MICROSOFT_APP_CERTIFICATE_THUMBPRINT en MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY`,
    );
  } else if (password && certificate) {
    problems.push("MICROSOFT_APP_PASSWORD: kies één manier van aanmelden; zet het clientgeheim óf het certificaat (MICROSOFT_APP_CERTIFICATE_*), niet allebei");
  }
  return problems;
}

const SLACK_SETTINGS = ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;
const SLACK_OAUTH = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

// Slack starts only with a complete set: a signing secret alone (HTTP) or an app token alone
// (socket) used to be enough to enable it, anything else was silently ignored.
function slackProblems(env: Env): string[] {
  const socket = env.SLACK_MODE === "socket";
  if (!socket && !SLACK_SETTINGS.some((key) => env[key] !== undefined)) return [];
  const problems: string[] = [];
  const oauthSet = SLACK_OAUTH.filter((key) => env[key] !== undefined);
  const oauth = oauthSet.length === SLACK_OAUTH.length;
  if (oauthSet.length > 0 && !oauth) {
    const missing = SLACK_OAUTH.filter((key) => env[key] === undefined);
    problems.push(`${missing.join(", ")}: ${missing.length === 1 ? "hoort" : "horen"} bij ${oauthSet.join(", ")}; installaties per werkruimte (OAuth) hebben alle drie nodig`);
  }
  if (socket) {
    if (!env.SLACK_APP_TOKEN) problems.push("SLACK_APP_TOKEN: nodig bij SLACK_MODE=socket (het app-level token, xapp-…)");
    if (!env.SLACK_BOT_TOKEN) problems.push("SLACK_BOT_TOKEN: nodig bij SLACK_MODE=socket (socket-modus bedient één werkruimte)");
    return problems;
  }
  if (!env.SLACK_SIGNING_SECRET) {
    problems.push(`SLACK_SIGNING_SECRET: nodig in HTTP-modus (Basic Information → Signing Secret)${env.SLACK_APP_TOKEN ? "; of zet SLACK_MODE=socket voor Socket Mode" : ""}`);
  }
  // Anyone can create a workspace and give an account a coordinator's e-mail address; only a list of
  // the network's own workspaces keeps such an install out (issue 15.1).
  if (oauth && !env.SLACK_ALLOWED_TEAMS) {
    problems.push(
      "SLACK_ALLOWED_TEAMS: nodig bij installaties per werkruimte (OAuth); zet de team-id's van je eigen werkruimtes (T…, of E… voor een Enterprise Grid-organisatie), gescheiden door komma's. Zonder die lijst kan elke werkruimte de app installeren en leden via hun e-mailadres claimen. " +
        "(Required for OAuth installs: the ids of your own workspaces, comma-separated.)",
    );
  }
  if (!env.SLACK_BOT_TOKEN && !oauth) {
    problems.push("SLACK_BOT_TOKEN: nodig voor één werkruimte (xoxb-…), of zet SLACK_CLIENT_ID, SLACK_CLIENT_SECRET en SLACK_STATE_SECRET voor installaties per werkruimte");
  }
  return problems;
}

// E-mail starts only with both settings: an SMTP server without a sender address (or the other way
// round) would queue every e-mail and fail each one.
function emailProblems(env: Env): string[] {
  const given = (["SMTP_URL", "MAIL_FROM", "MAIL_REPLY_TO"] as const).filter((key) => env[key] !== undefined);
  if (given.length === 0) return [];
  const missing = (["SMTP_URL", "MAIL_FROM"] as const).filter((key) => env[key] === undefined);
  if (missing.length === 0) return [];
  const what = { SMTP_URL: "de mailserver (smtps://gebruiker:wachtwoord@smtp.example.nl:465)", MAIL_FROM: "het afzenderadres (Netwerkbot <bot@example.nl>)" };
  return [`${missing.join(", ")}: ${missing.length === 1 ? "hoort" : "horen"} bij ${given.join(", ")}; e-mail versturen heeft ${missing.map((key) => what[key]).join(" en ")} nodig (zie README, "E-mail instellen")`];
}

// One address, optionally with a display name: "Netwerkbot <bot@example.nl>" or "bot@example.nl".
function isMailbox(value: string): boolean {
  const match = /^(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))$/.exec(value.trim());
  const address = match?.[1] ?? match?.[2];
  return address !== undefined && z.string().email().safeParse(address).success;
}

/** The bare address of MAIL_FROM / MAIL_REPLY_TO (validated by isMailbox). */
export function mailboxAddress(value: string): string {
  const match = /<([^<>\s]+)>/.exec(value);
  return (match?.[1] ?? value).trim();
}

function isTrustProxy(value: string): boolean {
  if (/^\d+$/.test(value)) return Number(value) <= 10;
  return value.split(",").every((part) => {
    const [address = "", prefix, ...rest] = part.trim().split("/");
    if (rest.length > 0) return false;
    if (prefix === undefined && ["loopback", "linklocal", "uniquelocal"].includes(address)) return true;
    const family = isIP(address);
    return family !== 0 && (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)));
  });
}

function isPrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
