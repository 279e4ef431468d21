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
  HOST: z.string().default("0.0.0.0"),
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

  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),

  // Scheduler and outbox (src/scheduler, src/delivery). Rates are per instance: with several
  // instances give each its share. Slack: ~1 message/s per conversation and a workspace cap of
  // a few hundred a minute; Teams: 50 requests/s per app per tenant.
  // auto: on, except under NODE_ENV=test, so other suites' outboxes are not sent behind their back.
  SCHEDULER: z.enum(["auto", "on", "off"]).default("auto"),
  EVENT_REMINDER_HOURS: z.coerce.number().min(1).max(168).default(24),
  OUTBOX_RATE_SLACK: z.coerce.number().positive().max(1_000).default(4),
  OUTBOX_RATE_TEAMS: z.coerce.number().positive().max(1_000).default(20),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3_600).default(60),
  INSTANCE_ID: optionalString,
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env;
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
  slackEnabled: boolean;
  teamsEnabled: boolean;
  /** No chat platform configured: serve the local playground on the demo data. */
  demoMode: boolean;
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
  return {
    env,
    database: env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: env.DATA_DIR },
    slackEnabled,
    teamsEnabled,
    demoMode: !slackEnabled && !teamsEnabled,
  };
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
